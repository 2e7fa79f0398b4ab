// The catch-up page's forms and the review page's final-review switch, validated on the server.
import { z } from "zod";
import { wholeNumber } from "~/utils/numbers.ts";
import { CAP_MAX, CAP_MIN } from "./catch-up.ts";

const capField = wholeNumber(
  (n) =>
    n
      .min(CAP_MIN, `Plan at least ${CAP_MIN} review a day.`)
      .max(CAP_MAX, `Plan at most ${CAP_MAX.toLocaleString("en-US")} reviews a day.`),
  "Enter the number of reviews a day as a whole number, like 80.",
);

/** `?cap=` on the catch-up page previews a plan (a GET form, so it works without JavaScript). */
export const catchUpQuery = z.object({ cap: capField.optional() });

export const catchUpAction = z.discriminatedUnion(
  "intent",
  [z.object({ intent: z.literal("start"), cap: capField }), z.object({ intent: z.literal("stop") })],
  { error: "That action is not known." },
);

export const finalReviewAction = z.object({
  intent: z.literal("final-review", { error: "That action is not known." }),
  finalReview: z.enum(["on", "off"], { error: "Choose on or off." }),
});
