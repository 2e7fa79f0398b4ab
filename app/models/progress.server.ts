// Data access for the progress dashboard and study plan: activity roll-up rows, the evidence
// for mastery, and plan preferences. The roll-up itself is app/progress/rollup.server.ts.
import { col, sql } from "~/utils/sql.server.ts";
import { Prisma } from "~/generated/prisma-sqlite/client.ts";
import { recallNow } from "./recall.server.ts";
import { db } from "~/utils/db.server.ts";
import { State } from "ts-fsrs";

/** Where a learner's activity roll-up got to: events up to `through` are in ActivityDay. */
export async function rollupCursor(userId: string): Promise<{ through: Date; lastEventAt: Date | null } | null> {
  // Raw SQL: every dashboard, plan and home page load asks (0.4 ms through Prisma's compiler).
  const [row] = await sql.rows(Prisma.sql`
    SELECT "through", "lastEventAt" FROM "ActivityRollup" WHERE "userId" = ${userId}`);
  return row ? { through: col.date(row.through), lastEventAt: col.dateOrNull(row.lastEventAt) } : null;
}

/** The times of a learner's reviews, answers and finished lessons in (since, through]. */
export async function studyEventsBetween(userId: string, since: Date, through: Date) {
  const window = { gt: since, lte: through };
  const [reviews, answers, lessons] = await Promise.all([
    db.reviewLog.findMany({ where: { userId, review: window }, select: { review: true } }),
    // An answer is only saved while its attempt is open, so older submitted attempts are skipped.
    db.attemptItem.findMany({
      where: { attempt: { userId, OR: [{ submittedAt: null }, { submittedAt: { gt: since } }] }, answeredAt: window },
      select: { answeredAt: true },
    }),
    db.lessonCompletion.findMany({
      where: { userId, completedAt: window },
      select: { completedAt: true, lessonSlug: true },
    }),
  ]);
  return {
    reviews: reviews.map((r) => r.review),
    answers: answers.map((a) => a.answeredAt!),
    lessons: lessons.map((l) => ({ at: l.completedAt, slug: l.lessonSlug })),
  };
}

export interface DayTotalsRow {
  day: string;
  seconds: number;
  reviews: number;
  answers: number;
  lessons: number;
}

/**
 * Adds rolled-up day totals and moves the cursor from `from` (null: the first roll-up) to
 * `through`, in one transaction. False when another request moved the cursor first (its roll-up
 * stands and this one is dropped): the cursor update is conditional.
 */
