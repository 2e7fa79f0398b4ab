// Browse cards: the learner's cards filtered, sorted and paged, each with its memory now.
import * as store from "~/models/review.server.ts";
import { cardMemory, recallBelowRatio } from "./memory.ts";

export type { BrowseOrder, BrowseSort } from "~/models/review.server.ts";

export async function browseDeck(
  userId: string,
  input: {
    filter: Omit<store.BrowseFilter, "ratioAbove">;
    /** Started cards whose recall now is below this probability. */
    recallBelow?: number;
    order: store.BrowseOrder;
    take: number;
    skip: number;
  },
  weights: readonly number[] | null,
  now = new Date(),
) {
  const ratioAbove = input.recallBelow === undefined ? undefined : recallBelowRatio(input.recallBelow, weights);
  const [rows, total] = await store.browseCards(
    userId,
    { ...input.filter, ratioAbove },
    input.take,
    input.skip,
    input.order,
    now,
  );
  return { total, cards: rows.map((card) => ({ card, memory: cardMemory(card, now, weights) })) };
}
