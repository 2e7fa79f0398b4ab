// Spaced review as learners use it: today's queue, rating (once per request), undo, leeches,
// burying and suspending, the learner's own cards, and statistics.
import { randomUUID } from "node:crypto";
import { addDays } from "date-fns";
import { getContentIndex } from "~/content/index.server.ts";
import * as store from "~/models/review.server.ts";
import {
  applyGrade,
  LEECH_LAPSES,
  newCardFields,
  previewIntervals,
  type CardFields,
  type Grade,
  type SchedulerPrefs,
} from "./scheduler.ts";
import { placeReview } from "./placement.server.ts";
import { LEARN_AHEAD_MS, studyDay, studyDays } from "./study-day.ts";
import { cardMemory, type CardMemory } from "./memory.ts";
import { decodePreviousCard, decodeWeights } from "~/models/json-columns.ts";
import { learnerPreferences, savePreferences, type LearnerPreferences } from "~/models/preferences.server.ts";
import { queuePolicy, type QueuePolicy } from "./catch-up.ts";

export { LEARN_AHEAD_MS };
/** The priority order ranks this many of the longest-overdue review cards (a bounded index walk). */
export const PRIORITY_CANDIDATES = 1000;

type Prefs = LearnerPreferences;

/** The scheduler settings every rating uses, online, synced from offline, and in the offline pack. */
export function schedulerPrefs(p: Prefs): SchedulerPrefs {
  return {
    desiredRetention: p.desiredRetention,
    weights: decodeWeights(p.fsrsWeights),
    fuzz: true,
    learningSteps: p.learningSteps,
    relearningSteps: p.relearningSteps,
  };
}

export function cardFields(c: CardFields): CardFields {
  return {
    due: c.due,
    stability: c.stability,
    difficulty: c.difficulty,
    elapsedDays: c.elapsedDays,
    scheduledDays: c.scheduledDays,
    learningSteps: c.learningSteps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state,
    lastReview: c.lastReview,
  };
}

function lessonUrl(slug: string | null | undefined) {
  const lesson = slug ? getContentIndex().lessons.get(slug) : undefined;
  return lesson ? `/learn/${lesson.domainSlug}/${lesson.slug}` : null;
}

export interface QueueCard {
  ref: string;
  domainId: string;
  source: string;
  front: string;
  back: string;
  lessonUrl: string | null;
  intervals: Record<number, string>;
  requestId: string;
  isNew: boolean;
  /** What "Report a problem" names: the content card, or the question a missed card came from (own cards: none). */
  report: { kind: "card" | "question"; id: string } | null;
  /** Difficulty, stability and recall now; null for a card never rated. */
  memory: CardMemory | null;
}

/**
 * Today's numbers and the next card for a deck (null = all decks). Pass `prefs` when the caller
 * already has them to save a query. Counts stop at the day's limits:
 * the page never shows more, and counting every overdue card of a big deck is the slow part.
 */
