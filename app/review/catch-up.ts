// Catch-up plans (recovering from a backlog after missed days) and final review (the exam's last
// week): when each applies, and what it does to the daily queue. Pure rules, stated once here;
// review.server.ts applies them and catch-up.server.ts loads what they need.
//
// A *backlog*: started cards, not suspended or buried, effectively due before today's study day
// began (models/due.server.ts's rule), more than BACKLOG_DAYS days of the learner's usual work.
// Usual work is their average number of reviews a day over the last HISTORY_DAYS study days, or
// their daily review limit when they have not reviewed in that time, and never under
// MIN_DAILY_WORK (so a handful of late cards is never a backlog).
//
// While a *catch-up plan* runs, the queue:
// - serves at most the plan's cap of reviews each study day: the cap replaces the daily review
//   limit, higher or lower (the learner chose it for the plan);
// - shows no new cards;
// - serves learning and relearning steps that are due first (short steps must not starve), then
//   review cards by priority (below);
// - ends the plan by itself as soon as no card is overdue (due before today's study day began).
//
// *Final review* (the learner turns it on, in the FINAL_REVIEW_DAYS before the exam; it is
// ignored once the exam date has passed): review cards due within NEAR_DUE_DAYS study days after
// today count as ready now, and the queue serves them by priority. Daily limits and new cards are
// unchanged. Both modes can run at once.
//
// *Priority*: expected forgetting weighted by the exam: (1 − predicted recall now) × the card's
// domain weight on the exam blueprint, highest first. The weight applies only when the exam date
// is within EXAM_WEIGHT_DAYS (every domain counts 1 otherwise), so "lowest recall first" is the
// order far from an exam. Ties go to the longest overdue.

export const BACKLOG_DAYS = 3;
export const HISTORY_DAYS = 14;
export const MIN_DAILY_WORK = 10;
/** The suggested cap clears the backlog in about this many days on top of usual work. */
export const SUGGESTED_CLEAR_DAYS = 7;
/** A plan that does not clear within this many study days is refused: choose a higher cap. */
export const MAX_PLAN_DAYS = 60;
export const CAP_MIN = 1;
export const CAP_MAX = 5000;
export const EXAM_WEIGHT_DAYS = 30;
export const FINAL_REVIEW_DAYS = 7;
export const NEAR_DUE_DAYS = 3;

/** Average reviews a day (see the header): the yardstick for "a few days' work". */
export function usualDailyReviews(reviewsInHistory: number, reviewsPerDay: number): number {
  const average = reviewsInHistory > 0 ? Math.round(reviewsInHistory / HISTORY_DAYS) : reviewsPerDay;
  return Math.max(MIN_DAILY_WORK, average);
}

/** More overdue cards than this is a backlog. */
export function backlogThreshold(dailyReviews: number): number {
  return BACKLOG_DAYS * dailyReviews;
}

/** A cap that keeps up with usual work and clears the backlog in about SUGGESTED_CLEAR_DAYS. */
export function suggestedCap(dailyReviews: number, overdue: number): number {
  const cap = Math.ceil(dailyReviews + overdue / SUGGESTED_CLEAR_DAYS);
  return Math.min(CAP_MAX, Math.max(CAP_MIN, cap));
}

/** Whole days from one YYYY-MM-DD label to another. */
export function daysBetweenLabels(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);
}

/** Days until the exam (0 on the day itself, negative after it), or null without an exam date. */
export function daysToExam(examDate: Date | null, todayLabel: string): number | null {
  // The exam date is a calendar date, stored as midnight UTC.
  return examDate ? daysBetweenLabels(todayLabel, examDate.toISOString().slice(0, 10)) : null;
}

/** Final review can be turned on from FINAL_REVIEW_DAYS before the exam until the exam day. */
export function finalReviewAvailable(examDate: Date | null, todayLabel: string): boolean {
  const days = daysToExam(examDate, todayLabel);
  return days !== null && days >= 0 && days <= FINAL_REVIEW_DAYS;
}

export interface QueuePolicyInput {
  reviewsPerDay: number;
  newCardsPerDay: number;
  examDate: Date | null;
  finalReview: boolean;
  catchUpCap: number | null;
}

