// Offline review: the pack of cards a learner takes offline, and syncing the ratings made
// offline. The server's schedule is the one that counts: each synced rating is scheduled here
// at the time it was made. A rating older than the card's last review (the card was rated on
// another device meanwhile) is merged: both logs stay and the card's logs from that point are
// replayed in review-time order, so the card ends as if the ratings had come in that order.
import { placeReview } from "./placement.server.ts";
import { addDays } from "date-fns";
import { getContentIndex } from "~/content/index.server.ts";
import * as store from "~/models/review.server.ts";
import * as syncStore from "~/models/review-sync.server.ts";
import { decodePreviousCard } from "~/models/json-columns.ts";
import { learnerPreferences, type LearnerPreferences } from "~/models/preferences.server.ts";
import { cardFields, schedulerPrefs } from "./review.server.ts";
import {
  applyGrade,
  LEECH_LAPSES,
  newCardFields,
  type CardFields,
  type Grade,
  type SchedulerPrefs,
} from "./scheduler.ts";
import { studyDay } from "./study-day.ts";
import type { OfflinePack } from "./offline-session.ts";

/** A rating may be this far in the server's future (device clocks drift). */
export const CLOCK_SKEW_MS = 5 * 60_000;
/** Ratings older than this are refused: the schedule has moved on too far to merge them. */
export const SYNC_MAX_AGE_DAYS = 30;

export interface SyncItem {
  requestId: string;
  ref: string;
  grade: Grade;
  reviewedAt: Date;
}

export type SyncItemResult =
  | { requestId: string; status: "saved" | "merged" | "duplicate"; leech?: boolean }
  | {
      requestId: string;
      status: "refused";
      reason: "future" | "too-old" | "not-in-deck" | "other-account" | "busy";
      message: string;
    };

/** What scheduling a synced rating needs: the learner, the scheduler settings and the placement preferences. */
interface Scheduling {
  userId: string;
  sp: SchedulerPrefs;
  prefs: LearnerPreferences;
}

/**
 * Every scheduling of a synced or replayed rating goes through here: ts-fsrs, then (for the
 * rating that sets the card's due date) the same placement as online — load balancing, light
 * days, exam-day targeting (`placeReview`, as in `rateCard`). Older replayed steps are left
 * unplaced: placement reads today's spread of due dates, which says nothing about the past.
 */
async function schedule(card: CardFields, grade: Grade, at: Date, s: Scheduling, place: boolean) {
  const { card: scheduled, log } = applyGrade(card, grade, at, s.sp);
  if (!place) return { card: scheduled, log };
  const next = await placeReview(s.userId, {
    previous: card,
    scheduled,
    grade,
    now: at,
    scheduler: s.sp,
    prefs: s.prefs,
  });
  return { card: next, log };
}

/**
 * The cards for reviewing offline today and tomorrow: cards due before tomorrow's study day
 * ends (today's remaining review allowance plus a full day's), then new cards (today's
 * remaining plus a day's), with the scheduler settings the server uses, so the browser
 * schedules them the same way.
 */
export async function offlinePack(userId: string, now = new Date()): Promise<OfflinePack> {
  const prefs = await learnerPreferences(userId);
  const today = studyDay(now, prefs.timeZone);
  const tomorrow = studyDay(today.end, prefs.timeZone);
  const done = await store.todaysRatings(userId, today.start);
  const dueUpTo = Math.max(0, prefs.reviewsPerDay - done.reviews) + prefs.reviewsPerDay;
  const newUpTo = Math.max(0, prefs.newCardsPerDay - done.newIntroduced) + prefs.newCardsPerDay;
  const rows = await syncStore.offlinePackCards({ userId, now, until: tomorrow.end, dueUpTo, newUpTo });
  const domains = new Map<string, string>(getContentIndex().domains.map((d) => [d.id, d.name]));
  const fromRow = (row: syncStore.PackCardRow) => ({
    ref: `card:${row.id}`,
    domainName: domains.get(row.domainId) ?? row.domainId,
    source: row.source,
    front: row.front,
    back: row.back,
    fields: cardFields(row),
  });
  const newCards = [
    ...rows.deckNew.map(fromRow),
    ...rows.content.map((c) => ({
      ref: `content:${c.id}`,
      domainName: domains.get(c.domainId) ?? c.domainId,
      source: "content",
      front: c.front,
      back: c.back,
      fields: newCardFields(now),
    })),
  ].slice(0, newUpTo);
  return {
    version: 1,
    userId,
    generatedAt: now,
    timeZone: prefs.timeZone,
    limits: { reviewsPerDay: prefs.reviewsPerDay, newCardsPerDay: prefs.newCardsPerDay },
    today: { day: today.label, reviews: done.reviews, newIntroduced: done.newIntroduced },
    scheduler: schedulerPrefs(prefs),
    cards: [...rows.started.map(fromRow), ...newCards],
  };
}

/**
 * Applies ratings made offline, in review-time order, each once (its requestId). Returns one
 * result per item, in the order given. Refused items change nothing.
 */