export async function saveRollup(
  userId: string,
  from: Date | null,
  through: Date,
  lastEventAt: Date | null,
  days: DayTotalsRow[],
): Promise<boolean> {
  try {
    await db.$transaction(async (tx) => {
      if (from) {
        const moved = await tx.activityRollup.updateMany({
          where: { userId, through: from },
          data: { through, lastEventAt },
        });
        if (moved.count !== 1) throw new RollupRace();
      } else {
        await tx.activityRollup.create({ data: { userId, through, lastEventAt } });
      }
      for (const d of days) {
        const { day, ...totals } = d;
        await tx.activityDay.upsert({
          where: { userId_day: { userId, day } },
          create: { userId, day, ...totals },
          update: {
            seconds: { increment: totals.seconds },
            reviews: { increment: totals.reviews },
            answers: { increment: totals.answers },
            lessons: { increment: totals.lessons },
          },
        });
      }
    });
    return true;
  } catch (error) {
    if (error instanceof RollupRace || isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Moves the cursor without new totals (nothing happened), conditionally like saveRollup. */
export function advanceRollup(userId: string, from: Date, through: Date) {
  return db.activityRollup.updateMany({ where: { userId, through: from }, data: { through } });
}

class RollupRace extends Error {}
function isUniqueViolation(error: unknown) {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

export async function activityDays(userId: string, fromDay: string): Promise<DayTotalsRow[]> {
  // Raw SQL: the dashboard reads it whenever the learner has done something since its last load.
  const rows = await sql.rows(Prisma.sql`
    SELECT "day", "seconds", "reviews", "answers", "lessons" FROM "ActivityDay"
    WHERE "userId" = ${userId} AND "day" >= ${fromDay}
    ORDER BY "day" ASC`);
  return rows.map((r) => ({
    day: col.text(r.day),
    seconds: col.int(r.seconds),
    reviews: col.int(r.reviews),
    answers: col.int(r.answers),
    lessons: col.int(r.lessons),
  }));
}

/** The learner's attempts, newest first (for the score trend and mock recency). */
export async function attemptSummaries(userId: string) {
  // Raw SQL: the home page and the dashboard read it on every load.
  const rows = await sql.rows(Prisma.sql`
    SELECT "a"."id", "a"."kind", "a"."mode", "a"."submittedAt", "a"."scoredCorrect", "a"."scoredTotal",
      "a"."scaledScore", "a"."answeredCount",
      (SELECT COUNT(*) FROM "AttemptItem" AS "i" WHERE "i"."attemptId" = "a"."id") AS "itemCount"
    FROM "ExamAttempt" AS "a"
    WHERE "a"."userId" = ${userId} AND "a"."status" = 'submitted'
    ORDER BY "a"."submittedAt" DESC`);
  return rows.map((r) => ({
    id: col.text(r.id),
    kind: col.text(r.kind),
    mode: col.text(r.mode),
    submittedAt: col.dateOrNull(r.submittedAt),
    scoredCorrect: col.intOrNull(r.scoredCorrect),
    scoredTotal: col.intOrNull(r.scoredTotal),
    scaledScore: col.intOrNull(r.scaledScore),
    answeredCount: col.intOrNull(r.answeredCount),
    itemCount: col.int(r.itemCount),
  }));
}

export interface AreaCount {
  attemptId: string;
  domainId: string;
  knowledgeArea: string;
  answered: number;
  correct: number;
}

/**
 * Graded answers in the given attempts, counted per attempt and knowledge area (the database
 * does the counting; double-quoted identifiers work on SQLite and PostgreSQL alike).
 */
export async function answerCounts(attemptIds: string[]): Promise<AreaCount[]> {
  if (!attemptIds.length) return [];
  const rows = await sql.rows<{
    attemptId: string;
    domainId: string;
    knowledgeArea: string;
    answered: number | bigint | string;
    correct: number | bigint | string;
  }>(Prisma.sql`
    SELECT i."attemptId" AS "attemptId", q."domainId" AS "domainId", q."knowledgeArea" AS "knowledgeArea",
      COUNT(*) AS "answered", SUM(CASE WHEN i."isCorrect" THEN 1 ELSE 0 END) AS "correct"
    FROM "AttemptItem" i
    JOIN "QuestionVersion" v ON v."id" = i."questionVersionId"
    JOIN "Question" q ON q."id" = v."questionId"
    WHERE i."attemptId" IN (${Prisma.join(attemptIds)}) AND i."isCorrect" IS NOT NULL
    GROUP BY i."attemptId", q."domainId", q."knowledgeArea"`);
  return rows.map((r) => ({
    attemptId: r.attemptId,
    domainId: r.domainId,
    knowledgeArea: r.knowledgeArea,
    answered: Number(r.answered),
    correct: Number(r.correct),
  }));
}

/** Started cards of one domain and knowledge area: how many, and the sum of their recall probabilities. */
export interface CardMemoryGroup {
  domainId: string;
  knowledgeArea: string | null;
  cards: number;
  recall: number;
}

// A heavy learner has 20,000 cards: the database sums and counts them rather than sending
// every row.

/**
 * Per domain and knowledge area: started, unsuspended cards and the sum of their recall
 * probabilities now (FSRS's forgetting curve, models/recall.server.ts).
 */
export async function cardMemory(
  userId: string,
  now: Date,
  weights: readonly number[] | null,
): Promise<CardMemoryGroup[]> {
  const rows = await sql.rows<{
    domainId: string;
    knowledgeArea: string | null;
    n: bigint | number;
    r: number;
  }>(Prisma.sql`
    SELECT "domainId", "knowledgeArea", COUNT(*) AS "n",
      SUM(${recallNow(now, weights, null)}) AS "r"
    FROM "ReviewCard"
    WHERE "userId" = ${userId} AND "state" <> ${State.New} AND "suspended" = ${false} AND "stability" > 0 AND "lastReview" IS NOT NULL
    GROUP BY "domainId", "knowledgeArea"`);
  return rows.map((r) => ({
    domainId: r.domainId,
    knowledgeArea: r.knowledgeArea,
    cards: Number(r.n),
    recall: Number(r.r),
  }));
}

/**
 * What a learner's progress figures depend on besides the clock and their settings, in one
 * round trip. `cards`: their latest rating (a rating adds a log row, an undo removes one), how
 * many cards are suspended, and how many are buried now. `evidence`: submitted attempts (a
 * submitted attempt never changes), finished lessons, and the newest event rolled up into
 * activity days.
 */
export async function progressStamp(userId: string, now: Date): Promise<{ cards: string; evidence: string }> {
  const [row] = await sql.rows<Record<string, unknown>>(Prisma.sql`
    SELECT
      (SELECT "id" FROM "ReviewLog" WHERE "userId" = ${userId} ORDER BY "review" DESC LIMIT 1) AS "lastLog",
      (SELECT COUNT(*) FROM "ReviewCard" WHERE "userId" = ${userId} AND "suspended" = ${true}) AS "suspended",
      (SELECT COUNT(*) FROM "ReviewCard" WHERE "userId" = ${userId} AND "buriedUntil" > ${now}) AS "buried",
      (SELECT COUNT(*) FROM "ExamAttempt" WHERE "userId" = ${userId} AND "status" = 'submitted') AS "attempts",
      (SELECT MAX("submittedAt") FROM "ExamAttempt" WHERE "userId" = ${userId} AND "status" = 'submitted') AS "lastSubmitted",
      (SELECT COUNT(*) FROM "LessonCompletion" WHERE "userId" = ${userId}) AS "lessons",
      (SELECT "lastEventAt" FROM "ActivityRollup" WHERE "userId" = ${userId}) AS "lastEvent"`);
  const part = (v: unknown) => (v == null ? "-" : v instanceof Date ? v.toISOString() : String(v));
  return {
    cards: [row.lastLog, row.suspended, row.buried].map(part).join("|"),
    evidence: [row.attempts, row.lastSubmitted, row.lessons, row.lastEvent].map(part).join("|"),
  };
}
