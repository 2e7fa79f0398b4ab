// Workload estimate: how many reviews a day (and minutes) the learner's own deck would ask for
// over the coming months at each desired retention, so the retention setting can be chosen
// with its cost in view. Pure and deterministic: no randomness.
//
// The model (expected values, in the spirit of FSRS's own workload simulator):
// - Every card is reviewed on the day it falls due. At a review the card is recalled with
//   probability R, its retrievability then (the desired retention for cards this simulation
//   schedules; for the learner's existing cards, what FSRS computes from their last review, so
//   overdue cards count as harder). A recalled card is rated Good; a forgotten one Again and then
//   Good at each relearning step. FSRS-6, with the learner's parameters and steps, gives the
//   new stability, difficulty and interval: `MemoryModel` below restates ts-fsrs's formulas as
//   plain arithmetic (ts-fsrs reads its parameters through a Proxy, several times slower in a loop
//   that runs a million times), and its tests check it against ts-fsrs.
// - Instead of drawing random outcomes, each review splits a card into two weighted halves,
//   recalled (weight R) and forgotten (weight 1 − R), so the result is the expected number of
//   reviews. Halves due the same day with nearly the same memory state (stability within 20%,
//   difficulty within 1) are merged into one, with the weighted mean stability, difficulty and
//   retrievability (the expected number recalled stays exact). That bounds the work by the
//   number of distinct memory states a day rather than by the deck size or the number of possible
//   histories: a 20,000-card deck costs about twice a 200-card one. Finer cells change the
//   result by under 1%.
// - New cards enter at the learner's new-cards-per-day limit while any are left, each learned
//   with Good at every learning step on its first day.
// - The daily review limit is ignored: this is the work the schedule asks for.
import { createEmptyCard, FSRS, generatorParameters, Rating, S_MAX, S_MIN, State } from "ts-fsrs";
import type { StepUnit } from "ts-fsrs";
import { RETENTION_MAX, RETENTION_MIN, RETENTION_STEPS } from "./retention.ts";

const DAY_MS = 86_400_000;

/** A started card's memory, as a ReviewCard row stores it. */
export interface MemoryCard {
  state: number;
  stability: number;
  difficulty: number;
  due: Date;
  lastReview: Date | null;
  /** How many cards this one stands for (a sample of a big deck); 1 when absent. */
  weight?: number;
}

export interface WorkloadInput {
  /** Started cards (any state but New), not suspended. */
  cards: readonly MemoryCard[];
  /** Cards never rated yet (new cards in the deck and content cards not started). */
  newCards: number;
  newCardsPerDay: number;
  /** The learner's FSRS parameters (null: the defaults). */
  weights: readonly number[] | null;
  learningSteps: readonly StepUnit[];
  relearningSteps: readonly StepUnit[];
  /** The start of today's study day: day 0 runs from here. */
  dayStart: Date;
  now: Date;
  horizonDays: number;
  retentions?: readonly number[];
}

export interface WorkloadPoint {
  retention: number;
  /** Expected reviews over the horizon, divided by its days. */
  reviewsPerDay: number;
}

/** Merged card halves: their total weight, and weight × stability, difficulty, retrievability. */
interface Bucket {
  w: number;
  s: number;
  d: number;
  r: number;
}
type Day = Map<number, Bucket>;

const S_BIN = Math.log(1.2);
// A key per (stability, difficulty) cell. Stability is at least S_MIN (0.001 days), difficulty 1–10.
const cell = (s: number, d: number) => (Math.round(Math.log(Math.max(s, S_MIN)) / S_BIN) + 100) * 16 + Math.round(d);

function add(days: Day[], day: number, weight: number, s: number, d: number, r: number) {
  if (day >= days.length || weight <= 0) return;
  const key = cell(s, d);
  const map = days[day];
  const b = map.get(key);
  if (b) {
    b.w += weight;
    b.s += weight * s;
    b.d += weight * d;
    b.r += weight * r;
  } else map.set(key, { w: weight, s: weight * s, d: weight * d, r: weight * r });
}

