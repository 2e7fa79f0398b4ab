// Instructors' own questions: the same checks as the bank (schema, a knowledge area that
// exists, no near-duplicate stem), private to their author, usable in their assignments.
import { notFound, type NotFound } from "~/utils/results.ts";
import { createHash, randomBytes } from "node:crypto";
import { NEAR_DUPLICATE_STEM } from "~/content/check.ts";
import { getContentIndex } from "~/content/index.server.ts";
import { renderStem } from "~/content/markdown.server.ts";
import { OPTION_LETTERS as LETTERS } from "~/content/exam-ids.ts";
import { jaccard, stemTokens } from "~/content/text.ts";
import * as store from "~/models/authored-question.server.ts";
import { parseAuthoredQuestion, rejectedQuestion, type AuthoredQuestion, type RejectedQuestion } from "./forms.ts";
import type { Role } from "~/utils/roles.ts";
import { decodeOptions, decodeReference } from "~/models/json-columns.ts";

type Author = { id: string; role: Role };
export type SaveResult =
  { ok: true; id: string } | { ok: false; reason?: undefined; fieldErrors: Record<string, string[]> } | NotFound;

/** Live knowledge areas by id, with their domain. */
export function knowledgeAreas() {
  return new Map(
    getContentIndex().domains.flatMap((d) =>
      d.knowledgeAreas.filter((k) => !k.retired).map((k) => [k.id, { domainId: d.id, title: k.title }] as const),
    ),
  );
}

export function knowledgeAreaChoices() {
  return getContentIndex().domains.map((d) => ({
    domain: d.name,
    areas: d.knowledgeAreas.filter((k) => !k.retired).map((k) => ({ id: k.id, title: k.title })),
  }));
}

function versionData(q: AuthoredQuestion): store.AuthoredVersionData {
  const options = q.options.map((o) => ({ text: o.text, rationale: o.rationale }));
  return {
    contentHash: createHash("sha256")
      .update(JSON.stringify([q.knowledgeArea, q.difficulty, q.cognitive, q.stem, options, q.answer, q.reference]))
      .digest("hex"),
    difficulty: q.difficulty,
    cognitive: q.cognitive,
    stem: q.stem,
    options: JSON.stringify(options),
    answerIndex: LETTERS.indexOf(q.answer),
    reference: JSON.stringify(q.reference),
  };
}

async function checkAgainstBank(
  author: Author,
  q: AuthoredQuestion,
  excludeId?: string,
): Promise<Record<string, string[]> | null> {
  const area = knowledgeAreas().get(q.knowledgeArea);
  if (!area) return { knowledgeArea: ["Choose a knowledge area from the list."] };
  const tokens = stemTokens(q.stem);
  for (const other of await store.stemsInArea(q.knowledgeArea, author.id, excludeId)) {
    if (jaccard(tokens, stemTokens(other.stem)) >= NEAR_DUPLICATE_STEM) {
      return {
        stem: [`This is too close to an existing question (${other.id}). Write a new scenario, or use that one.`],
      };
    }
  }
  const texts = q.options.map((o) => o.text.toLowerCase());
  if (new Set(texts).size < 4) return { optionA: ["The four options must all differ."] };
  return null;
}

/** Checks and saves a new question; an imported one carries its `importKey` (one use per author). */
export async function createAuthored(
  author: Author,
  q: AuthoredQuestion,
  importKey?: string,
): Promise<Exclude<SaveResult, NotFound>> {
  const problems = await checkAgainstBank(author, q);
  if (problems) return { ok: false, fieldErrors: problems };
  const id = `own-${randomBytes(12).toString("hex")}`;
  const created = await store.createAuthoredQuestion({
    id,
    authorId: author.id,
    domainId: q.knowledgeArea.slice(0, 3),
    knowledgeArea: q.knowledgeArea,
    version: versionData(q),
    importKey,
  });
  if (!created) return { ok: false, fieldErrors: { stem: ["You have already imported this question."] } };
  return { ok: true, id };
}

/** The question if this instructor wrote it (admins may see any); "not found" otherwise. */
export async function ownAuthored(author: Author, id: string) {
  const q = await store.findAuthoredQuestion(id);
  if (!q || !q.authorId || q.retiredAt || (q.authorId !== author.id && author.role !== "admin"))
    return notFound("We could not find that question.");
  return { ok: true as const, question: q };
}
type OwnedQuestion = Extract<Awaited<ReturnType<typeof ownAuthored>>, { ok: true }>["question"];

/** Saves an edit as a new version (attempts keep the version they showed); unchanged text saves nothing. */
export async function updateAuthored(author: Author, id: string, q: AuthoredQuestion): Promise<SaveResult> {
  const owned = await ownAuthored(author, id);
  if (!owned.ok) return owned;
  const existing = owned.question;
  const problems = await checkAgainstBank({ ...author, id: existing.authorId! }, q, id);
  if (problems) return { ok: false, fieldErrors: problems };
  const data = versionData(q);
  if (existing.versions[0]?.contentHash === data.contentHash) return { ok: true, id };
  await store.addAuthoredVersion({
    id,
    domainId: q.knowledgeArea.slice(0, 3),
    knowledgeArea: q.knowledgeArea,
    version: existing.currentVersion + 1,
    data,
  });
  return { ok: true, id };
}

/**
 * The question form, checked and then stored by `save` (create or update). Refused by the schema
 * or by the bank checks, it comes back with the field errors and the values as typed.
 */
export async function saveQuestionForm<R extends SaveResult>(
  formData: FormData,
  save: (q: AuthoredQuestion) => Promise<R>,
): Promise<Exclude<R, { ok: false; reason?: undefined }> | RejectedQuestion> {
  const parsed = parseAuthoredQuestion(formData);
  if (!parsed.ok) return parsed;
  const saved: SaveResult = await save(parsed.data);
  if (!saved.ok && saved.reason === undefined) return rejectedQuestion(formData, saved.fieldErrors);
  return saved as Exclude<R, { ok: false; reason?: undefined }>;
}

export async function retireAuthored(author: Author, id: string, now = new Date()) {
  const owned = await ownAuthored(author, id);
  if (!owned.ok) return owned;
  await store.retireAuthoredQuestion(id, now);
  return { ok: true as const };
}

export async function authoredList(author: Author) {
  const areas = knowledgeAreas();
  return (await store.authoredQuestions(author.id)).map((q) => ({
    id: q.id,
    knowledgeArea: q.knowledgeArea,
    areaTitle: areas.get(q.knowledgeArea)?.title ?? q.knowledgeArea,
    version: q.currentVersion,
    difficulty: q.versions[0]?.difficulty ?? null,
    stemHtml: renderStem(q.versions[0]?.stem ?? ""),
  }));
}

/** The stored question as form values (for editing). */
export function asFormValues(q: OwnedQuestion): Record<string, string> {
  const v = q.versions[0];
  const options = decodeOptions(v.options);
  const reference = decodeReference(v.reference);
  return {
    stem: v.stem,
    knowledgeArea: q.knowledgeArea,
    difficulty: String(v.difficulty),
    cognitive: v.cognitive,
    answer: LETTERS[v.answerIndex],
    referenceTitle: reference.title,
    referencePublisher: reference.publisher,
    referenceUrl: reference.url ?? "",
    ...Object.fromEntries(
      options.flatMap((o, i) => [
        [`option${LETTERS[i]}`, o.text],
        [`rationale${LETTERS[i]}`, o.rationale],
      ]),
    ),
  };
}
