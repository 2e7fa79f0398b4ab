// What a learner may set for their study plan (validated on the server).
import { z } from "zod";
import { listField } from "~/utils/list-field.ts";
import { wholeNumber } from "~/utils/numbers.ts";
import { shiftLabel } from "./activity.ts";
import { MISSED_DAYS_WINDOW } from "./plan.ts";

const dayLabel = /^\d{4}-\d{2}-\d{2}$/;
/** Days off kept at most (past ones are dropped on every save). */
export const MAX_DAYS_OFF = 60;

/** The latest date a learner may plan for: three years from today. */
function latestDay(today: string) {
  return `${Number(today.slice(0, 4)) + 3}${today.slice(4)}`;
}

/** A real calendar date from today to three years ahead, as YYYY-MM-DD. */
function futureDay(today: string, messages: { format: string; past: string; far: string }) {
  return z
    .string()
    .regex(dayLabel, messages.format)
    .refine(
      (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
      "That date does not exist.",
    )
    .refine((v) => v >= today, messages.past)
    .refine((v) => v <= latestDay(today), messages.far);
}

function weekdayList(tooMany: string) {
  return listField(
    wholeNumber((n) => n.min(1, "Choose days from the list.").max(7, "Choose days from the list.")),
    7,
    tooMany,
  );
}

export function planSettingsSchema(today: string) {
  return z.object({
    examDate: z.preprocess(
      (v) => (v === "" || v === undefined ? null : v),
      futureDay(today, {
        format: "Enter the exam date as a date (year, month, day).",
        past: "Choose today or a later date for your exam.",
        far: "Choose an exam date within the next three years.",
      }).nullable(),
    ),
    weekdays: weekdayList("Choose at most the 7 days of the week.")
      .pipe(z.array(z.number()).min(1, "Choose at least one study day."))
      .transform((days) => days.sort()),
    // Days with time for a full mock; none is fine (mocks are then proposed as separate blocks).
    longWeekdays: weekdayList("Choose at most the 7 days of the week.").transform((days) => days.sort()),
    minutes: wholeNumber(
      (n) => n.min(10, "A session needs at least 10 minutes.").max(240, "Keep sessions to 240 minutes or less."),
      "Use whole minutes.",
    ),
    startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Enter a start time like 19:30."),
  });
}

const LIST_FIELDS = ["weekdays", "longWeekdays"];

export function planSettingsInput(formData: FormData) {
  const entries = Object.fromEntries(
    [...formData].filter(([k, v]) => !LIST_FIELDS.includes(k) && typeof v === "string"),
  );
  const list = (name: string) => formData.getAll(name).filter((v) => typeof v === "string");
  return { ...entries, weekdays: list("weekdays"), longWeekdays: list("longWeekdays") };
}

/** Adding a day off: a date from today on. */
export function dayOffSchema(today: string) {
  return z.object({
    day: futureDay(today, {
      format: "Enter the day off as a date (year, month, day).",
      past: "Choose today or a later date: past days cannot be taken off.",
      far: "Choose a day within the next three years.",
    }),
  });
}

/** Removing a day off: any well-formed date (a past one simply is not in the list any more). */
export const removeDayOffSchema = z.object({
  day: z.string().regex(dayLabel, "Choose a day off from the list."),
});

/** Which of the plan page's forms was sent. */
export const planIntentSchema = z.enum(["settings", "add-day-off", "remove-day-off"]);

/** Days off as stored (comma-separated YYYY-MM-DD): well-formed ones from `from` on, sorted. */
export function parseDaysOff(value: string, from: string): string[] {
  return [...new Set(value.split(",").filter((d) => dayLabel.test(d) && d >= from))].sort();
}

// Saving keeps the last week's days off too, so a recent day off is not reported as missed.
const keptFrom = (today: string) => shiftLabel(today, -MISSED_DAYS_WINDOW);

/** The stored list with `day` added (at most MAX_DAYS_OFF upcoming), or not ok when full. */
export function withDayOff(stored: string, day: string, today: string): { ok: true; value: string } | { ok: false } {
  const days = parseDaysOff(stored, keptFrom(today));
  if (days.includes(day)) return { ok: true, value: days.join(",") };
  if (days.filter((d) => d >= today).length >= MAX_DAYS_OFF) return { ok: false };
  return { ok: true, value: [...days, day].sort().join(",") };
}

export function withoutDayOff(stored: string, day: string, today: string): string {
  return parseDaysOff(stored, keptFrom(today))
    .filter((d) => d !== day)
    .join(",");
}