const clamp = (x: number, lo: number, hi: number) => Math.min(Math.max(x, lo), hi);

/**
 * FSRS-6's memory formulas for one parameter vector and desired retention, as ts-fsrs 5
 * computes them (FSRSAlgorithm: forgetting_curve, next_interval without fuzz, next_state with
 * short-term memory on), minus its rounding to 8 decimals.
 */
export class MemoryModel {
  readonly w: readonly number[];
  private readonly decay: number;
  private readonly factor: number;
  private readonly intervalModifier: number;
  private readonly easyDifficulty: number;

  constructor(weights: readonly number[] | null, retention = 0.9) {
    // generatorParameters migrates older (FSRS-4.5/5) vectors to FSRS-6's 21 and fills defaults.
    this.w = generatorParameters(weights?.length ? { w: [...weights] } : {}).w;
    this.decay = -this.w[20];
    this.factor = Math.pow(0.9, 1 / this.decay) - 1;
    this.intervalModifier = (Math.pow(retention, 1 / this.decay) - 1) / this.factor;
    this.easyDifficulty = this.w[4] - Math.exp(3 * this.w[5]) + 1;
  }

  /** Retrievability after `t` days at stability `s`. */
  recall(t: number, s: number) {
    return Math.pow(1 + (this.factor * t) / s, this.decay);
  }

  /** Days until recall falls to the desired retention (at least 1, at most 100 years). */
  interval(s: number) {
    return Math.min(Math.max(1, Math.round(s * this.intervalModifier)), S_MAX);
  }

  private difficulty(d: number, g: number) {
    const w = this.w;
    const next = d + (-w[6] * (g - 3) * (10 - d)) / 9;
    return clamp(w[7] * this.easyDifficulty + (1 - w[7]) * next, 1, 10);
  }

  /** After a review a day or more after the last one, at retrievability `r`: Good (3) or Again (1). */
  afterReview(s: number, d: number, r: number, g: 1 | 3) {
    const w = this.w;
    const stability =
      g === 3
        ? clamp(
            s * (1 + Math.exp(w[8]) * (11 - d) * Math.pow(s, -w[9]) * (Math.exp((1 - r) * w[10]) - 1)),
            S_MIN,
            S_MAX,
          )
        : Math.min(
            Math.max(s / Math.exp(w[17] * w[18]), S_MIN),
            clamp(w[11] * Math.pow(d, -w[12]) * (Math.pow(s + 1, w[13]) - 1) * Math.exp((1 - r) * w[14]), S_MIN, S_MAX),
          );
    return { s: stability, d: this.difficulty(d, g) };
  }

  /** After a same-day Good (a learning or relearning step). */
  afterStep(s: number, d: number) {
    const w = this.w;
    const sinc = Math.max(Math.pow(s, -w[19]) * Math.exp(w[17] * w[18]), 1);
    return { s: clamp(s * sinc, S_MIN, S_MAX), d: this.difficulty(d, 3) };
  }
}

/**
 * The learner's started cards placed on the days they fall due, before any retention is
 * chosen (their next review depends only on the past): review cards with their retrievability
 * on that day, cards in (re)learning steps apart (they graduate with one more Good).
 */
function startingPoint(input: WorkloadInput, model: MemoryModel) {
  const horizon = input.horizonDays;
  const reviews: Day[] = Array.from({ length: horizon }, () => new Map());
  const stepping: { day: number; weight: number; s: number; d: number }[] = [];
  let untracked = 0;
  for (const c of input.cards) {
    const weight = c.weight ?? 1;
    if (!(c.stability > 0 && c.difficulty >= 1)) {
      untracked += weight;
      continue;
    }
    const dueAt = Math.max(c.due.getTime(), input.now.getTime());
    const day = Math.max(0, Math.floor((c.due.getTime() - input.dayStart.getTime()) / DAY_MS));
    if (day >= horizon) continue;
    if (c.state === State.Review && c.lastReview) {
      const elapsed = Math.max(0, (dueAt - c.lastReview.getTime()) / DAY_MS);
      add(reviews, day, weight, c.stability, c.difficulty, model.recall(elapsed, c.stability));
    } else stepping.push({ day, weight, s: c.stability, d: c.difficulty });
  }
  return { reviews, stepping, untracked };
}

