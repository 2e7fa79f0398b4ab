import { z } from "zod";
import { decimalNumber, wholeNumber } from "~/utils/numbers.ts";
import { DOMAIN_IDS } from "~/content/exam-ids.ts";
import { formatRetention, RETENTION_MAX, RETENTION_MIN } from "./retention.ts";
import { formatSteps, parseSteps } from "./steps.ts";

export const deckParam = z.enum(DOMAIN_IDS).optional().catch(undefined);

/** A card as the queue names it: "card:<review card id>" or "content:<content card id>". */
const cardRef = z.string().regex(/^(card|content):[A-Za-z0-9-]{1,40}$/, "That card reference is not valid.");

export const studyAction = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("rate"),
    ref: cardRef,
    grade: wholeNumber((n) =>
      n.min(1, "Choose Again, Hard, Good or Easy.").max(4, "Choose Again, Hard, Good or Easy."),
    ),
    requestId: z.string().min(8).max(64),
    deck: deckParam,
  }),
  z.object({ intent: z.literal("undo"), deck: deckParam }),
  z.object({ intent: z.literal("memory-help"), deck: deckParam }),
  z.object({ intent: z.enum(["bury", "suspend"]), cardId: z.string().regex(/^[a-z0-9]{20,32}$/), deck: deckParam }),
]);

export const ownCardSchema = z.object({
  domainId: z.enum(DOMAIN_IDS, {
    error: "Choose the exam domain this card belongs to.",
  }),
  front: z
    .string({ error: "Write the front of the card." })
    .trim()
    .min(1, "Write the front of the card.")
    .max(1000, "Keep the front under 1,000 characters."),
  back: z
    .string({ error: "Write the back of the card." })
    .trim()
    .min(1, "Write the back of the card.")
    .max(2000, "Keep the back under 2,000 characters."),
});

// An empty number field is a missing answer, not zero.
const filled = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const RANGE = `${formatRetention(RETENTION_MIN)} and ${formatRetention(RETENTION_MAX)}`;
const desiredRetention = z.preprocess(
  filled,
  decimalNumber(
    (n) =>
      n
        .min(
          RETENTION_MIN,
          `Choose at least ${formatRetention(RETENTION_MIN)}: lower than that, you would forget too much.`,
        )
        .max(RETENTION_MAX, `Choose at most ${formatRetention(RETENTION_MAX)}: higher than that, reviews pile up.`),
    `Enter a retention between ${RANGE}.`,
  ),
);

export const reviewSettingsSchema = z.object({
  desiredRetention,
  newCardsPerDay: z.preprocess(
    filled,
    wholeNumber((n) => n.min(0, "Use 0 or more.").max(500, "Use at most 500."), "Use a whole number."),
  ),
  reviewsPerDay: z.preprocess(
    filled,
    wholeNumber((n) => n.min(1, "Allow at least 1 review.").max(5000, "Use at most 5,000."), "Use a whole number."),
  ),
  timeZone: z.string().refine((tz) => {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, "Choose a time zone from the list."),
});

/** The recall filters Browse cards offers, as percentages. */
export const RECALL_FILTERS = ["50", "70", "80", "90"] as const;

export const browseQuery = z.object({
  deck: deckParam,
  state: z.enum(["new", "learning", "review", "relearning", "suspended"]).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  sort: z.enum(["due", "difficulty", "stability", "recall"]).default("due").catch("due"),
  dir: z.enum(["asc", "desc"]).default("asc").catch("asc"),
  /** Recall below this percentage ("recall below 80%"). */
  recall: z.enum(RECALL_FILTERS).optional().catch(undefined),
  page: wholeNumber((n) => n.min(1).max(10_000))
    .default(1)
    .catch(1),
});

/** The settings page's other forms, told apart by their intent ("optimize" and "suggest-steps" have no fields). */
export const settingsIntent = z.enum(["optimize", "retention", "steps", "suggest-steps"], {
  error: "That action is not known.",
});

/** "Use suggested": the desired retention alone. */
export const retentionAction = z.object({ desiredRetention });

const steps = (minSteps: 0 | 1) =>
  z
    .string({ error: "Enter the steps, for example 1m 10m." })
    .max(200, "Keep the steps under 200 characters.")
    .transform((text, ctx) => {
      const parsed = parseSteps(text, minSteps);
      if (parsed.ok) return formatSteps(parsed.steps);
      ctx.addIssue({ code: "custom", message: parsed.message });
      return z.NEVER;
    });

/** Learning and relearning steps, typed or applied from the suggestion. */
export const stepsSchema = z.object({ learningSteps: steps(1), relearningSteps: steps(0) });

/** At most this many ratings in one sync request (the browser sends a longer queue in turns). */
export const SYNC_BATCH_MAX = 200;

/** POST /review/sync: ratings made offline, as JSON. */
export const syncRequest = z.object({
  ratings: z
    .array(
      z.object({
        requestId: z.uuid("Each rating needs its request id (a UUID)."),
        ref: cardRef,
        grade: z.number().int().min(1, "Choose Again, Hard, Good or Easy.").max(4, "Choose Again, Hard, Good or Easy."),
        reviewedAt: z.iso.datetime({ offset: true, error: "Each rating needs the time it was made." }),
      }),
    )
    .min(1, "There were no ratings to sync.")
    .max(SYNC_BATCH_MAX, `Send at most ${SYNC_BATCH_MAX} ratings at a time.`),
});
