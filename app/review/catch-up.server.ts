// Catch-up plans and final review as learners use them: is there a backlog, what a plan at a
// given cap looks like day by day, starting and stopping it, and turning final review on or off.
// The rules are catch-up.ts's; the queue applies them in review.server.ts.
import { addDays } from "date-fns";
import { decodeWeights } from "~/models/json-columns.ts";
import { learnerPreferences, savePreferences, type LearnerPreferences } from "~/models/preferences.server.ts";
import * as store from "~/models/review.server.ts";
import {
  backlogThreshold,
  buildCatchUpPlan,
  finalReviewAvailable,
  HISTORY_DAYS,
  MAX_PLAN_DAYS,
  suggestedCap,
  usualDailyReviews,
  ranksToLookUp,
  type CatchUpPlan,
  type PlanDay,
} from "./catch-up.ts";
import { endCatchUpPlan } from "./review.server.ts";
import { studyDay, studyDays } from "./study-day.ts";

/** Overdue cards counted no further than this on the catch-up page (the plan is a forecast). */
const OVERDUE_COUNT_LIMIT = 100_000;
/** Days forecast first (then MAX_PLAN_DAYS when the plan takes longer). */
const SHORT_HORIZON = 14;

export interface BacklogStatus {
  /** Overdue cards (exact up to the count limit; with `exact: false`, only up to threshold + 1). */
  overdue: number;
  dailyReviews: number;
  threshold: number;
  backlog: boolean;
  plan: { cap: number; since: Date } | null;
  finalReview: { available: boolean; on: boolean };
}

/**
 * Whether the learner has a backlog (catch-up.ts's rule). `exact: false` counts overdue cards
 * only far enough to decide (the study page asks on every card).
 */
export async function backlogStatus(
  userId: string,
  options: { exact: boolean; now?: Date; prefs?: LearnerPreferences },
): Promise<BacklogStatus> {
  const now = options.now ?? new Date();
  const prefs = options.prefs ?? (await learnerPreferences(userId));
  const day = studyDay(now, prefs.timeZone);
  const since = addDays(day.start, -HISTORY_DAYS);
  // Exact: one round trip. Otherwise the history first, then overdue cards up to the threshold.
  const first = await store.backlogNumbers(userId, day.start, since, options.exact ? OVERDUE_COUNT_LIMIT : 0);
  const dailyReviews = usualDailyReviews(first.reviews, prefs.reviewsPerDay);
  const threshold = backlogThreshold(dailyReviews);
  const overdue = options.exact
    ? first.overdue
    : (await store.backlogNumbers(userId, day.start, day.start, threshold + 1)).overdue;
  const available = finalReviewAvailable(prefs.examDate, day.label);
  return {
    overdue,
    dailyReviews,
    threshold,
    backlog: overdue > threshold,
    plan: prefs.catchUpCap !== null ? { cap: prefs.catchUpCap, since: prefs.catchUpSince ?? day.start } : null,
    finalReview: { available, on: available && prefs.finalReview },
  };
}

export interface CatchUpPreview {
  status: BacklogStatus;
  cap: number;
  suggested: number;
  plan: { clears: boolean; days: (PlanDay & { recall: { lowest: number; highest: number } | null })[] };
  doneToday: number;
}

/** The plan at `cap` (the running plan's cap, else the suggested one, when not given). */
export async function previewCatchUp(userId: string, cap: number | null, now = new Date()): Promise<CatchUpPreview> {
  const prefs = await learnerPreferences(userId);
  const status = await backlogStatus(userId, { exact: true, now, prefs });
  const today = studyDay(now, prefs.timeZone);
  const suggested = suggestedCap(status.dailyReviews, status.overdue);
  const chosen = cap ?? status.plan?.cap ?? suggested;
  const ratings = await store.todaysRatings(userId, today.start);
  // Most plans clear within two weeks: forecast that far first, and the longest plan only if needed.
  let plan: CatchUpPlan = { clears: true, days: [] };
  for (const horizon of [SHORT_HORIZON, MAX_PLAN_DAYS]) {
    const days = studyDays(now, prefs.timeZone, horizon);
    const dueByDay = await store.dueCounts(
      userId,
      days.map((d) => d.end),
    );
    // Day 0 of the forecast counts overdue cards too: the plan wants the ones coming due today.
    plan = buildCatchUpPlan({
      days: days.map((d) => d.label),
      dueByDay: dueByDay.map((n, i) => (i === 0 ? Math.max(0, n - status.overdue) : n)),
      overdue: status.overdue,
      cap: chosen,
      doneToday: ratings.reviews,
    });
    if (plan.clears || horizon === MAX_PLAN_DAYS) break;
  }
  const recall = await store.overdueRecallAtRanks(
    userId,
    today.start,
    { now, weights: decodeWeights(prefs.fsrsWeights) },
    ranksToLookUp(plan),
  );
  const days = plan.days.map((d) => {
    const lowest = d.backlogRanks ? recall.get(d.backlogRanks.from) : undefined;
    const highest = d.backlogRanks ? recall.get(d.backlogRanks.to) : undefined;
    return { ...d, recall: lowest !== undefined && highest !== undefined ? { lowest, highest } : null };
  });
  return { status, cap: chosen, suggested, plan: { clears: plan.clears, days }, doneToday: ratings.reviews };
}

export type CatchUpResult =
  | { ok: true; plan: CatchUpPreview["plan"] }
  | { ok: false; reason: "nothing-overdue" | "never-clears"; message: string };

/** Starts (or changes) a catch-up plan at `cap` reviews a day; refused when it would not help. */
export async function startCatchUp(userId: string, cap: number, now = new Date()): Promise<CatchUpResult> {
  const preview = await previewCatchUp(userId, cap, now);
  if (preview.status.overdue === 0)
    return { ok: false, reason: "nothing-overdue", message: "No cards are overdue, so there is nothing to catch up." };
  if (!preview.plan.clears)
    return {
      ok: false,
      reason: "never-clears",
      message: `At ${cap} reviews a day the backlog would not clear within ${MAX_PLAN_DAYS} days. Choose a higher number.`,
    };
  await savePreferences(userId, { catchUpCap: cap, catchUpSince: now });
  return { ok: true, plan: preview.plan };
}

export function stopCatchUp(userId: string) {
  return endCatchUpPlan(userId);
}

export type FinalReviewResult = { ok: true } | { ok: false; reason: "not-available"; message: string };

/** Turns final review on or off; on only in the week before the exam (catch-up.ts). */
export async function setFinalReview(userId: string, on: boolean, now = new Date()): Promise<FinalReviewResult> {
  const prefs = await learnerPreferences(userId);
  if (on && !finalReviewAvailable(prefs.examDate, studyDay(now, prefs.timeZone).label))
    return {
      ok: false,
      reason: "not-available",
      message: "Final review opens in the 7 days before your exam date. Set your exam date in your study plan.",
    };
  await savePreferences(userId, { finalReview: on });
  return { ok: true };
}
