// Importing an instructor's questions from GIFT or Moodle XML, statelessly: the preview parses
// the submitted text and saves nothing; the confirmation re-parses the same text (carried in a
// hidden field) and saves each question through createAuthored, the path hand-written questions
// take. Each question carries a hash of its content, so importing the same file again adds nothing.
import { createHash } from "node:crypto";
import { z } from "zod";
import { OPTION_LETTERS as LETTERS } from "~/content/exam-ids.ts";
import { renderStem } from "~/content/markdown.server.ts";
import { authoredForExport, usedImportKeys } from "~/models/authored-question.server.ts";
import { decodeOptions } from "~/models/json-columns.ts";
import { createAuthored, knowledgeAreas } from "./authoring.server.ts";
import { authoredQuestionSchema, flatFieldName } from "./forms.ts";
import { parseGift } from "./formats/gift.ts";
import { parseMoodleXml } from "./formats/moodle-xml.ts";
import {
  formatName,
  IMPORT_LIMITS,
  type DraftQuestion,
  type ImportFormat,
  type ImportProblem,
} from "./formats/types.ts";
import type { Role } from "~/utils/roles.ts";

type Author = { id: string; role: Role };

export const importSourceSchema = z.object({
  text: z
    .string({ error: "Choose a file or paste the questions." })
    .trim()
    .min(1, "Choose a file or paste the questions.")
    .max(IMPORT_LIMITS.bytes, "The file is over 1 MiB: split it into smaller files."),
  format: z.enum(["auto", "gift", "xml"], { error: "Choose GIFT, Moodle XML or “detect”." }),
});

/** What every imported question shares: the exam fields GIFT and Moodle XML do not carry. */
export const importBatchSchema = z.object({
  difficulty: authoredQuestionSchema.shape.difficulty,
  cognitive: authoredQuestionSchema.shape.cognitive,
  reference: authoredQuestionSchema.shape.reference,
});
export type ImportBatch = z.infer<typeof importBatchSchema>;

export function detectFormat(text: string): ImportFormat {
  return /^\s*(<\?xml|<quiz[\s>])/i.test(text) ? "xml" : "gift";
}

const normalise = (s: string) => s.replace(/\s+/g, " ").trim();

/** The import key: a hash of the question's own content (not the choices made at import). */
export function importKey(q: Pick<DraftQuestion, "stem" | "options" | "answerIndex">): string {
  const content = [normalise(q.stem), q.options.map((o) => [normalise(o.text), normalise(o.rationale)]), q.answerIndex];
  return createHash("sha256").update(JSON.stringify(content)).digest("hex");
}

/**
 * The keys among `keys` this author already has: imported before (even if since retired), or the
 * same content as one of their live questions (so importing an export of them adds nothing).
 */
async function knownKeys(authorId: string, keys: string[]) {
  const known = await usedImportKeys(authorId, keys);
  for (const q of await authoredForExport(authorId))
    known.add(importKey({ stem: q.stem, options: decodeOptions(q.options), answerIndex: q.answerIndex }));
  return known;
}

export interface PreviewItem {
  index: number;
  where: string;
  title: string | null;
  stemHtml: string;
  options: { text: string; rationale: string; html: string; rationaleHtml: string }[];
  answerIndex: number;
  /** A knowledge area the file names and Charted has; null: the instructor chooses one. */
  knowledgeArea: string | null;
  domainId: string | null;
  alreadyImported: boolean;
  /** What the question form's rules refuse in its text (e.g. a rationale under 10 characters). */
  textProblem: string | null;
}

/** The form's rules for the question's own text (stem, options, rationales), shown in the preview. */
const questionTextSchema = authoredQuestionSchema.pick({ stem: true, options: true });
function textProblem(d: DraftQuestion): string | null {
  const checked = questionTextSchema.safeParse({ stem: d.stem, options: d.options });
  return checked.success ? null : issuesText(checked.error.issues);
}

type Parsed =
  | { ok: true; format: ImportFormat; drafts: (DraftQuestion & { key: string })[]; problems: ImportProblem[] }
  | { ok: false; formError: string };

function parse(text: string, requested: "auto" | ImportFormat): Parsed {
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text))
    return { ok: false, formError: "The file holds control characters: is it a text file (GIFT or XML)?" };
  const format = requested === "auto" ? detectFormat(text) : requested;
  const { questions, problems } = format === "xml" ? parseMoodleXml(text) : parseGift(text);
  if (questions.length + problems.length > IMPORT_LIMITS.questions)
    return {
      ok: false,
      formError: `The file holds more than ${IMPORT_LIMITS.questions} questions: split it into smaller files.`,
    };
  if (!questions.length && !problems.length)
    return { ok: false, formError: `No questions were found in the text (read as ${formatName(format)}).` };
  const areas = knowledgeAreas();
  const drafts = questions.map((q) => ({
    ...q,
    // A knowledge area Charted does not have (or has retired) is left for the instructor to choose.
    knowledgeArea: q.knowledgeArea && areas.has(q.knowledgeArea) ? q.knowledgeArea : null,
    key: importKey(q),
  }));
  return { ok: true, format, drafts, problems };
}

