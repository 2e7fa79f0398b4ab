// The load balancer's view of a learner's reviews due per study day (placement.server.ts): counted
// once, then kept current by this process's own ratings for a minute. Without it every rating of a
// review card counts the learner's cards on each day of its fuzz range, a fifth of the rating's
// time for a learner with 20,000 cards. Like Anki's load balancer it is a hint, not a rule: the
// card lands inside ts-fsrs's fuzz range whatever the counts say, and a count another process
// changed is read again when the entry expires. The model writes that move a learner's due cards
// otherwise (undo, bury, suspend, key holds, an offline rating replayed into the history) forget
// the learner's entry; new cards are not counted until rated, so creating them changes nothing.
import { LRUCache } from "lru-cache";
import { State } from "ts-fsrs";

interface CountedDay {
  end: number;
  n: number;
}

/** Per learner: study-day start (ms) → that day's end and count. */
const learners = new LRUCache<string, Map<number, CountedDay>>({ max: 2000, ttl: 60_000 });

/** The counts of `days` (study-day starts), when the learner's entry holds every one. */
export function cachedBalanceCounts(userId: string, days: readonly { start: Date }[]): number[] | null {
  const known = learners.get(userId);
  if (!known) return null;
  const counts: number[] = [];
  for (const d of days) {
    const day = known.get(d.start.getTime());
    if (!day) return null;
    counts.push(day.n);
  }
  return counts;
}

/** Keeps counts just read from the database (the learner's entry starts its minute if new). */
export function storeBalanceCounts(userId: string, days: readonly { start: Date; end: Date }[], counts: number[]) {
  let entry = learners.get(userId);
  if (!entry) learners.set(userId, (entry = new Map()));
  days.forEach((d, i) => entry.set(d.start.getTime(), { end: d.end.getTime(), n: counts[i] }));
}

/** What the balancer counts: started cards that are not suspended. */
const counted = (card: { state: number; suspended?: boolean }) => card.state !== State.New && !card.suspended;

/** A saved rating moved `card` from `before.due` to `after.due`: the counts follow it. */
export function noteRatingMove(
  userId: string,
  before: { due: Date; state: number; suspended?: boolean },
  after: { due: Date; state: number; suspended?: boolean },
) {
  const entry = learners.get(userId);
  if (!entry) return;
  if (counted(before)) shift(entry, before.due.getTime(), -1);
  if (counted(after)) shift(entry, after.due.getTime(), 1);
}

function shift(entry: Map<number, CountedDay>, at: number, by: number) {
  for (const [start, day] of entry) {
    if (start <= at && at < day.end) {
      day.n = Math.max(0, day.n + by);
      return;
    }
  }
}

/** The learner's due cards moved some other way: count again on the next rating. */
export function forgetBalanceCounts(userId: string) {
  learners.delete(userId);
}
