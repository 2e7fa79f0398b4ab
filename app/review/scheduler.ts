// Thin wrappers around ts-fsrs: the learner's parameters, conversion between our rows and
// ts-fsrs cards, and interval previews for the rating buttons.
import type { CardFields } from "~/models/review.server.ts";
import {
  createEmptyCard,
  fsrs,
  generatorParameters,
  Rating,
  State,
  type Card,
  type FSRS,
  type Grade,
  type ReviewLog,
} from "ts-fsrs";
import { storedSteps } from "./steps.ts";

export { Rating, State };
export type { Grade };

export interface SchedulerPrefs {
  desiredRetention: number;
  weights?: number[] | null;
  fuzz?: boolean;
  /** ts-fsrs step strings ("1m 10m"); omitted or unreadable = ts-fsrs's defaults (1m 10m, 10m). */
  learningSteps?: string;
  relearningSteps?: string;
}

export const GRADES = [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy] as const;
export const GRADE_LABELS: Record<number, string> = { 1: "Again", 2: "Hard", 3: "Good", 4: "Easy" };
export const LEECH_LAPSES = 8;

// fsrs() checks and expands its parameters and builds its classes on every call: 1.5% of a rating's
// server time. A scheduler holds nothing of the cards it schedules (each call seeds its own fuzz),
// so one per distinct settings is kept; a learner's settings rarely change, and the map is
// emptied when it passes SCHEDULERS_KEPT.
const SCHEDULERS_KEPT = 500;
const schedulers = new Map<string, FSRS>();

export function scheduler(prefs: SchedulerPrefs): FSRS {
  const key = JSON.stringify([
    prefs.desiredRetention,
    prefs.fuzz ?? true,
    prefs.weights?.length ? prefs.weights : null,
    prefs.learningSteps ?? null,
    prefs.relearningSteps ?? null,
  ]);
  let kept = schedulers.get(key);
  if (!kept) {
    if (schedulers.size >= SCHEDULERS_KEPT) schedulers.clear();
    schedulers.set(key, (kept = buildScheduler(prefs)));
  }
  return kept;
}

function buildScheduler(prefs: SchedulerPrefs) {
  const learning = storedSteps(prefs.learningSteps, 1);
  const relearning = storedSteps(prefs.relearningSteps, 0);
  return fsrs(
    generatorParameters({
      request_retention: prefs.desiredRetention,
      enable_fuzz: prefs.fuzz ?? true,
      enable_short_term: true,
      ...(prefs.weights?.length ? { w: prefs.weights } : {}),
      ...(learning ? { learning_steps: learning } : {}),
      ...(relearning ? { relearning_steps: relearning } : {}),
    }),
  );
}

export function toFsrs(c: CardFields): Card {
  return {
    due: c.due,
    stability: c.stability,
    difficulty: c.difficulty,
    elapsed_days: c.elapsedDays,
    scheduled_days: c.scheduledDays,
    learning_steps: c.learningSteps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state as State,
    last_review: c.lastReview ?? undefined,
  };
}

export function fromFsrs(c: Card): CardFields {
  return {
    due: c.due,
    stability: c.stability,
    difficulty: c.difficulty,
    elapsedDays: c.elapsed_days,
    scheduledDays: c.scheduled_days,
    learningSteps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state,
    lastReview: c.last_review ?? null,
  };
}

export function newCardFields(now: Date): CardFields {
  return fromFsrs(createEmptyCard(now));
}

export function logFields(log: ReviewLog) {
  return {
    rating: log.rating,
    state: log.state,
    due: log.due,
    stability: log.stability,
    difficulty: log.difficulty,
    elapsedDays: log.elapsed_days,
    lastElapsedDays: log.last_elapsed_days,
    scheduledDays: log.scheduled_days,
    learningSteps: log.learning_steps,
    review: log.review,
  };
}

export function applyGrade(card: CardFields, grade: Grade, now: Date, prefs: SchedulerPrefs) {
  const result = scheduler(prefs).next(toFsrs(card), now, grade);
  return { card: fromFsrs(result.card), log: logFields(result.log) };
}

/** What each button would do, as "10m", "1d", "3.5mo". */
export function previewIntervals(card: CardFields, now: Date, prefs: SchedulerPrefs): Record<number, string> {
  const preview = scheduler(prefs).repeat(toFsrs(card), now);
  return Object.fromEntries(GRADES.map((g) => [g, formatInterval(now, preview[g].card.due)]));
}

export function formatInterval(from: Date, to: Date): string {
  const minutes = Math.max(1, Math.round((to.getTime() - from.getTime()) / 60_000));
  if (minutes < 60) return `${minutes}m`;
  const hours = minutes / 60;
  if (hours < 24) return `${Math.round(hours)}h`;
  const days = hours / 24;
  if (days < 30) return `${Math.round(days)}d`;
  if (days < 365) return `${(days / 30).toFixed(days < 300 ? 1 : 0).replace(/\.0$/, "")}mo`;
  return `${(days / 365).toFixed(1).replace(/\.0$/, "")}y`;
}

export type { CardFields };
