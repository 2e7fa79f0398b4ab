// What a learner may submit from Today (validated on the server).
import { z } from "zod";
import { wholeNumber } from "~/utils/numbers.ts";

/** The weekly goal: 1 to 7 study days, or "" for as many days as the learner's study weekdays. */
export const weeklyGoalSchema = z.object({
  intent: z.literal("weekly-goal"),
  goalDays: z.preprocess(
    (v) => (v === "" || v === undefined ? null : v),
    wholeNumber(
      (n) => n.min(1, "Choose from 1 to 7 days.").max(7, "Choose from 1 to 7 days."),
      "Choose from 1 to 7 days.",
    ).nullable(),
  ),
});
