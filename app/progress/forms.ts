// What a learner may set for their study plan (validated on the server).
import { z } from "zod";
import { listField } from "~/utils/list-field.ts";
import { wholeNumber } from "~/utils/numbers.ts";

const dayLabel = /^\d{4}-\d{2}-\d{2}$/;

export function planSettingsSchema(today: string) {
  const latest = `${Number(today.slice(0, 4)) + 3}${today.slice(4)}`;
  return z.object({
    examDate: z.preprocess(
      (v) => (v === "" || v === undefined ? null : v),
      z
        .string()
        .regex(dayLabel, "Enter the exam date as a date (year, month, day).")
        .refine(
          (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
          "That date does not exist.",
        )
        .refine((v) => v >= today, "Choose today or a later date for your exam.")
        .refine((v) => v <= latest, "Choose an exam date within the next three years.")
        .nullable(),
    ),
    weekdays: listField(
      wholeNumber((n) => n.min(1, "Choose days from the list.").max(7, "Choose days from the list.")),
      7,
      "Choose at most the 7 days of the week.",
    )
      .pipe(z.array(z.number()).min(1, "Choose at least one study day."))
      .transform((days) => days.sort()),
    minutes: wholeNumber(
      (n) => n.min(10, "A session needs at least 10 minutes.").max(240, "Keep sessions to 240 minutes or less."),
      "Use whole minutes.",
    ),
    startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Enter a start time like 19:30."),
  });
}

export function planSettingsInput(formData: FormData) {
  const entries = Object.fromEntries([...formData].filter(([k, v]) => k !== "weekdays" && typeof v === "string"));
  return { ...entries, weekdays: formData.getAll("weekdays").filter((v) => typeof v === "string") };
}
