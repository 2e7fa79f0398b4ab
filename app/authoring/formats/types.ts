// What the GIFT and Moodle XML readers produce: Charted-shaped drafts (a stem, four options each
// with a rationale, one key) plus every problem found, each tied to where it is in the file.
import { AREA_ID_PATTERN, DOMAIN_IDS, type DomainId } from "~/content/exam-ids.ts";

export type ImportFormat = "gift" | "xml";

export const formatName = (f: ImportFormat) => (f === "xml" ? "Moodle XML" : "GIFT");

/** What one import may hold (the route's body limit in server/request-body.js leaves room for it). */
export const IMPORT_LIMITS = { bytes: 1024 * 1024, questions: 500 } as const;

export interface DraftQuestion {
  /** Where the question starts: "line 12" (GIFT) or "question 3 “Name”" (XML). */
  where: string;
  title: string | null;
  stem: string;
  options: { text: string; rationale: string }[];
  answerIndex: number;
  /** A knowledge area id or domain id named by the question's category path or tags. */
  knowledgeArea: string | null;
  domainId: DomainId | null;
}

export interface ImportProblem {
  where: string;
  message: string;
}

export interface ParsedFile {
  questions: DraftQuestion[];
  problems: ImportProblem[];
}

/** Charted questions have exactly four options (content/README.md). */
export const OPTION_COUNT = 4;

/**
 * A knowledge area (LAW.K01, or LAW-K01 as some exports write it) or a domain id named by a
 * category path segment or a tag; the most specific wins.
 */
export function mapArea(labels: string[]): { knowledgeArea: string | null; domainId: DomainId | null } {
  const words = labels.flatMap((l) => l.split("/")).map((w) => w.trim().toUpperCase());
  for (const w of words) {
    const area = w.replace(/^([A-Z]{3})-K(\d{2})$/, "$1.K$2");
    if (AREA_ID_PATTERN.test(area)) return { knowledgeArea: area, domainId: area.slice(0, 3) as DomainId };
  }
  const domain = words.find((w): w is DomainId => (DOMAIN_IDS as readonly string[]).includes(w));
  return { knowledgeArea: null, domainId: domain ?? null };
}

/** Checks common to both formats: four options, one key, a rationale for every option. */
export function shapeProblems(answers: { text: string; rationale: string; right: boolean }[]): string[] {
  const problems: string[] = [];
  const right = answers.filter((a) => a.right).length;
  if (right === 0) problems.push("No answer is marked right: mark exactly one.");
  if (right > 1) problems.push(`${right} answers are marked right: Charted questions have exactly one key.`);
  if (answers.length !== OPTION_COUNT)
    problems.push(`It has ${answers.length} options: Charted questions have exactly ${OPTION_COUNT}.`);
  const missing = answers.flatMap((a, i) => (a.rationale.trim() ? [] : [String.fromCharCode(65 + i)]));
  if (missing.length)
    problems.push(
      `Option${missing.length > 1 ? "s" : ""} ${missing.join(", ")} ha${missing.length > 1 ? "ve" : "s"} no feedback: Charted needs a rationale for every option.`,
    );
  if (answers.some((a) => !a.text.trim())) problems.push("An option is empty.");
  return problems;
}
