// Study activity: turning timestamped events (ratings, answers, finished lessons) into study
// days with an estimate of minutes studied, and streaks. Pure functions.
import type { DayTotalsRow } from "~/models/progress.server.ts";
import { addDays } from "date-fns";
import { studyDay } from "~/review/study-day.ts";

/** Two events less than this apart belong to one sitting; the gap counts as study time. */
export const SITTING_GAP_MS = 5 * 60_000;
/** Time credited for the first event of a sitting (reading the first card or question). */
export const FIRST_EVENT_MS = 60_000;

export type EventKind = "review" | "answer" | "lesson";
export interface StudyEvent {
  at: Date;
  kind: EventKind;
  /** For a finished lesson: its estimated reading time, credited as the time since the previous
   * event when that is shorter (the reading happened in between). */
  readingSeconds?: number;
}

/** One day's totals, as an ActivityDay row stores them. */
export type DayTotals = DayTotalsRow;

/**
 * Adds `events` (any order) to per-day totals. `lastEventAt` is the latest event already
 * counted, so a sitting that spans two roll-ups is not credited twice.
 */
export function rollUpEvents(events: StudyEvent[], timeZone: string, lastEventAt: Date | null) {
  const sorted = [...events].sort((a, b) => a.at.getTime() - b.at.getTime());
  const days = new Map<string, DayTotals>();
  let previous = lastEventAt?.getTime() ?? null;
  let current: { start: number; end: number; label: string } | null = null;
  for (const e of sorted) {
    const t = e.at.getTime();
    // Events arrive in order, so the study day only needs recomputing when one ends.
    if (!current || t < current.start || t >= current.end) {
      const d = studyDay(e.at, timeZone);
      current = { start: d.start.getTime(), end: d.end.getTime(), label: d.label };
    }
    const totals =
      days.get(current.label) ??
      days
        .set(current.label, { day: current.label, seconds: 0, reviews: 0, answers: 0, lessons: 0 })
        .get(current.label)!;
    const gap = previous === null ? Infinity : Math.max(0, t - previous);
    const credit = e.readingSeconds
      ? Math.min(gap, e.readingSeconds * 1000)
      : gap <= SITTING_GAP_MS
        ? gap
        : FIRST_EVENT_MS;
    totals.seconds += Math.round(credit / 1000);
    if (e.kind === "review") totals.reviews += 1;
    else if (e.kind === "answer") totals.answers += 1;
    else totals.lessons += 1;
    previous = Math.max(previous ?? t, t);
  }
  return { days: [...days.values()], lastEventAt: previous === null ? null : new Date(previous) };
}

/** Current streak (ending today, or yesterday if today has no study yet) and the longest. */
export function streaks(studiedDays: Iterable<string>, today: string) {
  const set = new Set(studiedDays);
  const sorted = [...set].sort();
  let longest = 0;
  let run = 0;
  let prev: string | null = null;
  for (const d of sorted) {
    run = prev !== null && nextLabel(prev) === d ? run + 1 : 1;
    longest = Math.max(longest, run);
    prev = d;
  }
  let current = 0;
  let cursor = set.has(today) ? today : previousLabel(today);
  while (set.has(cursor)) {
    current += 1;
    cursor = previousLabel(cursor);
  }
  return { current, longest, studiedToday: set.has(today) };
}

// Day labels are calendar dates; step them in UTC so no time zone can skip or repeat one.
export function shiftLabel(label: string, days: number) {
  return addDays(new Date(`${label}T12:00:00Z`), days)
    .toISOString()
    .slice(0, 10);
}
/** Whole days from `from` to `to` (day labels). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);
}
export const nextLabel = (label: string) => shiftLabel(label, 1);
export const previousLabel = (label: string) => shiftLabel(label, -1);

/** The last `days` labels ending at `today`, oldest first. */
export function dayRange(today: string, days: number): string[] {
  return Array.from({ length: days }, (_, i) => shiftLabel(today, i - days + 1));
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day label. */
export function isoWeekday(label: string): number {
  const d = new Date(`${label}T12:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}
