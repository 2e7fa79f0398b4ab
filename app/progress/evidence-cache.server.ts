// Per-process caches for the dashboard's heaviest reads. Another process, or a restart, just
// computes again; nothing here is a source of truth.
import { LRUCache } from "lru-cache";
import * as store from "~/models/progress.server.ts";
import { dueCounts } from "~/models/review.server.ts";

// A submitted attempt never changes, so its counts are kept once computed.
const submittedCounts = new LRUCache<string, store.AreaCount[]>({ max: 20_000 });

/** Graded answers of SUBMITTED attempts per attempt and knowledge area, each attempt counted once per process. */
export async function submittedAnswerCounts(attemptIds: string[]): Promise<store.AreaCount[]> {
  const missing = attemptIds.filter((id) => !submittedCounts.has(id));
  if (missing.length) {
    const byAttempt = new Map<string, store.AreaCount[]>(missing.map((id) => [id, []]));
    for (const row of await store.answerCounts(missing)) byAttempt.get(row.attemptId)!.push(row);
    for (const [id, counts] of byAttempt) submittedCounts.set(id, counts);
  }
  return attemptIds.flatMap((id) => submittedCounts.get(id) ?? []);
}

// Card sums change only when the cards do (store.progressStamp's `cards`). Keyed on that, plus
// the study day and the FSRS weights, they are reused for a few minutes (recall drifts
// negligibly meanwhile).
const cardSums = new LRUCache<string, { memory: store.CardMemoryGroup[]; due: number[] }>({
  max: 1_000,
  ttl: 5 * 60_000,
});

/** Recall sums per knowledge area and the due forecast (cards due before each of `forecastEnds`). */
export async function cardSummary(
  userId: string,
  cardsStamp: string,
  now: Date,
  weights: readonly number[] | null,
  forecastEnds: Date[],
) {
  const key = [userId, cardsStamp, forecastEnds[0]?.toISOString(), weights?.join(",") ?? "default"].join("|");
  const cached = cardSums.get(key);
  if (cached) return cached;
  const [memory, due] = await Promise.all([store.cardMemory(userId, now, weights), dueCounts(userId, forecastEnds)]);
  const value = { memory, due };
  cardSums.set(key, value);
  return value;
}
