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
  const local = new TZDate(now.getTime(), timeZone);
  let start = new TZDate(local.getFullYear(), local.getMonth(), local.getDate(), rolloverHour, 0, 0, timeZone);
  if (local.getTime() < start.getTime()) start = new TZDate(addDays(start, -1).getTime(), timeZone);
  // addDays on a TZDate keeps wall-clock time across DST changes (the day may be 23 or 25 hours).
  const end = addDays(start, 1);
  const label = `${start.getFullYear()}-${String(start.getMonth() + 1).padStart(2, "0")}-${String(start.getDate()).padStart(2, "0")}`;
  return { start: new Date(start.getTime()), end: new Date(end.getTime()), label };
}

/** `count` consecutive study days from the one holding `now`, each 4 a.m. to 4 a.m. local (23 or
 * 25 hours across daylight-saving changes). */
export function studyDays(now: Date, timeZone: string, count: number): { start: Date; end: Date; label: string }[] {
  const days = [studyDay(now, timeZone)];
  while (days.length < count) days.push(studyDay(days.at(-1)!.end, timeZone));
  return days;
}