/** A new card learned with Good at every learning step: ratings on its first day and its state after. */
function learnedCard(f: FSRS, now: Date) {
  let card = createEmptyCard(now);
  let ratings = 0;
  // ts-fsrs graduates a card after its last learning step; the bound only guards a bad setting.
  while (card.state !== State.Review && ratings < 20) {
    card = f.next(card, card.due, Rating.Good).card;
    ratings += 1;
  }
  return { ratings, s: card.stability, d: card.difficulty, interval: Math.max(1, card.scheduled_days) };
}

/** Expected reviews a day at each desired retention (0.70 … 0.99 unless given). */
export function estimateWorkload(input: WorkloadInput): WorkloadPoint[] {
  const horizon = Math.max(1, Math.floor(input.horizonDays));
  const start = startingPoint({ ...input, horizonDays: horizon }, new MemoryModel(input.weights));
  const relearningRatings = input.relearningSteps.length;
  return (input.retentions ?? RETENTION_STEPS).map((retention) => {
    const model = new MemoryModel(input.weights, retention);
    const days: Day[] = start.reviews.map((m) => new Map([...m].map(([k, b]) => [k, { ...b }])));
    /** Schedules a card half (memory state s, d) `interval` days after `day`. */
    const schedule = (day: number, weight: number, s: number, d: number) => {
      const interval = model.interval(s);
      add(days, day + interval, weight, s, d, model.recall(interval, s));
    };
    const learned = learnedCard(
      new FSRS(
        generatorParameters({
          w: [...model.w],
          request_retention: retention,
          enable_fuzz: false,
          enable_short_term: true,
          learning_steps: [...input.learningSteps],
          relearning_steps: [...input.relearningSteps],
        }),
      ),
      input.now,
    );
    let total = 0;
    // Cards whose memory state is unknown (never the case for cards rated in the app) count as new.
    let newLeft = input.newCards + start.untracked;
    for (const c of start.stepping) {
      // One more Good at the last step graduates the card.
      total += c.weight;
      const next = model.afterStep(c.s, c.d);
      schedule(c.day, c.weight, next.s, next.d);
    }
    for (let day = 0; day < horizon; day++) {
      const introduced = Math.min(newLeft, Math.max(0, input.newCardsPerDay));
      if (introduced > 0) {
        newLeft -= introduced;
        total += introduced * learned.ratings;
        add(days, day + learned.interval, introduced, learned.s, learned.d, model.recall(learned.interval, learned.s));
      }
      for (const b of days[day].values()) {
        const s = b.s / b.w;
        const d = b.d / b.w;
        const r = clamp(b.r / b.w, 0, 1);
        total += b.w;
        const recalled = model.afterReview(s, d, r, 3);
        schedule(day, b.w * r, recalled.s, recalled.d);
        if (r < 1) {
          // Forgotten: Again, then Good at each relearning step the same day.
          let lapsed = model.afterReview(s, d, r, 1);
          for (let i = 0; i < relearningRatings; i++) lapsed = model.afterStep(lapsed.s, lapsed.d);
          total += b.w * (1 - r) * relearningRatings;
          schedule(day, b.w * (1 - r), lapsed.s, lapsed.d);
        }
      }
      days[day].clear();
    }
    return { retention, reviewsPerDay: total / horizon };
  });
}

