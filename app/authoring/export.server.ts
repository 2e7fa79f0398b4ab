// An instructor's own questions (never the shared bank's) as GIFT or Moodle XML, to take to Moodle.
import { decodeAssignmentConfig, decodeOptions } from "~/models/json-columns.ts";
import { assignmentsOfInstructor, authoredForExport } from "~/models/authored-question.server.ts";
import { toGift } from "./formats/gift.ts";
import { toMoodleXml } from "./formats/moodle-xml.ts";
import type { ImportFormat } from "./formats/types.ts";

/** The author's live questions, all or those of `ids` (ids that are not theirs are ignored). */
export async function exportAuthored(authorId: string, format: ImportFormat, ids?: string[]) {
  const questions = (await authoredForExport(authorId, ids)).map((q) => ({
    id: q.id,
    knowledgeArea: q.knowledgeArea,
    stem: q.stem,
    options: decodeOptions(q.options).map((o) => ({ text: o.text, rationale: o.rationale })),
    answerIndex: q.answerIndex,
  }));
  return format === "xml"
    ? { count: questions.length, body: toMoodleXml(questions), type: "application/xml", extension: "xml" }
    : { count: questions.length, body: toGift(questions), type: "text/plain", extension: "gift.txt" };
}

/**
 * The author's assignments that hand-pick at least one question they wrote, each with those
 * questions' ids (drawn assignments take bank questions only, so they have none).
 */
export async function assignmentsWithOwnQuestions(authorId: string) {
  const own = new Set((await authoredForExport(authorId)).map((q) => q.id));
  return (await assignmentsOfInstructor(authorId)).flatMap((a) => {
    const questionIds = decodeAssignmentConfig(a.config).questionIds.filter((id) => own.has(id));
    return questionIds.length ? [{ id: a.id, title: a.title, className: a.class.name, questionIds }] : [];
  });
}

/** The ids of the author's own questions in the chosen assignments (others' ids are ignored). */
export async function ownQuestionsOfAssignments(authorId: string, assignmentIds: string[]) {
  const chosen = new Set(assignmentIds);
  const rows = (await assignmentsWithOwnQuestions(authorId)).filter((a) => chosen.has(a.id));
  return [...new Set(rows.flatMap((a) => a.questionIds))];
}
