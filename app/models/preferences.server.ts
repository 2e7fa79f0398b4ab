// A learner's preferences (table "Preferences"): review limits and target recall, the trained
// FSRS parameters, the exam date and the study plan. The account row (User) keeps identity and
// the time zone; the session carries identity only, so every reader asks here.
import { raceSafeUpsert } from "./upsert.server.ts";
import { Prisma } from "~/generated/prisma-sqlite/client.ts";
import { col, sql } from "~/utils/sql.server.ts";
import { db } from "~/utils/db.server.ts";

export interface Preferences {
  desiredRetention: number;
  newCardsPerDay: number;
  reviewsPerDay: number;
  fsrsWeights: string | null;
  examDate: Date | null;
  studyWeekdays: string;
  studyMinutes: number;
  studyStartTime: string;
  learningSteps: string;
  relearningSteps: string;
  loadBalance: boolean;
  lightWeekdays: string;
  finalReview: boolean;
  catchUpCap: number | null;
  catchUpSince: Date | null;
  memoryHelpSeen: boolean;
  /** ISO weekdays with time for a full mock, "6,7". */
  longWeekdays: string;
  /** Days off the study plan, comma-separated YYYY-MM-DD. */
  daysOff: string;
}

/** Preferences with the learner's time zone: what the scheduler, the queue and the plan read. */
export type LearnerPreferences = Preferences & { timeZone: string };

type Row = Record<keyof LearnerPreferences, unknown> & { userId: unknown };

// Read on every card a learner sees: one hand-written indexed query (decision record 005), with
// the row normalized (raw results type dates and numbers differently per database).
const { flag } = col;

function fromRow(row: Row): LearnerPreferences {
  return {
    timeZone: String(row.timeZone),
    desiredRetention: Number(row.desiredRetention),
    newCardsPerDay: Number(row.newCardsPerDay),
    reviewsPerDay: Number(row.reviewsPerDay),
    fsrsWeights: row.fsrsWeights == null ? null : String(row.fsrsWeights),
    examDate: row.examDate == null ? null : new Date(row.examDate as string | Date),
    studyWeekdays: String(row.studyWeekdays),
    studyMinutes: Number(row.studyMinutes),
    studyStartTime: String(row.studyStartTime),
    learningSteps: String(row.learningSteps),
    relearningSteps: String(row.relearningSteps),
    loadBalance: flag(row.loadBalance),
    lightWeekdays: String(row.lightWeekdays),
    finalReview: flag(row.finalReview),
    catchUpCap: row.catchUpCap == null ? null : Number(row.catchUpCap),
    catchUpSince: row.catchUpSince == null ? null : new Date(row.catchUpSince as string | Date),
    memoryHelpSeen: flag(row.memoryHelpSeen),
    longWeekdays: String(row.longWeekdays),
    daysOff: String(row.daysOff),
  };
}

export async function learnerPreferences(userId: string): Promise<LearnerPreferences> {
  const [row] = await sql.rows<Row>(Prisma.sql`
    SELECT "u"."timeZone", "p"."userId", "p"."desiredRetention", "p"."newCardsPerDay", "p"."reviewsPerDay",
      "p"."fsrsWeights", "p"."examDate", "p"."studyWeekdays", "p"."studyMinutes", "p"."studyStartTime",
      "p"."learningSteps", "p"."relearningSteps", "p"."loadBalance", "p"."lightWeekdays", "p"."finalReview",
      "p"."catchUpCap", "p"."catchUpSince", "p"."memoryHelpSeen", "p"."longWeekdays", "p"."daysOff"
    FROM "User" AS "u" LEFT JOIN "Preferences" AS "p" ON "p"."userId" = "u"."id"
    WHERE "u"."id" = ${userId}`);
  if (!row) throw new Error(`No user ${userId}`);
  if (row.userId != null) return fromRow(row);
  // An account made before preferences had their own table, or by a script: defaults, stored.
  const created = await raceSafeUpsert(() =>
    db.preferences.upsert({ where: { userId }, create: { userId }, update: {} }),
  );
  return { timeZone: String(row.timeZone), ...created };
}

/** Saves some preferences (creating the row if needed); `timeZone` goes to the account. */
export async function savePreferences(userId: string, data: Partial<Preferences> & { timeZone?: string }) {
  const { timeZone, ...prefs } = data;
  await raceSafeUpsert(() =>
    db.$transaction([
      db.preferences.upsert({
        where: { userId },
        create: { userId, ...prefs },
        update: prefs,
        select: { userId: true },
      }),
      ...(timeZone ? [db.user.update({ where: { id: userId }, data: { timeZone }, select: { id: true } })] : []),
    ]),
  );
}

/** The learner's weekly goal in study days, or null for "as many as my study weekdays". */
export async function weeklyGoalDays(userId: string): Promise<number | null> {
  // Raw SQL: the home page reads it on every load.
  const [row] = await sql.rows(Prisma.sql`SELECT "weeklyGoalDays" FROM "Preferences" WHERE "userId" = ${userId}`);
  return row ? col.intOrNull(row.weeklyGoalDays) : null;
}

export async function saveWeeklyGoalDays(userId: string, days: number | null) {
  await raceSafeUpsert(() =>
    db.preferences.upsert({
      where: { userId },
      create: { userId, weeklyGoalDays: days },
      update: { weeklyGoalDays: days },
      select: { userId: true },
    }),
  );
}
