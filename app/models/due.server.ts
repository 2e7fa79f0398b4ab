// When a review card is due: the one definition every queue, count and forecast uses, as SQL
// fragments over a "ReviewCard" row (alias `r`), so no query writes the rules out again.
//
// - A card's *effective due time* is the later of its due time and the end of any burial (a
//   buried card, or one held for a withheld key, comes back when the burial ends).
// - *Due today* (review home, deck list, statistics, progress forecast): started, not
//   suspended, effective due time before the study day ends. Learning steps due later today
//   count; cards buried until tomorrow do not. A forecast buckets the same rows by day.
// - *Ready now* (the study queue): started, not suspended, not buried now; (re)learning steps
//   due by the learn-ahead time, reviews due before the study day ends.
// - *New*: the learner's own unstarted cards (missed questions, own cards, undone first ratings)
//   not suspended or buried now, and content cards the learner has not started.
import { Prisma } from "~/generated/prisma-sqlite/client.ts";
import { State } from "ts-fsrs";

const col = (alias: string, name: string) => Prisma.raw(`"${alias}"."${name}"`);

/** The later of due and buried-until. */
export function effectiveDue(r = "r"): Prisma.Sql {
  const due = col(r, "due");
  const buried = col(r, "buriedUntil");
  return Prisma.sql`(CASE WHEN ${buried} IS NOT NULL AND ${buried} > ${due} THEN ${buried} ELSE ${due} END)`;
}

/** Restricts to one deck (exam domain), or none. */
export function inDeck(domain: string | null, alias = "r"): Prisma.Sql {
  return domain ? Prisma.sql`AND ${col(alias, "domainId")} = ${domain}` : Prisma.empty;
}

function notBuriedAt(now: Date, r: string) {
  return Prisma.sql`(${col(r, "buriedUntil")} IS NULL OR ${col(r, "buriedUntil")} <= ${now})`;
}

/** Started cards, not suspended, effectively due before `end` (the study day's end, or a forecast day's). */
export function dueBefore(userId: string, end: Date, r = "r"): Prisma.Sql {
  // The plain due range is implied by the effective one; it gives the database the due index.
  return Prisma.sql`${col(r, "userId")} = ${userId} AND ${col(r, "suspended")} = ${false}
    AND ${col(r, "state")} <> ${State.New} AND ${col(r, "due")} < ${end} AND ${effectiveDue(r)} < ${end}`;
}

/** Cards the study queue may show now; see the header. Callers order by due. */
export function readyNow(userId: string, at: { now: Date; learnAhead: Date; dayEnd: Date }, r = "r"): Prisma.Sql {
  const due = col(r, "due");
  const state = col(r, "state");
  const bound = at.learnAhead > at.dayEnd ? at.learnAhead : at.dayEnd;
  return Prisma.sql`${col(r, "userId")} = ${userId} AND ${col(r, "suspended")} = ${false} AND ${due} <= ${bound}
    AND ${notBuriedAt(at.now, r)}
    AND ((${state} IN (${State.Learning}, ${State.Relearning}) AND ${due} <= ${at.learnAhead})
      OR (${state} = ${State.Review} AND ${due} < ${at.dayEnd}))`;
}

/**
 * The (re)learning steps among the cards ready now (readyNow's first branch, due by `now`). The
 * due test sits in an expression so the planner takes the state index: a learner with a backlog
 * has thousands of overdue reviews in the due index and only a few learning steps.
 */
export function learningReadyNow(userId: string, now: Date, r = "r"): Prisma.Sql {
  return Prisma.sql`${col(r, "userId")} = ${userId} AND ${col(r, "state")} IN (${State.Learning}, ${State.Relearning})
    AND ${col(r, "suspended")} = ${false} AND ${notBuriedAt(now, r)}
    AND (CASE WHEN ${col(r, "due")} <= ${now} THEN 1 ELSE 0 END) = 1`;
}

/** The learner's own new cards available now. */
export function newInDeck(userId: string, now: Date, r = "r"): Prisma.Sql {
  return Prisma.sql`${col(r, "userId")} = ${userId} AND ${col(r, "state")} = ${State.New}
    AND ${col(r, "suspended")} = ${false} AND ${notBuriedAt(now, r)}`;
}

/** Live content cards (alias `c`) the learner has not started. */
export function unstartedContent(userId: string, c = "c"): Prisma.Sql {
  return Prisma.sql`${col(c, "retiredAt")} IS NULL
    AND NOT EXISTS (SELECT 1 FROM "ReviewCard" AS "s" WHERE "s"."userId" = ${userId} AND "s"."contentCardId" = ${col(c, "id")})`;
}

/**
 * Started, unsuspended cards counted by the day their effective due time falls in: bucket i is
 * [ends[i-1], ends[i]), bucket 0 starts at `from` (or holds everything overdue without it). A
 * query returning rows ("b", "n"). Cards not buried past their due time (nearly all) are counted
 * per day as ranges of the due index; the few buried past it are bucketed by their burial's end
 * on the burial index. (One CASE over every row cost six times as much for 20 days.)
 */
export function countsByEffectiveDay(userId: string, ends: readonly Date[], from: Date | null = null): Prisma.Sql {
  const started = Prisma.sql`"r"."userId" = ${userId} AND "r"."suspended" = ${false} AND "r"."state" <> ${State.New}`;
  const byDue = ends.map((end, i) => {
    const lo = i === 0 ? from : ends[i - 1];
    return Prisma.sql`SELECT ${Prisma.raw(String(i))} AS "b", COUNT(*) AS "n" FROM "ReviewCard" AS "r"
      WHERE ${started} ${lo ? Prisma.sql`AND "r"."due" >= ${lo}` : Prisma.empty} AND "r"."due" < ${end}
        AND ("r"."buriedUntil" IS NULL OR "r"."buriedUntil" <= "r"."due")`;
  });
  const bucket = Prisma.join(
    ends.map((end, i) => Prisma.sql`WHEN "r"."buriedUntil" < ${end} THEN ${Prisma.raw(String(i))}`),
    " ",
  );
  const byBurial = Prisma.sql`SELECT "x"."b", "x"."n" FROM (
      SELECT CASE ${bucket} END AS "b", COUNT(*) AS "n" FROM "ReviewCard" AS "r"
      WHERE "r"."userId" = ${userId} ${from ? Prisma.sql`AND "r"."buriedUntil" >= ${from}` : Prisma.empty}
        AND "r"."buriedUntil" < ${ends.at(-1)!} AND "r"."buriedUntil" > "r"."due"
        AND "r"."suspended" = ${false} AND "r"."state" <> ${State.New}
      GROUP BY 1) AS "x"`;
  return Prisma.join([...byDue, byBurial], " UNION ALL ");
}
