// GIFT (Moodle's plain-text question format), read by hand for what Charted can hold: multiple
// choice `{ =right#why ~wrong#why … }` with `::title::`, `$CATEGORY:` lines, `//` comments,
// escapes (\~ \= \# \{ \} \: \n \\), `[markdown]`/`[html]`/`[plain]`/`[moodle]` markers and
// questions over several lines. Every other question type is reported with its line and skipped.
// https://docs.moodle.org/en/GIFT_format
import { htmlToStem } from "./html.ts";
import { mapArea, shapeProblems, type DraftQuestion, type ImportProblem, type ParsedFile } from "./types.ts";

/** One character of a question, with whether it was escaped and the file line it is on. */
type Ch = { c: string; esc: boolean; line: number };

const ESCAPABLE = "~=#{}:\\";

function toChars(lines: { no: number; text: string }[]): Ch[] {
  const out: Ch[] = [];
  lines.forEach(({ no, text }, i) => {
    if (i > 0) out.push({ c: "\n", esc: false, line: no });
    for (let j = 0; j < text.length; j++) {
      const c = text[j];
      const next = text[j + 1];
      if (c === "\\" && next !== undefined && (ESCAPABLE.includes(next) || next === "n")) {
        out.push({ c: next === "n" ? "\n" : next, esc: true, line: no });
        j++;
      } else out.push({ c, esc: false, line: no });
    }
  });
  return out;
}

const str = (cs: Ch[]) => cs.map((x) => x.c).join("");
const isMark = (x: Ch | undefined, c: string) => x !== undefined && !x.esc && x.c === c;

function trimChars(cs: Ch[]): Ch[] {
  let a = 0;
  let b = cs.length;
  while (a < b && !cs[a].esc && /\s/.test(cs[a].c)) a++;
  while (b > a && !cs[b - 1].esc && /\s/.test(cs[b - 1].c)) b--;
  return cs.slice(a, b);
}

function indexOfMark(cs: Ch[], mark: string, from = 0): number {
  for (let i = from; i < cs.length; i++) if ([...mark].every((m, k) => isMark(cs[i + k], m))) return i;
  return -1;
}

/** Splits at every unescaped occurrence of one of `marks`, keeping the mark that opened each part. */
function splitAt(cs: Ch[], marks: string): { mark: string; body: Ch[] }[] {
  const parts: { mark: string; body: Ch[] }[] = [];
  let current: { mark: string; body: Ch[] } = { mark: "", body: [] };
  for (const x of cs) {
    if (!x.esc && marks.includes(x.c)) {
      parts.push(current);
      current = { mark: x.c, body: [] };
    } else current.body.push(x);
  }
  parts.push(current);
  return parts;
}

type Format = "markdown" | "html" | "plain";

function formatText(raw: string, format: Format): { ok: true; text: string } | { ok: false; message: string } {
  if (format === "html") return htmlToStem(raw);
  // Lines of a multi-line question keep their breaks; spaces around them go.
  return {
    ok: true,
    text: raw
      .split("\n")
      .map((l) => l.trim())
      .join("\n")
      .trim(),
  };
}

