// What review placement and the exam-day prediction read: the learner's reviews due per study
// day over a short range (the balancer, on every rating), and the cards due today with their
// memory state (the prediction's "after today's work"). The rules of "due" are due.server.ts's.
import { sql } from "~/utils/sql.server.ts";
import { Prisma } from "~/generated/prisma-sqlite/client.ts";
import * as due from "./due.server.ts";
import { cachedBalanceCounts, storeBalanceCounts } from "./balance-counts.server.ts";
import { dueCounts, rawCardFields, type CardFields } from "./review.server.ts";

/**
 * Reviews due in each of `days` (consecutive study days, ascending), by effective due time
 * (burials included, also a card due before the first day and buried into the range): range
 * counts on the due and burial indexes (due.countsByEffectiveDay).
 */
export function dueCountsByDay(userId: string, days: readonly { start: Date; end: Date }[]): Promise<number[]> {
  return dueCounts(
    userId,
    days.map((d) => d.end),
    days[0]?.start ?? null,
  );
}

/** dueCountsByDay for the load balancer: from balance-counts.server.ts's cache when it has them. */
export async function balanceDueCounts(userId: string, days: readonly { start: Date; end: Date }[]): Promise<number[]> {
  const cached = cachedBalanceCounts(userId, days);
  if (cached) return cached;
  const counts = await dueCountsByDay(userId, days);
  storeBalanceCounts(userId, days, counts);
  return counts;
}

/** Up to `limit` cards due before `dayEnd` (most overdue first) with their memory state. */
export async function dueCardsBefore(userId: string, dayEnd: Date, limit: number): Promise<CardFields[]> {
  const rows = await sql.rows<Record<string, unknown>>(Prisma.sql`
    SELECT "r"."due", "r"."stability", "r"."difficulty", "r"."elapsedDays", "r"."scheduledDays", "r"."learningSteps",
      "r"."reps", "r"."lapses", "r"."state", "r"."lastReview"
    FROM "ReviewCard" AS "r" WHERE ${due.dueBefore(userId, dayEnd)}
    ORDER BY "r"."due" LIMIT ${limit}`);
  return rows.map(rawCardFields);
}
