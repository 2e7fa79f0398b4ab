// Moodle XML: <quiz> of <question type="multichoice"> with <name>, <questiontext format=…>,
// <answer fraction="100|0"> with <feedback>, <single>, category pseudo-questions and <tags>.
// Other types are reported by their position and name and skipped.
// https://docs.moodle.org/en/Moodle_XML_format
import { XMLBuilder, XMLParser } from "fast-xml-parser";
import { decodeEntities, htmlToStem } from "./html.ts";
import type { ExportQuestion } from "./gift.ts";
import { mapArea, shapeProblems, type DraftQuestion, type ImportProblem, type ParsedFile } from "./types.ts";

const TYPE_NAMES: Record<string, string> = {
  truefalse: "a true/false question",
  shortanswer: "a short-answer question",
  matching: "a matching question",
  numerical: "a numerical question",
  essay: "an essay question",
  description: "a description",
  cloze: "an embedded answers (cloze) question",
  multianswer: "an embedded answers (cloze) question",
  calculated: "a calculated question",
  calculatedsimple: "a calculated question",
  calculatedmulti: "a calculated question",
  ddwtos: "a drag-and-drop question",
  gapselect: "a select-missing-words question",
  randomsamatch: "a random short-answer matching question",
  ordering: "an ordering question",
};

type Node = Record<string, unknown>;
const asNode = (v: unknown): Node => (v && typeof v === "object" ? (v as Node) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** The text of a `<x><text>…</text></x>` element (CDATA or escaped), whatever shape the parser gave it. */
function textOf(v: unknown): string {
  const node = asNode(v);
  const t = node.text ?? v;
  if (typeof t === "string" || typeof t === "number" || typeof t === "boolean") return String(t);
  if (Array.isArray(t)) return t.map(textOf).join("");
  const inner = asNode(t)["#text"];
  return inner === undefined ? "" : String(inner);
}

const formatOf = (v: unknown) => String(asNode(v)["@_format"] ?? "html").toLowerCase();

/** Text in a given Moodle text format, as Charted text. */
function convert(raw: string, format: string) {
  if (format === "html" || format === "moodle_auto_format") return htmlToStem(raw);
  return { ok: true as const, text: raw.trim() };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  isArray: (name) => ["question", "answer", "tag"].includes(name),
});

export function parseMoodleXml(source: string): ParsedFile {
  const questions: DraftQuestion[] = [];
  const problems: ImportProblem[] = [];
  let doc: Node;
  try {
    doc = asNode(parser.parse(source, true));
  } catch (error) {
    return {
      questions,
      problems: [
        { where: "the file", message: `This is not well-formed XML: ${String((error as Error).message ?? error)}` },
      ],
    };
  }
  if (!("quiz" in doc))
    return {
      questions,
      problems: [{ where: "the file", message: "There is no <quiz> element: is this a Moodle XML file?" }],
    };
  let category: string | null = null;
  list(asNode(doc.quiz).question).forEach((raw, i) => {
    const q = asNode(raw);
    const type = String(q["@_type"] ?? "");
    if (type === "category") {
      category = textOf(q.category).trim();
      return;
    }
    const name = decodeEntities(textOf(q.name)).trim();
    const where = `question ${i + 1}${name ? ` “${name}”` : ""}`;
    const fail = (message: string) => void problems.push({ where, message });
    if (type !== "multichoice")
      return fail(
        `This is ${TYPE_NAMES[type] ?? `a “${type}” question`}: Charted imports multiple-choice questions only.`,
      );
    if (String(textOf(q.single)).trim() === "false")
      return fail("It allows several answers (<single>false</single>): Charted questions have exactly one key.");
    const answers = [];
    for (const a of list(q.answer)) {
      const fraction = Number(asNode(a)["@_fraction"] ?? 0);
      if (fraction !== 0 && fraction !== 100)
        return fail(`It gives partial credit (fraction ${fraction}): Charted questions have one fully right answer.`);
      const text = convert(textOf(a), formatOf(a));
      const feedback = convert(textOf(asNode(a).feedback), formatOf(asNode(a).feedback));
      if (!text.ok) return fail(text.message);
      if (!feedback.ok) return fail(feedback.message);
      answers.push({ text: text.text, rationale: feedback.text, right: fraction === 100 });
    }
    const shape = shapeProblems(answers);
    if (shape.length) return fail(shape.join(" "));
    const stem = convert(textOf(q.questiontext), formatOf(q.questiontext));
    if (!stem.ok) return fail(stem.message);
    if (!stem.text) return fail("The question has no text.");
    const tags = list(asNode(q.tags).tag).map((t) => textOf(t).trim());
    questions.push({
      where,
      title: name || null,
      stem: stem.text,
      options: answers.map(({ text, rationale }) => ({ text, rationale })),
      answerIndex: answers.findIndex((a) => a.right),
      ...mapArea([...tags, ...(category ? [category] : [])]),
    });
  });
  return { questions, problems };
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  format: true,
  processEntities: true,
  suppressEmptyNode: true,
});

/** Text as an escaped element (the builder escapes &, <, > and quotes). */
const textNode = (text: string) => ({ text });

/** Questions as Moodle XML (markdown text, which Moodle renders), a category per knowledge area. */
export function toMoodleXml(questions: ExportQuestion[]): string {
  const out: Node[] = [];
  let category: string | null = null;
  for (const q of [...questions].sort((a, b) => a.knowledgeArea.localeCompare(b.knowledgeArea))) {
    if (q.knowledgeArea !== category) {
      category = q.knowledgeArea;
      out.push({
        "@_type": "category",
        category: { text: `$course$/top/${q.knowledgeArea.slice(0, 3)}/${q.knowledgeArea}` },
      });
    }
    out.push({
      "@_type": "multichoice",
      name: { text: q.id },
      questiontext: { "@_format": "markdown", ...textNode(q.stem) },
      defaultgrade: "1",
      single: "true",
      shuffleanswers: "true",
      answernumbering: "ABCD",
      answer: q.options.map((o, i) => ({
        "@_fraction": i === q.answerIndex ? "100" : "0",
        "@_format": "markdown",
        ...textNode(o.text),
        feedback: { "@_format": "markdown", ...textNode(o.rationale) },
      })),
      tags: { tag: [{ text: q.knowledgeArea }] },
    });
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ quiz: { question: out } }) as string}`;
}
