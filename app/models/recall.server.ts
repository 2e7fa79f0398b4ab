// A card's predicted recall now, in SQL: FSRS's forgetting curve R = (1 + factor · t / S) ^ decay
// (t days since the last review, S the stability; factor and decay from the learner's parameters,
// as ts-fsrs computes them). The progress page sums it and the priority queue orders by it, so
// it is written once, here.
import { computeDecayFactor, default_w } from "ts-fsrs";
import { Prisma } from "~/generated/prisma-sqlite/client.ts";
import { daysSince, float } from "./sql-dialect.server.ts";

/** Recall probability of a "ReviewCard" row (alias `r`, or unqualified columns with `null`) at `now`; 0 when never reviewed. */
export function recallNow(now: Date, weights: readonly number[] | null, r: string | null = "r"): Prisma.Sql {
  const { decay, factor } = computeDecayFactor(weights?.length ? [...weights] : default_w);
  const column = (name: string) => Prisma.raw(r ? `"${r}"."${name}"` : `"${name}"`);
  const elapsed = daysSince(column("lastReview"), now);
  return Prisma.sql`(CASE WHEN ${column("stability")} > 0 AND ${column("lastReview")} IS NOT NULL
    THEN power(1 + ${float(factor)} * ${elapsed} / ${column("stability")}, ${float(decay)}) ELSE 0 END)`;
}
