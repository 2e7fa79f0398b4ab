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

/** Preferences.fsrsWeights: the learner's trained FSRS parameters, or null (defaults) if unset or unusable. */
export function decodeWeights(json: string | null): number[] | null {
  if (!json) return null;
  try {
    const parsed = weightsSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const previousCardSchema = z.object({
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
  suspended: z.boolean().optional(),
});

/** ReviewLog.previousCard: the card as it was before the rating (what undo restores). */
export const decodePreviousCard = (json: string) => previousCardSchema.parse(JSON.parse(json));

/** Job.result: each job kind's outcome has its own schema (the kind's module owns it); null if unreadable. */
export function decodeJobResult<T>(json: string | null, schema: z.ZodType<T>): T | null {
  if (!json) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