/** Extra retention costs "disproportionately" once a point costs this many times the 0.70–0.85 average. */
export const KNEE_FACTOR = 2;
/** The reference range whose average cost of one more point of retention is the yardstick. */
export const REFERENCE_RANGE = [0.7, 0.85] as const;

/**
 * The suggested desired retention: the highest value reached before one more point (+0.01)
 * first costs more than twice the average cost of a point between 0.70 and 0.85. When the
 * workload barely moves, or even falls, over that range (lapses cost more than the reviews
 * saved), the yardstick is at least 0.5% of the workload at 0.85 per point. Null without a
 * workload to compare. `points` must cover 0.70–0.99 in steps of 0.01 in order.
 */
export function suggestRetention(points: readonly WorkloadPoint[]): number | null {
  const at = (r: number) => points.find((p) => Math.abs(p.retention - r) < 1e-9)?.reviewsPerDay;
  const low = at(REFERENCE_RANGE[0]);
  const high = at(REFERENCE_RANGE[1]);
  if (low === undefined || high === undefined || high <= 0) return null;
  const steps = Math.round((REFERENCE_RANGE[1] - REFERENCE_RANGE[0]) * 100);
  const yardstick = Math.max((high - low) / steps, 0.005 * high);
  let suggested = RETENTION_MIN;
  for (let i = 1; i < points.length; i++) {
    const marginal = points[i].reviewsPerDay - points[i - 1].reviewsPerDay;
    if (points[i].retention > REFERENCE_RANGE[1] && marginal > KNEE_FACTOR * yardstick) break;
    suggested = points[i].retention;
  }
  return Math.min(RETENTION_MAX, Math.max(RETENTION_MIN, suggested));
}

/** Seconds a review is assumed to take when the learner's own log cannot tell (Anki's rough figure). */
export const DEFAULT_SECONDS_PER_REVIEW = 8;
/** Gaps longer than this between two ratings are a break, not a review. */
export const MAX_REVIEW_GAP_SECONDS = 120;
/** How many review-to-review gaps it takes to trust the learner's own pace. */
export const MIN_TIMED_REVIEWS = 30;

/**
 * Seconds per review from the learner's ratings: the median gap between consecutive ratings
 * within a sitting (gaps up to two minutes; longer ones are breaks). The log stores no answer
 * time, so the gap (reading, recalling, rating) is the closest measure. Without enough gaps:
 * the documented default.
 */
export function secondsPerReview(reviewTimes: readonly Date[]): { seconds: number; measured: boolean } {
  const times = reviewTimes.map((t) => t.getTime()).sort((a, b) => a - b);
  const gaps: number[] = [];
  for (let i = 1; i < times.length; i++) {
    const gap = (times[i] - times[i - 1]) / 1000;
    if (gap > 0 && gap <= MAX_REVIEW_GAP_SECONDS) gaps.push(gap);
  }
  if (gaps.length < MIN_TIMED_REVIEWS) return { seconds: DEFAULT_SECONDS_PER_REVIEW, measured: false };
  gaps.sort((a, b) => a - b);
  const mid = gaps.length >> 1;
  const median = gaps.length % 2 ? gaps[mid] : (gaps[mid - 1] + gaps[mid]) / 2;
  return { seconds: Math.max(1, Math.round(median)), measured: true };
}

/** The longest and shortest horizons the estimate averages over, in days. */
export const HORIZON_MAX_DAYS = 365;
export const HORIZON_MIN_DAYS = 30;

/** The next 365 days, or up to the exam when it is sooner (but at least 30 days). */
export function workloadHorizon(dayStart: Date, examDate: Date | null): number {
  if (!examDate) return HORIZON_MAX_DAYS;
  const days = Math.ceil((examDate.getTime() - dayStart.getTime()) / DAY_MS);
  if (days <= 0) return HORIZON_MAX_DAYS;
  return Math.min(HORIZON_MAX_DAYS, Math.max(HORIZON_MIN_DAYS, days));
}