export async function studyQueue(userId: string, deck: string | null, now = new Date(), prefs?: Prefs) {
  prefs ??= await learnerPreferences(userId);
  const day = studyDay(now, prefs.timeZone);
  const learnAhead = new Date(now.getTime() + LEARN_AHEAD_MS);
  // Catch-up plan and final review (rules in catch-up.ts): limits, order, near-due cards.
  let policy = queuePolicy(prefs, day.label, getContentIndex().domains);
  // Final review makes review cards due in the next NEAR_DUE_DAYS study days ready now.
  const readyUntil = policy.nearDueDays ? studyDays(now, prefs.timeZone, policy.nearDueDays + 1).at(-1)!.end : day.end;
  const today = await store.todaysRatings(userId, day.start);
  const countsFor = (p: QueuePolicy) => {
    const reviewsLeft = Math.max(0, p.reviewLimit - today.reviews);
    const newLeft = Math.max(0, p.newLimit - today.newIntroduced);
    // One due card is enough to know the review limit was reached with cards still waiting.
    return store.queueCounts({
      userId,
      domain: deck,
      now,
      dayEnd: readyUntil,
      dueUpTo: Math.max(1, reviewsLeft),
      newUpTo: newLeft,
      overdueBefore: p.catchUp ? day.start : undefined,
    });
  };
  let counted = await countsFor(policy);
  if (policy.catchUp && !counted.overdue) {
    // The backlog is cleared: the plan ends by itself, and today runs on the usual limits.
    await endCatchUpPlan(userId);
    prefs = { ...prefs, catchUpCap: null, catchUpSince: null };
    policy = queuePolicy(prefs, day.label, getContentIndex().domains);
    counted = await countsFor(policy);
  }
  const reviewsLeft = Math.max(0, policy.reviewLimit - today.reviews);
  const newLeft = Math.max(0, policy.newLimit - today.newIntroduced);
  const dueCount = counted.due;
  const deckNewCount = counted.deckNew;
  const unstarted = counted.unstarted;
  const dueShown = Math.min(dueCount, reviewsLeft);
  const newShown = Math.min(newLeft, deckNewCount + unstarted);
  const sp = schedulerPrefs(prefs);
  const fromRow = (card: store.QueueCardRow, isNew: boolean): QueueCard => ({
    ref: `card:${card.id}`,
    domainId: card.domainId,
    source: card.source,
    front: card.front,
    back: card.back,
    lessonUrl: lessonUrl(card.lessonSlug),
    intervals: previewIntervals(cardFields(card), now, sp),
    requestId: randomUUID(),
    isNew,
    memory: cardMemory(card, now, sp.weights),
    report: card.contentCardId
      ? { kind: "card", id: card.contentCardId }
      : card.questionId
        ? { kind: "question", id: card.questionId }
        : null,
  });
  let current: QueueCard | null = null;
  if (dueShown > 0) {
    const card =
      policy.order === "priority"
        ? await store.nextPriorityCard({
            userId,
            domain: deck,
            now,
            dayEnd: readyUntil,
            weights: sp.weights ?? null,
            domainWeights: policy.domainWeights,
            candidates: PRIORITY_CANDIDATES,
          })
        : await store.nextDueCard({ userId, domain: deck, now, learnAhead: now, dayEnd: day.end });
    if (card) current = fromRow(card, false);
  }
  if (!current && newShown > 0) {
    const deckNew = deckNewCount > 0 ? await store.nextNewDeckCard({ userId, domain: deck, now }) : null;
    if (deckNew) {
      current = fromRow(deckNew, true);
    } else {
      const content = await store.nextUnstartedContentCard({ userId, domain: deck });
      if (content) {
        current = {
          ref: `content:${content.id}`,
          domainId: content.domainId,
          source: "content",
          front: content.front,
          back: content.back,
          lessonUrl: lessonUrl(content.lessonSlug),
          intervals: previewIntervals(newCardFields(now), now, sp),
          requestId: randomUUID(),
          isNew: true,
          report: { kind: "card", id: content.id },
          memory: null,
        };
      }
    }
  }
  // Nothing due and no new cards left: show learning steps due soon rather than making the
  // learner wait a few minutes (Anki's "learn ahead").
  let learningSoon = 0;
  if (!current && reviewsLeft > 0) {
    const soon = await store.nextDueCard({ userId, domain: deck, now, learnAhead, dayEnd: readyUntil });
    if (soon) {
      current = fromRow(soon, false);
      learningSoon = await store.countReady(userId, deck, { now, learnAhead, dayEnd: readyUntil }, reviewsLeft);
    }
  }
  return {
    day: day.label,
    counts: {
      due: Math.max(dueShown, Math.min(learningSoon, reviewsLeft)),
      new: newShown,
      doneToday: today.reviews + today.newIntroduced,
      reviewLimitReached: reviewsLeft === 0 && dueCount > 0,
    },
    current,
    // Undo works on today's ratings; any rating today means there is one to undo.
    canUndo: today.reviews + today.newIntroduced > 0,
    mode: {
      catchUp: policy.catchUp ? { cap: policy.reviewLimit, reviewsLeft } : null,
      finalReview: policy.finalReview,
    },
  };
}

/** Ends a catch-up plan (the learner stops it, or the queue finds the backlog cleared). */
export function endCatchUpPlan(userId: string) {
  return savePreferences(userId, { catchUpCap: null, catchUpSince: null });
}

export type RateResult =
  { ok: true; leech: boolean } | { ok: false; reason: "stale" | "not-in-deck" | "refused"; message: string };

