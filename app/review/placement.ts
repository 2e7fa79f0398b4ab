// Where a review lands, within what ts-fsrs allows: load balancing (the idea Anki added in 24.11,
// with a rule of our own), light weekdays, and exam-day targeting. Pure functions: the caller
// (placement.server.ts) reads the day counts and the learner's preferences.
//
// The rules, in order, for a rating that leaves the card in Review state a whole number of days
// ahead (learning steps and sub-day intervals are never moved):
//
// 1. Load balancing (preference `loadBalance`, default on). When ts-fsrs fuzzes the interval
//    (intervals of 3 days or more; up to 90 days, as in Anki, beyond which fuzz alone is kept),
//    the card may land on any day of ts-fsrs's fuzz range
//    (`get_fuzz_range` around the interval before fuzz). It goes to the day with the lowest load,
//    where a day's load is the number of the learner's reviews already due that study day.
//    Ties go to the day nearest ts-fsrs's own fuzzed day (so with an even calendar the result is
//    exactly ts-fsrs's), then to the earlier day. Deterministic: no second random draw; the spread
//    comes from each placement adding to the counts the next one reads.
// 2. Light days (preference `lightWeekdays`, ISO weekdays "6,7"). A light day's load counts as
//    (reviews + 1) × LIGHT_DAY_FACTOR, so a card lands there only when every other day in its
//    range already holds about four times as many reviews (and never while another day is empty).
//    Light days act through the balancer only.
// 3. Exam-day targeting (an exam date ahead). If the card would not be back before the exam day
//    and its predicted recall on exam day (FSRS forgetting curve at 4 a.m. of the exam's study
//    day, with no further review) is below the desired retention, it must come back earlier:
//    - days of its range before the exam day are kept (balanced as above), later ones dropped;
//    - if the whole range is on or after the exam day, the candidates become the days ending on
//      the day before the exam (the latest day with a study day before the exam), as many as the
//      range was wide, keeping only days where a Good review would still leave recall on exam day
//      at or above the target. Balancing picks among them (ties: the latest day); without
//      balancing, or if none qualifies, the day before the exam (the exam day itself when the
//      exam is tomorrow).
//    A review on the exam day itself may come after the exam, so "before" means an earlier study
//    day. ts-fsrs already schedules a review when recall falls to the desired retention, so this
//    mostly catches fuzz or balancing pushing a card just past the exam; the second case guards
//    anything that schedules past that point. After the exam day has begun, nothing changes.
//
// Only whole days move: the due keeps the time of day ts-fsrs gave it (now + n × 24 h, the way
// ts-fsrs computes it), and `scheduledDays` becomes n.
import { TZDate } from "@date-fns/tz";
import { dateDiffInDays, default_maximum_interval, get_fuzz_range } from "ts-fsrs";
import { Rating, scheduler, State, toFsrs, type CardFields, type SchedulerPrefs } from "./scheduler.ts";
import { ROLLOVER_HOUR, studyDay } from "./study-day.ts";

export const DAY_MS = 86_400_000;
/** A light day's reviews (plus one) weigh this much in the balancer. */
export const LIGHT_DAY_FACTOR = 4;
/** ts-fsrs fuzzes intervals of 2.5 days and more: whole days, so 3 and up. */
export const MIN_BALANCED_DAYS = 3;
/** Longer intervals keep ts-fsrs's fuzz alone (as in Anki): a few days matter little there, and
 * the count query stays short (a range of at most 13 days). */
export const MAX_BALANCED_DAYS = 90;

