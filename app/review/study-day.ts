// A learner's study day starts at 4 a.m. in their own time zone, so a 1 a.m. session still
// counts for the evening before (as in Anki).
import { TZDate } from "@date-fns/tz";
import { addDays } from "date-fns";
import { millisecondsInDay as DAY_MS } from "date-fns/constants";

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
  // (TZDate) costs more than the rest of a rating, and ratings ask for days up to years ahead.
  const known = knownDays(timeZone, rolloverHour);
  const t = now.getTime();
  const hit = known.get(Math.floor(t / DAY_MS))?.find((d) => d.start <= t && t < d.end);
  if (hit) return { start: new Date(hit.start), end: new Date(hit.end), label: hit.label };
  const local = new TZDate(t, timeZone);
  let start = new TZDate(local.getFullYear(), local.getMonth(), local.getDate(), rolloverHour, 0, 0, timeZone);
  if (local.getTime() < start.getTime()) start = new TZDate(addDays(start, -1).getTime(), timeZone);
  // addDays on a TZDate keeps wall-clock time across DST changes (the day may be 23 or 25 hours).
  const end = addDays(start, 1);
  const label = `${start.getFullYear()}-${String(start.getMonth() + 1).padStart(2, "0")}-${String(start.getDate()).padStart(2, "0")}`;
  remember(known, { start: start.getTime(), end: end.getTime(), label });
  return { start: new Date(start.getTime()), end: new Date(end.getTime()), label };
}

// Days computed so far, per zone and rollover hour, filed under every UTC day (24-hour bucket)
// they overlap, so a lookup reads one bucket of at most a few days. Forgotten all at once past a
// bound that holds a class's zones for years ahead.
const DAYS_KEPT = 20_000;
type Day = { start: number; end: number; label: string };
const daysByZone = new Map<string, Map<number, Day[]>>();
let daysKept = 0;

function knownDays(timeZone: string, rolloverHour: number) {
  const key = `${timeZone}|${rolloverHour}`;
  let days = daysByZone.get(key);
  if (!days) daysByZone.set(key, (days = new Map()));
  return days;
}

function remember(days: Map<number, Day[]>, day: Day) {
  if (++daysKept > DAYS_KEPT) {
    for (const zone of daysByZone.values()) zone.clear();
    daysKept = 1;
  }
  for (let b = Math.floor(day.start / DAY_MS); b <= Math.floor((day.end - 1) / DAY_MS); b++) {
    const bucket = days.get(b);
    if (bucket) bucket.push(day);
    else days.set(b, [day]);
  }
}

/** `count` consecutive study days from the one holding `now`, each 4 a.m. to 4 a.m. local (23 or
 * 25 hours across daylight-saving changes). */
export function studyDays(now: Date, timeZone: string, count: number): { start: Date; end: Date; label: string }[] {
  const days = [studyDay(now, timeZone)];
  while (days.length < count) days.push(studyDay(days.at(-1)!.end, timeZone));
  return days;
}
