// An instructor's own question, validated like a bank question (content/README.md): four
// options each with a rationale, one key, a knowledge area, difficulty, cognitive level and a
// reference. Stems are inline markdown, rendered sanitized.
import { z } from "zod";
import { AREA_ID_PATTERN, OPTION_LETTERS as LETTERS } from "~/content/exam-ids.ts";
import { referenceSchema } from "~/content/schemas.ts";
import { wholeNumber } from "~/utils/numbers.ts";

const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `Enter ${label}.` })
    .trim()
    .min(
      min,
      min <= 1 ? `Enter ${label}.` : `${label[0].toUpperCase()}${label.slice(1)} needs at least ${min} characters.`,
    )
    .max(max, `Keep ${label} to ${max} characters.`);

export const authoredQuestionSchema = z.object({
  stem: text("the question", 15, 2000),
  knowledgeArea: z.string().regex(AREA_ID_PATTERN, "Choose a knowledge area from the list."),
  difficulty: wholeNumber((n) => n.min(1, "Choose a difficulty.").max(3, "Choose a difficulty.")),
  cognitive: z.enum(["recall", "application"], { error: "Choose recall or application." }),
  options: z.array(z.object({ text: text("the option", 1, 500), rationale: text("a rationale", 10, 1000) })).length(4),
  answer: z.enum(LETTERS, { error: "Choose which option is correct." }),
  reference: referenceSchema.extend({
    title: text("the reference title", 3, 300),
    publisher: text("the publisher", 2, 200),
    url: z.preprocess((v) => (v === "" ? undefined : v), referenceSchema.shape.url),
  }),
});

export type AuthoredQuestion = z.infer<typeof authoredQuestionSchema>;

/** Flat form fields (optionA, rationaleA, … referenceTitle) to the nested shape. */
export function authoredQuestionInput(formData: FormData) {
  const get = (k: string) => {
    const v = formData.get(k);
    return typeof v === "string" ? v : undefined;
  };
  return {
    stem: get("stem"),
    knowledgeArea: get("knowledgeArea"),
    difficulty: get("difficulty"),
    cognitive: get("cognitive"),
    options: LETTERS.map((l) => ({ text: get(`option${l}`), rationale: get(`rationale${l}`) })),
    answer: get("answer"),
    reference: { title: get("referenceTitle"), publisher: get("referencePublisher"), url: get("referenceUrl") },
  };
}

/** Field errors keyed by the flat form names. */
export function flatFieldName(path: PropertyKey[]): string {
  if (path[0] === "options") return `${path[2] === "rationale" ? "rationale" : "option"}${LETTERS[Number(path[1])]}`;
  if (path[0] === "reference")
    return `reference${String(path[1] ?? "title")[0].toUpperCase()}${String(path[1] ?? "title").slice(1)}`;
  return String(path[0] ?? "");
}

export const ownQuestionId = z.string().regex(/^own-[a-z0-9]{16,32}$/);

/** A refused question: the errors by field, and the form's values as typed to fill it in again. */
export type RejectedQuestion = {
  ok: false;
  reason?: undefined;
  fieldErrors: Record<string, string[]>;
  values: Record<string, string>;
};

export type ParsedQuestion = { ok: true; data: AuthoredQuestion } | RejectedQuestion;

export function rejectedQuestion(formData: FormData, fieldErrors: Record<string, string[]>): RejectedQuestion {
  const values = Object.fromEntries(
    [...formData].filter(([, v]) => typeof v === "string").map(([k, v]) => [k, String(v)]),
  );
  return { ok: false, fieldErrors, values };
}

export function parseAuthoredQuestion(formData: FormData): ParsedQuestion {
  const result = authoredQuestionSchema.safeParse(authoredQuestionInput(formData));
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of result.error.issues) (fieldErrors[flatFieldName(issue.path)] ??= []).push(issue.message);
  return rejectedQuestion(formData, fieldErrors);
}