/** "6,7" → {6, 7}; anything that is not an ISO weekday is ignored. */
export function parseWeekdays(list: string): Set<number> {
  return new Set(
    list
      .split(",")
      .map((s) => Number(s.trim()))
      .filter((n) => Number.isInteger(n) && n >= 1 && n <= 7),
  );
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a YYYY-MM-DD study day label. */
export function labelWeekday(label: string): number {
  return ((new Date(`${label}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

/** The exam day (YYYY-MM-DD) and the moment recall is predicted for: the start of the exam's study day. */
export interface ExamTarget {
  day: string;
  at: Date;
}

/** The exam as a target, or null when no date is set or the exam's study day has begun. */
export function examTarget(examDate: Date | null, timeZone: string, now: Date): ExamTarget | null {
  if (!examDate) return null;
  // Exam dates are stored as midnight UTC of the chosen calendar date.
  const day = examDate.toISOString().slice(0, 10);
  if (day <= studyDay(now, timeZone).label) return null;
  const [y, m, d] = day.split("-").map(Number);
  return { day, at: new Date(new TZDate(y, m - 1, d, ROLLOVER_HOUR, 0, 0, timeZone).getTime()) };
}

/** Recall of a started card at `at`, by FSRS's forgetting curve with the learner's parameters. */
export function recallAt(card: CardFields, at: Date, prefs: SchedulerPrefs, f = scheduler(prefs)): number {
  if (card.state === State.New || !card.lastReview || card.stability <= 0) return 0;
  const days = Math.max(0, (at.getTime() - card.lastReview.getTime()) / DAY_MS);
  return f.forgetting_curve(days, card.stability);
}

/** Recall at `at` if the card is rated Good at `reviewAt` (fuzz does not change stability). */
export function recallAfterGood(
  card: CardFields,
  reviewAt: Date,
  at: Date,
  prefs: SchedulerPrefs,
  f = scheduler({ ...prefs, fuzz: false }),
): number {
  const next = f.next(toFsrs(card), reviewAt, Rating.Good).card;
  return f.forgetting_curve(Math.max(0, (at.getTime() - reviewAt.getTime()) / DAY_MS), next.stability);
}

export interface PlacementInput {
  now: Date;
  timeZone: string;
  /** The card before this rating. */
  previous: CardFields;
  /** ts-fsrs's result for this rating (fuzz on). */
  scheduled: CardFields;
  /** The same rating's interval in days before fuzz (ts-fsrs with fuzz off). */
  unfuzzedDays: number;
  loadBalance: boolean;
  lightWeekdays: ReadonlySet<number>;
  exam: ExamTarget | null;
  scheduler: SchedulerPrefs;
  maximumInterval?: number;
}

/** A day the card may land on: `offset` whole days from now, in the study day `label`. */
export interface CandidateDay {
  offset: number;
  label: string;
  start: Date;
  end: Date;
}

export type PlacementPlan =
  | { kind: "keep" }
  | { kind: "fixed"; offset: number; capped: boolean }
  | { kind: "balance"; days: CandidateDay[]; preferred: number; capped: boolean };

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

/** Which days the card may land on (rules 1 and 3); the counts for a "balance" plan come next. */
export function planPlacement(input: PlacementInput): PlacementPlan {
  const { now, scheduled, previous } = input;
  if (scheduled.state !== State.Review) return { kind: "keep" };
  const fsrsOffset = (scheduled.due.getTime() - now.getTime()) / DAY_MS;
  if (!Number.isInteger(fsrsOffset) || fsrsOffset < 1) return { kind: "keep" };
  const day = (offset: number): CandidateDay => {
    const d = studyDay(new Date(now.getTime() + offset * DAY_MS), input.timeZone);
    return { offset, ...d };
  };
  const days = (offsets: number[]) => candidateDays(now, offsets, input.timeZone);

  let offsets = [fsrsOffset];
  if (input.loadBalance && input.unfuzzedDays >= MIN_BALANCED_DAYS && input.unfuzzedDays <= MAX_BALANCED_DAYS) {
    // ts-fsrs's own inputs to its fuzz: days since the last review, by UTC calendar dates.
    const elapsed = previous.state === State.New || !previous.lastReview ? 0 : dateDiffInDays(previous.lastReview, now);
    const { min_ivl, max_ivl } = get_fuzz_range(
      input.unfuzzedDays,
      elapsed,
      input.maximumInterval ?? default_maximum_interval,
    );
    offsets = range(Math.max(1, min_ivl), max_ivl);
    if (!offsets.length) offsets = [fsrsOffset];
  }
  let preferred = fsrsOffset;
  let capped = false;

  const exam = input.exam;
  if (exam && recallAt(scheduled, exam.at, input.scheduler) < input.scheduler.desiredRetention) {
    const before = days(offsets).filter((d) => d.label < exam.day);
    if (before.length) {
      capped = before.length < offsets.length;
      offsets = before.map((d) => d.offset);
    } else {
      // The whole range is on or after the exam day: the latest day before it (or, when the exam
      // is tomorrow, the exam day itself), and as many days before that as the range was wide.
      const daysToExam = Math.round(
        (Date.parse(`${exam.day}T00:00:00Z`) - Date.parse(`${day(0).label}T00:00:00Z`)) / DAY_MS,
      );
      let last = Math.min(Math.min(...offsets) - 1, daysToExam);
      while (last >= 1 && day(last).label >= exam.day) last -= 1;
      if (last < 1) last = day(1).label <= exam.day ? 1 : 0;
      if (last < 1) return { kind: "keep" };
      const width = offsets.length - 1;
      const f = scheduler({ ...input.scheduler, fuzz: false });
      const qualifying = range(Math.max(1, last - width), last).filter(
        (o) =>
          recallAfterGood(scheduled, new Date(now.getTime() + o * DAY_MS), exam.at, input.scheduler, f) >=
          input.scheduler.desiredRetention,
      );
      offsets = input.loadBalance && qualifying.length ? qualifying : [last];
      preferred = last;
      capped = true;
    }
  }
  if (offsets.length === 1) return { kind: "fixed", offset: offsets[0], capped };
  return { kind: "balance", days: days(offsets), preferred, capped };
}

/**
 * The study days of now + n × 24 h for consecutive `offsets`. studyDay (time zone arithmetic) is
 * slow next to the rest of a rating, so it runs for the two ends only: when no daylight-saving
 * change falls between them, the days in between are whole 24-hour steps.
 */
export function candidateDays(now: Date, offsets: number[], timeZone: string): CandidateDay[] {
  const at = (offset: number) => new Date(now.getTime() + offset * DAY_MS);
  const exact = (offset: number): CandidateDay => ({ offset, ...studyDay(at(offset), timeZone) });
  if (offsets.length <= 2) return offsets.map(exact);
  const first = exact(offsets[0]);
  const last = exact(offsets.at(-1)!);
  const span = Math.round((Date.parse(`${last.label}T00:00:00Z`) - Date.parse(`${first.label}T00:00:00Z`)) / DAY_MS);
  const even =
    last.start.getTime() - first.start.getTime() === span * DAY_MS &&
    first.end.getTime() - first.start.getTime() === DAY_MS;
  if (!even) return offsets.map(exact);
  return offsets.map((offset, i) => {
    if (i === 0) return first;
    if (i === offsets.length - 1) return last;
    const index = Math.floor((at(offset).getTime() - first.start.getTime()) / DAY_MS);
    const start = new Date(first.start.getTime() + index * DAY_MS);
    const label = new Date(Date.parse(`${first.label}T00:00:00Z`) + index * DAY_MS).toISOString().slice(0, 10);
    return { offset, label, start, end: label === last.label ? last.end : new Date(start.getTime() + DAY_MS) };
  });
}

/** A day's weight in the balancer (rule 2). */
export function dayLoad(count: number, light: boolean): number {
  return light ? (count + 1) * LIGHT_DAY_FACTOR : count;
}

/** The balancer's choice (rules 1 and 2): lowest load, then nearest `preferred`, then earliest. */
export function chooseDay(
  days: readonly (CandidateDay & { count: number })[],
  preferred: number,
  lightWeekdays: ReadonlySet<number>,
): number {
  let best = days[0];
  let bestLoad = Infinity;
  for (const d of days) {
    const load = dayLoad(d.count, lightWeekdays.has(labelWeekday(d.label)));
    const closer = Math.abs(d.offset - preferred) < Math.abs(best.offset - preferred);
    if (load < bestLoad || (load === bestLoad && closer)) {
      best = d;
      bestLoad = load;
    }
  }
  return best.offset;
}

/** The card moved to `offset` whole days from the rating, keeping ts-fsrs's time of day. */
export function moveToDay(card: CardFields, now: Date, offset: number): CardFields {
  return { ...card, due: new Date(now.getTime() + offset * DAY_MS), scheduledDays: offset };
}