function unsupportedType(body: Ch[]): string | null {
  const text = str(body).trim();
  if (!text) return "an essay question (empty answer braces)";
  if (/^(T|F|TRUE|FALSE)\s*(#|$)/i.test(text) && !body.some((x) => !x.esc && "=~".includes(x.c)))
    return "a true/false question";
  if (isMark(trimChars(body)[0], "#")) return "a numerical question";
  if (indexOfMark(body, "->") >= 0) return "a matching question";
  return null;
}

function parseQuestion(
  block: { no: number; text: string }[],
  category: string | null,
  problems: ImportProblem[],
): DraftQuestion | null {
  let cs = trimChars(toChars(block));
  const where = `line ${cs[0].line}`;
  const fail = (message: string) => {
    problems.push({ where, message });
    return null;
  };
  let title: string | null = null;
  if (isMark(cs[0], ":") && isMark(cs[1], ":")) {
    const end = indexOfMark(cs, "::", 2);
    if (end < 0) return fail("The title's closing “::” is missing.");
    title = str(cs.slice(2, end)).trim();
    cs = trimChars(cs.slice(end + 2));
  }
  let format: Format = "plain";
  const marker = /^\[(markdown|html|plain|moodle)\]/i.exec(str(cs.slice(0, 11)));
  if (marker) {
    const name = marker[1].toLowerCase();
    format = name === "markdown" ? "markdown" : name === "html" ? "html" : "plain";
    cs = cs.slice(marker[0].length);
  }
  const open = indexOfMark(cs, "{");
  if (open < 0) return fail("This is a description (text without answers), which Charted does not import.");
  const close = indexOfMark(cs, "}", open + 1);
  if (close < 0) return fail(`The answers' “{” on line ${cs[open].line} is never closed with “}”.`);
  if (indexOfMark(cs, "{", close + 1) >= 0) return fail("It has more than one set of answers in braces.");
  const before = trimChars(cs.slice(0, open));
  const after = trimChars(cs.slice(close + 1));
  // "Missing word" style: the answers stand in the middle of the sentence.
  const stemChars = after.length ? [...before, ...toChars([{ no: 0, text: " _____ " }]), ...after] : before;
  const body = cs.slice(open + 1, close);
  const kind = unsupportedType(body);
  if (kind) return fail(`This is ${kind}: Charted imports multiple-choice questions only.`);

  // General feedback (####…) has no place in a Charted question: it is dropped.
  const general = indexOfMark(body, "####");
  const answerChars = trimChars(general >= 0 ? body.slice(0, general) : body);
  const [lead, ...parts] = splitAt(answerChars, "=~");
  if (str(lead.body).trim()) return fail(`The answers must start with “=” or “~” (line ${lead.body[0].line}).`);
  if (parts.some((p) => isMark(trimChars(p.body)[0], "%")))
    return fail("It uses weighted answers (~%50%…): Charted questions have one fully right answer.");
  if (!parts.some((p) => p.mark === "~"))
    return fail("This is a short-answer question (only “=” answers): Charted imports multiple-choice questions only.");

  const answers = [];
  for (const p of parts) {
    const [text, ...feedback] = splitAt(p.body, "#");
    const t = formatText(str(text.body), format);
    const r = formatText(feedback.map((f) => str(f.body)).join("#"), format);
    if (!t.ok) return fail(t.message);
    if (!r.ok) return fail(r.message);
    answers.push({ text: t.text, rationale: r.text, right: p.mark === "=" });
  }
  const shape = shapeProblems(answers);
  if (shape.length) return fail(shape.join(" "));
  const stem = formatText(str(stemChars), format);
  if (!stem.ok) return fail(stem.message);
  if (!stem.text) return fail("The question has no text.");
  return {
    where,
    title: title || null,
    stem: stem.text,
    options: answers.map(({ text, rationale }) => ({ text, rationale })),
    answerIndex: answers.findIndex((a) => a.right),
    ...mapArea(category ? [category] : []),
  };
}

export function parseGift(source: string): ParsedFile {
  const lines = source.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  const blocks: { no: number; text: string }[][] = [];
  let current: { no: number; text: string }[] = [];
  lines.forEach((text, i) => {
    if (/^\s*\/\//.test(text)) return; // a comment: neither text nor a separator
    if (!text.trim()) {
      if (current.length) blocks.push(current);
      current = [];
    } else current.push({ no: i + 1, text });
  });
  if (current.length) blocks.push(current);

  const questions: DraftQuestion[] = [];
  const problems: ImportProblem[] = [];
  let category: string | null = null;
  for (let block of blocks) {
    // $CATEGORY: sets the category for the questions after it (it may share a block with one).
    while (block.length && /^\s*\$CATEGORY:/i.test(block[0].text)) {
      category = block[0].text.replace(/^\s*\$CATEGORY:/i, "").trim();
      block = block.slice(1);
    }
    if (!block.length) continue;
    const q = parseQuestion(block, category, problems);
    if (q) questions.push(q);
  }
  return { questions, problems };
}

/** The question in GIFT, with everything GIFT gives a meaning to escaped. */
const escapeGift = (text: string) => text.replace(/[~=#{}:\\]/g, (c) => `\\${c}`).replace(/\r?\n/g, "\\n");

export interface ExportQuestion {
  id: string;
  knowledgeArea: string;
  stem: string;
  options: { text: string; rationale: string }[];
  answerIndex: number;
}

/** Questions as GIFT: one category per knowledge area, the id as title, rationales as feedback. */
export function toGift(questions: ExportQuestion[]): string {
  const out = [`// Exported from Charted: ${questions.length} question${questions.length === 1 ? "" : "s"}.`, ""];
  let category: string | null = null;
  for (const q of [...questions].sort((a, b) => a.knowledgeArea.localeCompare(b.knowledgeArea))) {
    if (q.knowledgeArea !== category) {
      category = q.knowledgeArea;
      out.push(`$CATEGORY: $course$/top/${q.knowledgeArea.slice(0, 3)}/${q.knowledgeArea}`, "");
    }
    out.push(`::${escapeGift(q.id)}::[markdown]${escapeGift(q.stem)} {`);
    q.options.forEach((o, i) =>
      out.push(`  ${i === q.answerIndex ? "=" : "~"}${escapeGift(o.text)}#${escapeGift(o.rationale)}`),
    );
    out.push("}", "");
  }
  return out.join("\n");
}