export async function syncRatings(
  userId: string,
  items: SyncItem[],
  now = new Date(),
  prefs?: LearnerPreferences,
): Promise<SyncItemResult[]> {
  prefs ??= await learnerPreferences(userId);
  const sp = schedulerPrefs(prefs);
  const oldest = addDays(now, -SYNC_MAX_AGE_DAYS);
  const results: SyncItemResult[] = [];
  const ordered = items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => a.item.reviewedAt.getTime() - b.item.reviewedAt.getTime() || a.index - b.index);
  for (const { item, index } of ordered) {
    if (item.reviewedAt.getTime() > now.getTime() + CLOCK_SKEW_MS)
      results[index] = refused(item, "future", "This rating is dated in the future: check your device's clock.");
    else if (item.reviewedAt < oldest)
      results[index] = refused(
        item,
        "too-old",
        `This rating is more than ${SYNC_MAX_AGE_DAYS} days old, so it was not saved.`,
      );
    else results[index] = await applyOne(item, { userId, sp, prefs });
  }
  return results;
}

function refused(
  item: SyncItem,
  reason: Extract<SyncItemResult, { status: "refused" }>["reason"],
  message: string,
): SyncItemResult {
  return { requestId: item.requestId, status: "refused", reason, message };
}

async function applyOne(item: SyncItem, s: Scheduling): Promise<SyncItemResult> {
  const { userId } = s;
  const [kind, id] = item.ref.split(":");
  // A concurrent rating of the same card (another device syncing) makes the save stale: read again.
  for (let attempt = 0; attempt < 3; attempt++) {
    const lookup = await store.ratingLookup(item.requestId, kind === "card" ? id : null);
    if (lookup.seenBy)
      return lookup.seenBy === userId
        ? { requestId: item.requestId, status: "duplicate" }
        : refused(item, "other-account", "That rating could not be saved.");
    let card: store.RatingCard | null = lookup.card;
    if (kind === "content") {
      const content = await store.findContentCard(id);
      if (content && !content.retiredAt)
        card = await store.ensureContentReviewCard(userId, content, newCardFields(item.reviewedAt));
    }
    if (!card || card.userId !== userId) return refused(item, "not-in-deck", "That card is not in your deck.");
    const outcome =
      card.lastReview && item.reviewedAt < card.lastReview ? await merge(card, item, s) : await append(card, item, s);
    if (outcome === "stale") continue;
    if (outcome === "duplicate") return { requestId: item.requestId, status: "duplicate" };
    return { requestId: item.requestId, status: outcome.status, leech: outcome.leech };
  }
  return refused(item, "busy", "That card was changing at the same moment: the rating will be sent again.");
}

type Outcome = "stale" | "duplicate" | { status: "saved" | "merged"; leech: boolean };

/** The rating is the card's newest: saved as an online rating would be. */
async function append(card: store.RatingCard, item: SyncItem, s: Scheduling): Promise<Outcome> {
  const { userId } = s;
  const previous = cardFields(card);
  const { card: next, log } = await schedule(previous, item.grade, item.reviewedAt, s, true);
  const leech = next.lapses >= LEECH_LAPSES && previous.lapses < LEECH_LAPSES;
  const saved = await store.saveRating({
    userId,
    cardId: card.id,
    requestId: item.requestId,
    expectedReps: previous.reps,
    previous: { ...previous, suspended: card.suspended } as CardFields,
    next,
    log,
    suspend: leech,
  });
  return saved === "saved" ? { status: "saved", leech } : saved;
}

/**
 * The rating is older than the card's last review: it goes in its place in the card's history,
 * and every later rating is scheduled again from the card as the new one leaves it.
 */
async function merge(card: store.RatingCard, item: SyncItem, s: Scheduling): Promise<Outcome> {
  const { userId } = s;
  const logs = await syncStore.cardLogs(card.id);
  const from = logs.findIndex((l) => l.review > item.reviewedAt);
  // No later log (an undo took it back after the card was read): it is the newest after all.
  if (from < 0) return "stale";
  const start = decodePreviousCard(logs[from].previousCard);
  const later = logs.slice(from);
  let state: CardFields = cardFields(start);
  const steps: { grade: Grade; at: Date; suspended: boolean }[] = [
    { grade: item.grade, at: item.reviewedAt, suspended: start.suspended ?? false },
    ...later.map((l) => ({
      grade: l.rating as Grade,
      at: l.review,
      suspended: decodePreviousCard(l.previousCard).suspended ?? false,
    })),
  ];
  const replayed: { previousCard: string; log: ReturnType<typeof applyGrade>["log"] }[] = [];
  for (const [i, step] of steps.entries()) {
    const before = state;
    const { card: next, log } = await schedule(before, step.grade, step.at, s, i === steps.length - 1);
    state = next;
    replayed.push({ previousCard: JSON.stringify({ ...before, suspended: step.suspended }), log });
  }
  const leech = state.lapses >= LEECH_LAPSES && card.lapses < LEECH_LAPSES && !card.suspended;
  const saved = await syncStore.saveReplay({
    userId,
    cardId: card.id,
    expected: { reps: card.reps, lastReview: card.lastReview },
    requestId: item.requestId,
    inserted: replayed[0],
    rewritten: later.map((l, i) => ({ id: l.id, ...replayed[i + 1] })),
    next: state,
    suspend: leech,
  });
  return saved === "saved" ? { status: "merged", leech } : saved;
}
