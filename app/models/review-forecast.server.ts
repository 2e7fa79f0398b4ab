// What review placement and the exam-day prediction read: the learner's reviews due per study
// day over a short range (the balancer, on every rating), and the cards due today with their
// memory state (the prediction's "after today's work"). The rules of "due" are due.server.ts's.
import { sql } from "~/utils/sql.server.ts";
import { Prisma } from "~/generated/prisma-sqlite/client.ts";
import * as due from "./due.server.ts";
import { rawCardFields, type CardFields } from "./review.server.ts";

/**
 * Reviews due in each of `days` (consecutive study days, ascending): one indexed range count over
 * the due index (userId, suspended, due, state, buriedUntil), read from the index alone. A day
 * counts the cards whose effective due time (burials included) falls in it.
 */
export async function dueCountsByDay(userId: string, days: readonly { start: Date; end: Date }[]): Promise<number[]> {
  const counts = new Array<number>(days.length).fill(0);
  if (!days.length) return counts;
  const bucket = Prisma.join(
    days.map((d, i) => Prisma.sql`WHEN ${due.effectiveDue()} < ${d.end} THEN ${Prisma.raw(String(i))}`),
    " ",
  );
  const rows = await sql.rows<{ bucket: number | bigint; n: number | bigint }>(Prisma.sql`
    SELECT CASE ${bucket} END AS "bucket", COUNT(*) AS "n" FROM "ReviewCard" AS "r"
    WHERE ${due.dueBefore(userId, days.at(-1)!.end)} AND "r"."due" >= ${days[0].start}
    GROUP BY 1`);
  for (const r of rows) counts[Number(r.bucket)] = Number(r.n);
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