/** Applies a rating once. `ref` is "card:<id>" or "content:<id>" from the queue. */
export async function rateCard(
  userId: string,
  input: { ref: string; grade: Grade; requestId: string },
  now = new Date(),
  prefs?: Prefs,
): Promise<RateResult> {
  const [kind, id] = input.ref.split(":");
  const lookup = await store.ratingLookup(input.requestId, kind === "card" ? id : null);
  if (lookup.seenBy)
    return lookup.seenBy === userId
      ? { ok: true, leech: false }
      : { ok: false, reason: "refused", message: "That rating could not be saved." };
  let card: store.RatingCard | null = lookup.card;
  if (kind === "content") {
    const content = await store.findContentCard(id);
    if (content && !content.retiredAt) card = await store.ensureContentReviewCard(userId, content, newCardFields(now));
  }
  if (!card || card.userId !== userId)
    return { ok: false, reason: "not-in-deck", message: "That card is not in your deck." };
  prefs ??= await learnerPreferences(userId);
  const previous = cardFields(card);
  const sp = schedulerPrefs(prefs);
  const { card: scheduled, log } = applyGrade(previous, input.grade, now, sp);
  // Load balancing, light days, exam-day targeting: only whole days move (placement.ts).
  const next = await placeReview(userId, { previous, scheduled, grade: input.grade, now, scheduler: sp, prefs });
  const leech = next.lapses >= LEECH_LAPSES && previous.lapses < LEECH_LAPSES;
  const result = await store.saveRating({
    userId,
    cardId: card.id,
    requestId: input.requestId,
    expectedReps: previous.reps,
    previous: { ...previous, suspended: card.suspended } as CardFields,
    next,
    log,
    suspend: leech,
  });
  if (result === "stale")
    return { ok: false, reason: "stale", message: "This card was rated in another window. Here is the next one." };
  return { ok: true, leech: result === "saved" && leech };
}

/** Undoes today's most recent rating, restoring the card exactly. */
export async function undoLastRating(userId: string, now = new Date()) {
  const prefs = await learnerPreferences(userId);
  const log = await store.lastLog(userId, studyDay(now, prefs.timeZone).start);
  if (!log) return false;
  const previous = decodePreviousCard(log.previousCard);
  await store.restoreFromLog(userId, log.id, log.cardId, previous);
  return true;
}

export async function buryCard(userId: string, cardId: string, now = new Date()) {
  const prefs = await learnerPreferences(userId);
  return (await store.buryUntil(userId, cardId, studyDay(now, prefs.timeZone).end)).count === 1;
}

export async function setCardSuspended(userId: string, cardId: string, suspended: boolean) {
  return (await store.setSuspended(userId, cardId, suspended)).count === 1;
}

export function addOwnCard(userId: string, input: { domainId: string; front: string; back: string }, now = new Date()) {
  return store.createOwnCard(userId, input, newCardFields(now));
}

/** Per-deck numbers for the review home page. */
export async function deckSummaries(userId: string, now = new Date()) {
  const prefs = await learnerPreferences(userId);
  const day = studyDay(now, prefs.timeZone);
  const counts = await store.deckCounts(userId, now, day.end);
  return getContentIndex().domains.map((d) => ({
    id: d.id,
    name: d.name,
    due: counts.due.get(d.id) ?? 0,
    newCards: (counts.unstarted.get(d.id) ?? 0) + (counts.deckNew.get(d.id) ?? 0),
  }));
}

export async function reviewStats(userId: string, now = new Date()) {
  const prefs = await learnerPreferences(userId);
  const day = studyDay(now, prefs.timeZone);
  // Forecast: day 0 is today (overdue included), each day ending at its own 4 a.m. rollover (so
  // daylight-saving days are 23 or 25 hours), counted by the same rule as every other page.
  const days = studyDays(now, prefs.timeZone, 30);
  const [states, dueByDay, logs] = await Promise.all([
    store.cardsByState(userId),
    store.dueCounts(
      userId,
      days.map((d) => d.end),
    ),
    store.reviewStateLogs(userId, addDays(day.start, -7 * 12)),
  ]);
  const forecast = days.map((d, i) => ({ day: d.label, count: dueByDay[i] }));
  const weeks = new Map<string, { week: string; reviews: number; recalled: number }>();
  for (const log of logs) {
    const weekStart = studyDay(
      addDays(log.review, -((new Date(log.review).getUTCDay() + 6) % 7)),
      prefs.timeZone,
    ).label;
    const w =
      weeks.get(weekStart) ?? weeks.set(weekStart, { week: weekStart, reviews: 0, recalled: 0 }).get(weekStart)!;
    w.reviews += 1;
    if (log.rating > 1) w.recalled += 1;
  }
  const stateNames = ["New", "Learning", "Review", "Relearning"];
  return {
    byState: stateNames.map((name, state) => ({
      name,
      count: states.filter((s) => s.state === state && !s.suspended).reduce((n, s) => n + s.count, 0),
    })),
    suspended: states.filter((s) => s.suspended).reduce((n, s) => n + s.count, 0),
    notStarted: await store.countUnstartedContentCards(userId),
    forecast,
    retention: [...weeks.values()]
      .sort((a, b) => a.week.localeCompare(b.week))
      .map((w) => ({ ...w, percent: Math.round((w.recalled / w.reviews) * 100) })),
    desiredRetention: prefs.desiredRetention,
  };
}
