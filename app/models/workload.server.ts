// Reads for the workload estimate on the review settings page: the learner's card memory
// states, how many cards are still new, recent rating times (their pace) and a fingerprint of
// the deck that changes whenever the estimate could.
import { col, sql } from "~/utils/sql.server.ts";
import { State } from "ts-fsrs";
import { Prisma } from "~/generated/prisma-sqlite/client.ts";
import { db } from "~/utils/db.server.ts";

export interface SampledCard {
  state: number;
  stability: number;
  difficulty: number;
  due: Date;
  lastReview: Date | null;
  /** How many of the learner's cards this one stands for. */
  weight: number;
}

/**
 * Started, unsuspended cards with their memory state: all of them up to `max`, else every k-th
 * in due order (so every part of the forecast is represented), each standing for its share.
 * The database picks the sample: turning 20,000 rows into objects costs more than simulating them.
 */
export async function startedCardSample(userId: string, max: number): Promise<{ cards: SampledCard[]; total: number }> {
  const started = Prisma.sql`"userId" = ${userId} AND "suspended" = ${false} AND "state" <> ${State.New}`;
  const [counted] = await sql.rows<{ n: bigint | number }>(
    Prisma.sql`SELECT COUNT(*) AS "n" FROM "ReviewCard" WHERE ${started}`,
  );
  const total = Number(counted.n);
  const step = Math.max(1, Math.ceil(total / max));
  const rows = await sql.rows<Record<"state" | "stability" | "difficulty" | "due" | "lastReview", unknown>>(Prisma.sql`
    SELECT "state", "stability", "difficulty", "due", "lastReview" FROM (
      SELECT "state", "stability", "difficulty", "due", "lastReview",
        ROW_NUMBER() OVER (ORDER BY "due", "id") - 1 AS "rn"
      FROM "ReviewCard" WHERE ${started}
    ) AS "ranked" WHERE "rn" % ${step} = 0`);
  const weight = rows.length ? total / rows.length : 1;
  return {
    total,
    cards: rows.map((r) => ({
      state: Number(r.state),
      stability: Number(r.stability),
      difficulty: Number(r.difficulty),
      due: new Date(r.due as string | Date),
      lastReview: r.lastReview == null ? null : new Date(r.lastReview as string | Date),
      weight,
    })),
  };
}

/** Unsuspended cards in the deck never rated (own cards, missed-question cards). */
export function countNewDeckCards(userId: string) {
  return db.reviewCard.count({ where: { userId, suspended: false, state: State.New } });
}

/** When the learner's latest `limit` ratings happened. */
export async function recentRatingTimes(userId: string, limit: number): Promise<Date[]> {
  // Raw SQL: the home page reads it on every load.
  const rows = await sql.rows(Prisma.sql`
    SELECT "review" FROM "ReviewLog" WHERE "userId" = ${userId} ORDER BY "review" DESC LIMIT ${limit}`);
  return rows.map((r) => col.date(r.review));
}

/**
 * Changes when a rating is saved or undone, or a card is added, suspended or unsuspended: what
 * the estimate's cache is keyed on (with the preferences and the day).
 */
export async function deckFingerprint(userId: string) {
  const [ratings, cards] = await Promise.all([
    db.reviewLog.aggregate({ where: { userId }, _count: { _all: true }, _max: { review: true } }),
    db.reviewCard.groupBy({ by: ["suspended"], where: { userId }, _count: { _all: true } }),
  ]);
  return [
    ratings._count._all,
    ratings._max.review?.getTime() ?? 0,
    ...cards.map((c) => `${c.suspended}:${c._count._all}`).sort(),
  ].join("|");
}
