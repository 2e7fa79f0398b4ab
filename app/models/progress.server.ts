// Data access for the progress dashboard and study plan: activity roll-up rows, the evidence
// for mastery, and plan preferences. The roll-up itself is app/progress/rollup.server.ts.
import { LRUCache } from "lru-cache";
import { computeDecayFactor, default_w } from "ts-fsrs";
import { Prisma } from "~/generated/prisma-sqlite/client.ts";
import { daysSince, float } from "./sql-dialect.server.ts";
import { dueCounts } from "./review.server.ts";
import { db } from "~/utils/db.server.ts";
import { State } from "ts-fsrs";

/** Where a learner's activity roll-up got to: events up to `through` are in ActivityDay. */
export function rollupCursor(userId: string) {
  return db.activityRollup.findUnique({ where: { userId }, select: { through: true, lastEventAt: true } });
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

export function activityDays(userId: string, fromDay: string) {
  return db.activityDay.findMany({
    where: { userId, day: { gte: fromDay } },
    orderBy: { day: "asc" },
    select: { day: true, seconds: true, reviews: true, answers: true, lessons: true },
  });
}

/** The learner's attempts, newest first (for the score trend and mock recency). */
export async function attemptSummaries(userId: string) {
  const rows = await db.examAttempt.findMany({
    where: { userId, status: "submitted" },
    orderBy: { submittedAt: "desc" },
    select: {
      id: true,
      kind: true,
      mode: true,
      submittedAt: true,
      scoredCorrect: true,
      scoredTotal: true,
      scaledScore: true,
      answeredCount: true,
      _count: { select: { items: true } },
    },
  });
  return rows.map(({ _count, ...a }) => ({ ...a, itemCount: _count.items }));
}

export interface AreaCount {
  attemptId: string;
  domainId: string;
  knowledgeArea: string;
  answered: number;
  correct: number;
}

// A submitted attempt never changes, so its counts are kept once computed (per process; a
// restart or another process just counts again).
const submittedCounts = new LRUCache<string, AreaCount[]>({ max: 20_000 });

/**
 * Graded answers in the given SUBMITTED attempts, counted per attempt and knowledge area (the
 * database does the counting; double-quoted identifiers work on SQLite and PostgreSQL alike).
 */
export async function answerCounts(attemptIds: string[]): Promise<AreaCount[]> {
  const missing = attemptIds.filter((id) => !submittedCounts.has(id));
  if (missing.length) {
    const rows = await db.$queryRaw<
      {
        attemptId: string;
        domainId: string;
        knowledgeArea: string;
        answered: number | bigint | string;
        correct: number | bigint | string;
      }[]
    >`
      SELECT i."attemptId" AS "attemptId", q."domainId" AS "domainId", q."knowledgeArea" AS "knowledgeArea",
        COUNT(*) AS "answered", SUM(CASE WHEN i."isCorrect" THEN 1 ELSE 0 END) AS "correct"
      FROM "AttemptItem" i
      JOIN "QuestionVersion" v ON v."id" = i."questionVersionId"
      JOIN "Question" q ON q."id" = v."questionId"
      WHERE i."attemptId" IN (${Prisma.join(missing)}) AND i."isCorrect" IS NOT NULL
      GROUP BY i."attemptId", q."domainId", q."knowledgeArea"`;
    const byAttempt = new Map<string, AreaCount[]>(missing.map((id) => [id, []]));
    for (const r of rows)
      byAttempt.get(r.attemptId)!.push({
        attemptId: r.attemptId,
        domainId: r.domainId,
        knowledgeArea: r.knowledgeArea,
        answered: Number(r.answered),
        correct: Number(r.correct),
      });
    for (const [id, counts] of byAttempt) submittedCounts.set(id, counts);
  }
  return attemptIds.flatMap((id) => submittedCounts.get(id) ?? []);
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
 * probabilities now, R = (1 + factor · t / S) ^ decay, FSRS's forgetting curve.
 */
export async function cardMemory(
  userId: string,
  now: Date,
  weights: readonly number[] | null,
): Promise<CardMemoryGroup[]> {
  const { decay, factor } = computeDecayFactor(weights?.length ? weights : default_w);
  const elapsed = daysSince(Prisma.sql`"lastReview"`, now);
  const rows = await db.$queryRaw<{ domainId: string; knowledgeArea: string | null; n: bigint | number; r: number }[]>`
    SELECT "domainId", "knowledgeArea", COUNT(*) AS "n",
      SUM(power(1 + ${float(factor)} * ${elapsed} / "stability", ${float(decay)})) AS "r"
    FROM "ReviewCard"
    WHERE "userId" = ${userId} AND "state" <> ${State.New} AND "suspended" = ${false} AND "stability" > 0 AND "lastReview" IS NOT NULL
    GROUP BY "domainId", "knowledgeArea"`;
  return rows.map((r) => ({
    domainId: r.domainId,
    knowledgeArea: r.knowledgeArea,
    cards: Number(r.n),
    recall: Number(r.r),
  }));
}

// Card sums change only when the learner rates (a log row), undoes (a log row goes), or
// suspends/unsuspends. Keyed on those, plus the study day and the FSRS weights, they are reused
// for a few minutes (recall probabilities drift negligibly in that time).
const cardSums = new LRUCache<string, { memory: CardMemoryGroup[]; due: number[] }>({ max: 1_000, ttl: 5 * 60_000 });

export async function cardSummary(userId: string, now: Date, weights: readonly number[] | null, forecastEnds: Date[]) {
  const [lastLog, suspended, buried] = await Promise.all([
    db.reviewLog.findFirst({ where: { userId }, orderBy: { review: "desc" }, select: { id: true } }),
    db.reviewCard.count({ where: { userId, suspended: true } }),
    // Burying moves a card out of today's count: it must refresh the cached forecast too.
    db.reviewCard.count({ where: { userId, buriedUntil: { gt: now } } }),
  ]);
  const key = [
    userId,
    lastLog?.id ?? "-",
    suspended,
    buried,
    forecastEnds[0]?.toISOString(),
    weights?.join(",") ?? "default",
  ].join("|");
  const cached = cardSums.get(key);
  if (cached) return cached;
  const [memory, due] = await Promise.all([cardMemory(userId, now, weights), dueCounts(userId, forecastEnds)]);
  const value = { memory, due };
  cardSums.set(key, value);
  return value;
}
