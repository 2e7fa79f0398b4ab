// An instructor's own questions (never the shared bank's) as GIFT or Moodle XML, to take to Moodle.
import { decodeOptions } from "~/models/json-columns.ts";
import { authoredForExport } from "~/models/authored-question.server.ts";
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