export type PreviewResult =
  | { ok: true; format: ImportFormat; items: PreviewItem[]; problems: ImportProblem[] }
  | { ok: false; formError: string };

/** The questions as they would be saved, and every problem; saves nothing. */
export async function previewImport(
  author: Author,
  text: string,
  format: "auto" | ImportFormat,
): Promise<PreviewResult> {
  const parsed = parse(text, format);
  if (!parsed.ok) return parsed;
  const used = await knownKeys(
    author.id,
    parsed.drafts.map((d) => d.key),
  );
  const items = parsed.drafts.map((d, index) => ({
    index,
    where: d.where,
    title: d.title,
    stemHtml: renderStem(d.stem),
    options: d.options.map((o) => ({ ...o, html: renderStem(o.text), rationaleHtml: renderStem(o.rationale) })),
    answerIndex: d.answerIndex,
    knowledgeArea: d.knowledgeArea,
    domainId: d.domainId,
    alreadyImported: used.has(d.key),
    textProblem: textProblem(d),
  }));
  return { ok: true, format: parsed.format, items, problems: parsed.problems };
}

export type ConfirmResult =
  | { ok: true; created: number; alreadyImported: number; refused: ImportProblem[] }
  | { ok: false; formError?: string; fieldErrors: Record<string, string[]> };

/**
 * Saves the questions of the same text: each new one with the batch's fields and its knowledge
 * area (the file's, or `chosenAreas[index]`). A missing choice refuses the whole import; a question
 * the bank checks refuse (e.g. a near-copy) is reported and the others are saved.
 */
export async function confirmImport(
  author: Author,
  text: string,
  format: "auto" | ImportFormat,
  batch: ImportBatch,
  chosenAreas: Record<number, string | undefined>,
): Promise<ConfirmResult> {
  const parsed = parse(text, format);
  if (!parsed.ok) return { ok: false, formError: parsed.formError, fieldErrors: {} };
  const areas = knowledgeAreas();
  const used = await knownKeys(
    author.id,
    parsed.drafts.map((d) => d.key),
  );
  const fieldErrors: Record<string, string[]> = {};
  const pending = parsed.drafts.flatMap((d, index) => {
    if (used.has(d.key)) return [];
    const area = d.knowledgeArea ?? chosenAreas[index];
    if (!area || !areas.has(area)) {
      fieldErrors[`area-${index}`] = [`Choose a knowledge area for the question at ${d.where}.`];
      return [];
    }
    return [{ draft: d, area }];
  });
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };

  let created = 0;
  const refused: ImportProblem[] = [];
  for (const { draft, area } of pending) {
    const checked = authoredQuestionSchema.safeParse({
      ...batch,
      stem: draft.stem,
      knowledgeArea: area,
      options: draft.options,
      answer: LETTERS[draft.answerIndex],
    });
    if (!checked.success) {
      refused.push({ where: draft.where, message: issuesText(checked.error.issues) });
      continue;
    }
    const saved = await createAuthored(author, checked.data, draft.key);
    if (saved.ok) created++;
    else refused.push({ where: draft.where, message: Object.values(saved.fieldErrors).flat().join(" ") });
  }
  return { ok: true, created, alreadyImported: parsed.drafts.length - pending.length, refused };
}

function issuesText(issues: z.core.$ZodIssue[]): string {
  return issues.map((i) => `${fieldLabel(flatFieldName(i.path))}: ${i.message}`).join(" ");
}

const fieldLabel = (name: string) =>
  name === "stem"
    ? "Question"
    : name.replace(
        /^(option|rationale)([A-D])$/,
        (_, k: string, l: string) => `${k === "option" ? "Option" : "Rationale"} ${l}`,
      );

/** Batch fields from the form (difficulty, cognitive, referenceTitle/Publisher/Url). */
export function importBatchInput(formData: FormData) {
  const get = (k: string) => {
    const v = formData.get(k);
    return typeof v === "string" ? v : undefined;
  };
  return {
    difficulty: get("difficulty"),
    cognitive: get("cognitive"),
    reference: { title: get("referenceTitle"), publisher: get("referencePublisher"), url: get("referenceUrl") },
  };
}
