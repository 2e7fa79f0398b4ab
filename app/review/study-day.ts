// A learner's study day starts at 4 a.m. in their own time zone, so a 1 a.m. session still
// counts for the evening before (as in Anki).
import { TZDate } from "@date-fns/tz";
import { addDays } from "date-fns";

export const ROLLOVER_HOUR = 4;

/** Learning cards due within this window are shown now rather than making the learner wait
 * (the study queue online and offline). */
export const LEARN_AHEAD_MS = 20 * 60_000;

export function studyDay(
  now: Date,
  timeZone: string,
  rolloverHour = ROLLOVER_HOUR,
): { start: Date; end: Date; label: string } {
  // A time inside a day already computed for this zone is in that day: time-zone arithmetic
  // (TZDate) costs more than the rest of a rating, and every request asks for the same few days.
  const known = recentDays(timeZone, rolloverHour);
  const t = now.getTime();
  const hit = known.find((d) => d.start <= t && t < d.end);
  if (hit) return { start: new Date(hit.start), end: new Date(hit.end), label: hit.label };
  const local = new TZDate(t, timeZone);
  let start = new TZDate(local.getFullYear(), local.getMonth(), local.getDate(), rolloverHour, 0, 0, timeZone);
  if (local.getTime() < start.getTime()) start = new TZDate(addDays(start, -1).getTime(), timeZone);
  // addDays on a TZDate keeps wall-clock time across DST changes (the day may be 23 or 25 hours).
  const end = addDays(start, 1);
  const label = `${start.getFullYear()}-${String(start.getMonth() + 1).padStart(2, "0")}-${String(start.getDate()).padStart(2, "0")}`;
  known.unshift({ start: start.getTime(), end: end.getTime(), label });
  if (known.length > DAYS_KEPT) known.pop();
  return { start: new Date(start.getTime()), end: new Date(end.getTime()), label };
}

// Per zone and rollover hour, the most recently computed days (newest first), few enough to scan.
const DAYS_KEPT = 64;
const ZONES_KEPT = 500;
const daysByZone = new Map<string, { start: number; end: number; label: string }[]>();

function recentDays(timeZone: string, rolloverHour: number) {
  const key = `${timeZone}|${rolloverHour}`;
  let days = daysByZone.get(key);
  if (!days) {
    if (daysByZone.size >= ZONES_KEPT) daysByZone.clear();
    daysByZone.set(key, (days = []));
  }
  return days;
}

/** `count` consecutive study days from the one holding `now`, each 4 a.m. to 4 a.m. local (23 or
 * 25 hours across daylight-saving changes). */
export function studyDays(now: Date, timeZone: string, count: number): { start: Date; end: Date; label: string }[] {
  const days = [studyDay(now, timeZone)];
  while (days.length < count) days.push(studyDay(days.at(-1)!.end, timeZone));
  return days;
}
