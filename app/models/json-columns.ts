// One decoder per JSON text column. Readers go through these instead of casting JSON.parse, so a
// malformed row fails here, loudly and by name, rather than as an undefined three calls later.
import { z } from "zod";

const optionSchema = z.object({ text: z.string(), rationale: z.string() });
/** One answer option of a question version, with why it is right or wrong. */
export type QuestionOption = z.infer<typeof optionSchema>;
const optionsSchema = z.array(optionSchema).length(4);

/** QuestionVersion.options: the four options in letter order. */
export const decodeOptions = (json: string): QuestionOption[] => optionsSchema.parse(JSON.parse(json));

const referenceSchema = z.object({ title: z.string(), publisher: z.string(), url: z.string().optional() });
export type QuestionReference = z.infer<typeof referenceSchema>;

/** QuestionVersion.reference: the source a question's key rests on. */
export const decodeReference = (json: string): QuestionReference => referenceSchema.parse(JSON.parse(json));

const weightsSchema = z.array(z.number().finite()).min(1);

/** Parses `json` with `schema`; null when the column is empty or does not match (never throws). */
function decodeOrNull<T>(json: string | null, schema: z.ZodType<T>): T | null {
  if (!json) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Preferences.fsrsWeights: the learner's trained FSRS parameters, or null (defaults) if unset or unusable. */
export const decodeWeights = (json: string | null): number[] | null => decodeOrNull(json, weightsSchema);

/** A card's FSRS fields as JSON carries them (dates as strings). */
export const cardFieldsSchema = z.object({
  due: z.coerce.date(),
  stability: z.number(),
  difficulty: z.number(),
  elapsedDays: z.number(),
  scheduledDays: z.number(),
  learningSteps: z.number(),
  reps: z.number(),
  lapses: z.number(),
  state: z.number().int(),
  lastReview: z.coerce.date().nullable(),
});

const previousCardSchema = cardFieldsSchema.extend({ suspended: z.boolean().optional() });

/** ReviewLog.previousCard: the card as it was before the rating (what undo restores). */
export const decodePreviousCard = (json: string) => previousCardSchema.parse(JSON.parse(json));

/** Job.result: each job kind's outcome has its own schema (the kind's module owns it); null if unreadable. */
export const decodeJobResult = <T>(json: string | null, schema: z.ZodType<T>): T | null => decodeOrNull(json, schema);

export const ASSIGNMENT_SOURCES = ["blueprint", "domains", "items"] as const;
export type AssignmentSource = (typeof ASSIGNMENT_SOURCES)[number];

/** What an assignment is built from: the items are fixed when it is created. Older rows without
 * the optional lists read as empty. */
const assignmentConfigSchema = z.object({
  source: z.enum(ASSIGNMENT_SOURCES).default("items"),
  domains: z.array(z.string()).default([]),
  /** Scored items, in the order chosen or drawn. */
  questionIds: z.array(z.string()).default([]),
  /** Unscored pretest items (full simulations only). */
  pretestIds: z.array(z.string()).default([]),
  itemCount: z.number().int().default(0),
});
/** As written (optional lists may be left out) and as read back (every list present). */
export type AssignmentConfig = z.input<typeof assignmentConfigSchema>;
export type StoredAssignmentConfig = z.output<typeof assignmentConfigSchema>;

/** Assignment.config. */
export const decodeAssignmentConfig = (json: string): StoredAssignmentConfig =>
  assignmentConfigSchema.parse(JSON.parse(json));
