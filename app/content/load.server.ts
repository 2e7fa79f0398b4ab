// Reads content/ into typed, located items. Invalid items become problems (with file and line)
// instead of crashing: content:check reports them, the running app skips them.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { isMap, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import type { z } from "zod";
import {
  blueprintSchema,
  cardSchema,
  glossaryEntrySchema,
  lessonFrontmatterSchema,
  overlapAllowanceSchema,
  questionSchema,
  type Blueprint,
  type CardSource,
  type GlossaryEntry,
  type LessonFrontmatter,
  type OverlapAllowance,
  type QuestionSource,
} from "./schemas.ts";

export interface Problem {
  file: string;
  line: number;
  message: string;
}

export interface Located<T> {
  value: T;
  file: string;
  line: number;
}

export interface LessonSource {
  frontmatter: LessonFrontmatter;
  body: string;
  /** 1-based line of the first body line in the file. */
  bodyLine: number;
  /** 1-based line of each frontmatter key, for precise messages. */
  keyLines: Record<string, number>;
  /** The domain folder the file sits in. */
  folder: string;
}

export interface LoadedContent {
  root: string;
  blueprint: Blueprint;
  lessons: Located<LessonSource>[];
  glossary: Located<GlossaryEntry>[];
  questions: Located<QuestionSource & { folder: string }>[];
  cards: Located<CardSource & { folder: string }>[];
  /** Deliberate overlaps between a question and a lesson or card (content/overlap-allow.yaml). */
  overlapAllow: Located<OverlapAllowance>[];
  problems: Problem[];
}

/**
 * A content file's text. Editors on Windows save a byte-order mark and CRLF line ends; neither
 * is content, and both would break frontmatter and YAML parsing, so both are dropped here.
 */
export function readContentFile(file: string): string {
  return readFileSync(file, "utf8").replace(/^\uFEFF/, "").replace(/\r\n/g, "\n");
}

export function contentRoot(): string {
  return path.resolve(process.env.CONTENT_DIR ?? path.join(process.cwd(), "content"));
}

function rel(file: string): string {
  return path.relative(process.cwd(), file) || file;
}

function listFiles(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return listFiles(full, ext);
      return entry.name.endsWith(ext) ? [full] : [];
    })
    .sort();
}

function formatIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
  return `${where}${issue.message}`;
}

/** Parses a YAML list file; validates each item; returns valid items with their lines. */
function loadYamlList<T>(file: string, schema: z.ZodType<T>, problems: Problem[]): Located<T>[] {
  const source = readContentFile(file);
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  const at = (node: Node | null | undefined) => (node?.range ? lineCounter.linePos(node.range[0]).line : 1);
  for (const error of doc.errors) {
    problems.push({ file: rel(file), line: lineCounter.linePos(error.pos[0]).line, message: `YAML: ${error.message.split("\n")[0]}` });
  }
  if (doc.errors.length) return [];
  if (!isSeq(doc.contents)) {
    if (doc.contents !== null) problems.push({ file: rel(file), line: 1, message: "expected a YAML list of items" });
    return [];
  }
  const out: Located<T>[] = [];
  // toJS on the whole document resolves anchors and aliases, which per-node toJSON cannot.
  const values = doc.toJS() as unknown[];
  doc.contents.items.forEach((node, index) => {
    const line = at(node as Node);
    const parsed = schema.safeParse(values[index]);
    if (parsed.success) {
      out.push({ value: parsed.data, file: rel(file), line });
      return;
    }
    for (const issue of parsed.error.issues) {
      const target = isMap(node) && issue.path.length ? (node.getIn(issue.path as (string | number)[], true) as Node | undefined) : undefined;
      const id = isMap(node) ? node.get("id") ?? node.get("slug") : undefined;
      problems.push({ file: rel(file), line: target ? at(target) : line, message: `${id ? `${String(id)}: ` : ""}${formatIssue(issue)}` });
    }
  });
  return out;
}

function loadLesson(file: string, problems: Problem[]): Located<LessonSource> | null {
  const source = readContentFile(file);
  let parsed: matter.GrayMatterFile<string>;
  try {
    // gray-matter caches by content; pass a fresh options object to avoid stale shared state.
    parsed = matter(source, {});
  } catch (error) {
    problems.push({ file: rel(file), line: 1, message: `frontmatter: ${(error as Error).message.split("\n")[0]}` });
    return null;
  }
  const lines = source.split("\n");
  const closing = lines.findIndex((l, i) => i > 0 && l.trim() === "---");
  const keyLines: Record<string, number> = {};
  lines.slice(1, Math.max(closing, 1)).forEach((l, i) => {
    const key = /^([A-Za-z]+):/.exec(l)?.[1];
    if (key) keyLines[key] = i + 2;
  });
  const result = lessonFrontmatterSchema.safeParse(parsed.data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      problems.push({ file: rel(file), line: keyLines[String(issue.path[0])] ?? 1, message: `frontmatter ${formatIssue(issue)}` });
    }
    return null;
  }
  return {
    value: {
      frontmatter: result.data,
      body: parsed.content,
      bodyLine: closing + 2,
      keyLines,
      folder: path.basename(path.dirname(file)),
    },
    file: rel(file),
    line: 1,
  };
}

export function loadBlueprint(root = contentRoot()): Blueprint {
  const file = path.join(root, "blueprint.yaml");
  const parsed = blueprintSchema.safeParse(parseDocument(readContentFile(file)).toJSON());
  if (!parsed.success) {
    throw new Error(`${rel(file)} is invalid: ${parsed.error.issues.map(formatIssue).join("; ")}`);
  }
  return parsed.data;
}

export function loadContent(root = contentRoot()): LoadedContent {
  const problems: Problem[] = [];
  const blueprint = loadBlueprint(root);
  const lessons = listFiles(path.join(root, "lessons"), ".md")
    .map((f) => loadLesson(f, problems))
    .filter((l): l is Located<LessonSource> => l !== null);
  const glossary = listFiles(path.join(root, "glossary"), ".yaml").flatMap((f) => loadYamlList(f, glossaryEntrySchema, problems));
  const questions = listFiles(path.join(root, "questions"), ".yaml").flatMap((f) =>
    loadYamlList(f, questionSchema, problems).map((q) => ({ ...q, value: { ...q.value, folder: path.basename(path.dirname(f)) } })),
  );
  const cards = listFiles(path.join(root, "cards"), ".yaml").flatMap((f) =>
    loadYamlList(f, cardSchema, problems).map((c) => ({ ...c, value: { ...c.value, folder: path.basename(f, ".yaml") } })),
  );
  const allowFile = path.join(root, "overlap-allow.yaml");
  const overlapAllow = existsSync(allowFile) ? loadYamlList(allowFile, overlapAllowanceSchema, problems) : [];
  return { root, blueprint, lessons, glossary, questions, cards, overlapAllow, problems };
}
