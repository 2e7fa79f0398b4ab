// Saving the study plan's settings: the exam and the week (study days, long days for a full
// mock, minutes, start time) and the days off. Input arrives validated (app/progress/forms.ts).
import { learnerPreferences, savePreferences } from "~/models/preferences.server.ts";
import { MAX_DAYS_OFF, withDayOff, withoutDayOff } from "./forms.ts";

export async function savePlanSettings(
  userId: string,
  settings: { examDate: string | null; weekdays: number[]; longWeekdays: number[]; minutes: number; startTime: string },
) {
  await savePreferences(userId, {
    examDate: settings.examDate ? new Date(`${settings.examDate}T00:00:00Z`) : null,
    studyWeekdays: settings.weekdays.join(","),
    longWeekdays: settings.longWeekdays.join(","),
    studyMinutes: settings.minutes,
    studyStartTime: settings.startTime,
  });
}

export type DayOffResult = { ok: true } | { ok: false; reason: "too-many"; message: string };

/** Marks `day` (today or later, already validated) as a day off. */
export async function addDayOff(userId: string, day: string, today: string): Promise<DayOffResult> {
  const prefs = await learnerPreferences(userId);
  const next = withDayOff(prefs.daysOff, day, today);
  if (!next.ok)
    return {
      ok: false,
      reason: "too-many",
      message: `You can mark up to ${MAX_DAYS_OFF} upcoming days off. Remove one first.`,
    };
  await savePreferences(userId, { daysOff: next.value });
  return { ok: true };
}

/** Takes `day` off the list of days off (nothing happens if it is not there). */
export async function removeDayOff(userId: string, day: string, today: string) {
  const prefs = await learnerPreferences(userId);
  await savePreferences(userId, { daysOff: withoutDayOff(prefs.daysOff, day, today) });
}
