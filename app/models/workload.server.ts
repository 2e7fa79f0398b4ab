// Reads for the workload estimate on the review settings page: the learner's card memory
// states, how many cards are still new, recent rating times (their pace) and a fingerprint of
// the deck that changes whenever the estimate could.
import { State } from "ts-fsrs";
import { db } from "~/utils/db.server.ts";

/** Started, unsuspended cards with their memory state (a 20,000-card deck reads in one query). */
export function startedCardMemory(userId: string) {
  return db.reviewCard.findMany({
    where: { userId, suspended: false, state: { not: State.New } },
    select: { state: true, stability: true, difficulty: true, due: true, lastReview: true },
  });
}

/** Unsuspended cards in the deck never rated (own cards, missed-question cards). */
export function countNewDeckCards(userId: string) {
  return db.reviewCard.count({ where: { userId, suspended: false, state: State.New } });
}

/** When the learner's latest `limit` ratings happened. */
export async function recentRatingTimes(userId: string, limit: number): Promise<Date[]> {
  const rows = await db.reviewLog.findMany({
    where: { userId },
    orderBy: { review: "desc" },
    select: { review: true },
    take: limit,
  });
  return rows.map((r) => r.review);
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