export interface QueuePolicy {
  reviewLimit: number;
  newLimit: number;
  /** "priority": learning steps first, then review cards by weighted forgetting (see the header). */
  order: "due" | "priority";
  /** Review cards due before the end of this many study days after today are ready now. */
  nearDueDays: number;
  /** Exam weight by domain id, or null when every domain counts the same. */
  domainWeights: Record<string, number> | null;
  catchUp: boolean;
  finalReview: boolean;
}

/** How the daily queue behaves today for these preferences (see the header). */
export function queuePolicy(
  prefs: QueuePolicyInput,
  todayLabel: string,
  domains: readonly { id: string; weight: number }[],
): QueuePolicy {
  const catchUp = prefs.catchUpCap !== null && prefs.catchUpCap > 0;
  const finalReview = prefs.finalReview && finalReviewAvailable(prefs.examDate, todayLabel);
  const days = daysToExam(prefs.examDate, todayLabel);
  const examSoon = days !== null && days >= 0 && days <= EXAM_WEIGHT_DAYS;
  return {
    reviewLimit: catchUp ? prefs.catchUpCap! : prefs.reviewsPerDay,
    newLimit: catchUp ? 0 : prefs.newCardsPerDay,
    order: catchUp || finalReview ? "priority" : "due",
    nearDueDays: finalReview ? NEAR_DUE_DAYS : 0,
    domainWeights:
      (catchUp || finalReview) && examSoon ? Object.fromEntries(domains.map((d) => [d.id, d.weight])) : null,
    catchUp,
    finalReview,
  };
}

export interface PlanDay {
  label: string;
  /** Reviews the plan serves that day: backlog first, then cards coming due that day. */
  reviews: number;
  /** Of those, cards from the backlog. */
  fromBacklog: number;
  /** Cards still overdue when the day ends (0 on the last day: the plan ends). */
  overdueAfter: number;
  /** Which backlog cards that day takes: ranks (from 1) in order of predicted recall now, lowest first. */
  backlogRanks: { from: number; to: number } | null;
}

export interface PlanInput {
  /** Study day labels from today on (at least MAX_PLAN_DAYS). */
  days: readonly string[];
  /** Cards coming due on each of those days (today: due today but not overdue). */
  dueByDay: readonly number[];
  overdue: number;
  cap: number;
  /** Reviews already done today (they count against today's cap). */
  doneToday: number;
}

/** The ranks whose predicted recall the plan's days show (each day's first and last backlog card). */
export function ranksToLookUp(plan: CatchUpPlan): number[] {
  return [...new Set(plan.days.flatMap((d) => (d.backlogRanks ? [d.backlogRanks.from, d.backlogRanks.to] : [])))];
}

export type CatchUpPlan = { clears: true; days: PlanDay[] } | { clears: false; days: PlanDay[] };

/**
 * The plan day by day: each day the cap is spent on the backlog first (lowest recall first), then
 * on the cards coming due that day; what is left over joins the backlog. The plan ends on the day
 * the backlog is gone. `clears` is false when that takes longer than MAX_PLAN_DAYS.
 */
export function buildCatchUpPlan(input: PlanInput): CatchUpPlan {
  const days: PlanDay[] = [];
  let overdue = input.overdue;
  let taken = 0; // backlog cards (in recall order) assigned to earlier days
  const limit = Math.min(MAX_PLAN_DAYS, input.days.length);
  for (let i = 0; i < limit && overdue > 0; i++) {
    const capacity = i === 0 ? Math.max(0, input.cap - input.doneToday) : input.cap;
    const fromBacklog = Math.min(capacity, overdue);
    const cleared = fromBacklog === overdue;
    const comingDue = input.dueByDay[i] ?? 0;
    // The day the backlog clears the plan ends; the rest of that day runs on the usual limits.
    const fromToday = cleared ? 0 : Math.min(capacity - fromBacklog, comingDue);
    // Ranks past today's backlog are cards that came due during the plan (their recall is unknown now).
    const ranks =
      fromBacklog > 0 && taken < input.overdue
        ? { from: taken + 1, to: Math.min(input.overdue, taken + fromBacklog) }
        : null;
    taken += fromBacklog;
    overdue = cleared ? 0 : overdue - fromBacklog + (comingDue - fromToday);
    days.push({
      label: input.days[i],
      reviews: fromBacklog + fromToday,
      fromBacklog,
      overdueAfter: overdue,
      backlogRanks: ranks,
    });
  }
  return { clears: overdue === 0, days };
}
