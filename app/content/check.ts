// The rules content:check enforces. Each returns problems located at a file and line, so an
// author can jump straight to the fix. Volume targets are separate so fixtures can stay small.
import type { LoadedContent, Problem } from "./load.server.ts";
import { OPTION_LETTERS as LETTERS } from "./exam-ids.ts";
import { containment, countWords, jaccard, stemTokens, wordRuns } from "./text.ts";

export const LESSON_WORDS = { min: 900, max: 2000 };
export const NEAR_DUPLICATE_STEM = 0.8;
/**
 * Study and testing must not share wording, or a learner recognizes rather than recalls: a stem
 * is flagged when this share of its five-word runs stands in one lesson, and a key when this
 * share of its four-word runs stands on one card (keys of six words or more; shorter ones are
 * single terms a card may well name). Deliberate overlaps go in content/overlap-allow.yaml.
 */
/**
 * A card front that asks for several things at once ("Three things every ABN must state", "Name
 * four emergency symptoms", "What are the five steps…"): one fact per card, so each rating is
 * honest. A fill-in-the-blank front (with ___) asks for one item and is fine.
 */
const COUNT = "(two|three|four|five|six|seven|eight|nine|ten|\\d+)";
const PLURAL =
  "(things|items|types|kinds|parts|elements|steps|components|rights|ways|categories|rules|requirements|phrases|symptoms|signs|examples|reasons|questions|factors|documents|identifiers|options|stages|levels|functions|duties|exceptions|safeguards)";
export const LIST_FRONTS = [
  new RegExp(`^(list|name|give)\\s+((any|all|the|some|several)\\s+)?(${COUNT}\\s+)?(\\w+\\s+){0,2}\\w+s\\b`, "i"),
  new RegExp(`^(the\\s+)?${COUNT}\\s+(\\w+\\s+){0,2}${PLURAL}\\b`, "i"),
  new RegExp(`^what are (the )?${COUNT}\\b`, "i"),
];

export const OVERLAP = { stemInLesson: 0.6, keyOnCard: 0.8, keyMinWords: 6 };
export const KEY_SHARE = { min: 0.2, max: 0.3 };
export const MIN_APPLICATION_SHARE = 0.4;
export const VOLUME = { lessons: 42, lessonsPerDomain: 5, glossary: 400, cards: 1200, questionsPerScoredItem: 7 };
const CALLOUT = /^>\s*\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]/m;
const INTERNAL_LINK = /\]\((\/[^)\s]*)\)/g;

export interface CheckReport {
  problems: Problem[];
  /** Completeness gaps of domains marked in progress (content/in-progress.yaml): reported, not failing. */
  warnings: Problem[];
  /** Per-domain question counts against the blueprint targets. */
  questionTable: { domain: string; name: string; items: number; target: number; application: number; keys: Record<string, number> }[];
}

export function checkContent(content: LoadedContent, options: { volume?: boolean; inProgress?: string[] } = {}): CheckReport {
  const problems: Problem[] = [...content.problems];
  const warnings: Problem[] = [];
  const inProgress = new Set(options.inProgress ?? []);
  // Completeness rules for a domain still being written become warnings; every other rule holds.
  const gap = (domainId: string | null, file: string, line: number, message: string) =>
    (domainId === null ? inProgress.size > 0 : inProgress.has(domainId)) ? warnings.push({ file, line, message }) : problems.push({ file, line, message });
  const { blueprint } = content;
  const domains = new Map(blueprint.domains.map((d) => [d.id, d]));
  const kaIds = new Map(blueprint.domains.flatMap((d) => d.knowledgeAreas.map((k) => [k.id, d.id] as const)));
  const add = (file: string, line: number, message: string) => problems.push({ file, line, message });

  // Lessons
  const lessonSlugs = new Map<string, { file: string; domain: string }>();
  const covered = new Set<string>();
  const glossarySlugs = new Set(content.glossary.map((g) => g.value.slug));
  for (const lesson of content.lessons) {
    const { frontmatter: fm, body, bodyLine, keyLines, folder } = lesson.value;
    const seen = lessonSlugs.get(fm.slug);
    if (seen) add(lesson.file, keyLines.slug ?? 1, `duplicate lesson slug "${fm.slug}" (also ${seen.file})`);
    lessonSlugs.set(fm.slug, { file: lesson.file, domain: fm.domain });
    if (!lesson.file.endsWith(`/${fm.slug}.md`)) add(lesson.file, keyLines.slug ?? 1, `slug "${fm.slug}" must match the file name`);
    const domain = domains.get(fm.domain);
    if (domain && domain.slug !== folder) add(lesson.file, keyLines.domain ?? 1, `domain ${fm.domain} lessons belong in lessons/${domain.slug}/`);
    for (const ka of fm.knowledgeAreas) {
      if (!kaIds.has(ka)) add(lesson.file, keyLines.knowledgeAreas ?? 1, `unknown knowledge area ${ka}`);
      else if (kaIds.get(ka) !== fm.domain) add(lesson.file, keyLines.knowledgeAreas ?? 1, `${ka} is not in domain ${fm.domain}`);
      covered.add(ka);
    }
    for (const term of fm.keyTerms) {
      if (!glossarySlugs.has(term)) add(lesson.file, keyLines.keyTerms ?? 1, `key term "${term}" is not in the glossary`);
    }
    const words = countWords(body);
    if (words < LESSON_WORDS.min) add(lesson.file, bodyLine, `${words} words: lessons need at least ${LESSON_WORDS.min}`);
    if (words > LESSON_WORDS.max) add(lesson.file, bodyLine, `${words} words: lessons may have at most ${LESSON_WORDS.max}`);
    if (!/^## Summary\b/m.test(body)) add(lesson.file, bodyLine, `missing a "## Summary" section`);
    if (!/^## Check yourself\b/m.test(body)) add(lesson.file, bodyLine, `missing a "## Check yourself" section`);
    if (!CALLOUT.test(body)) add(lesson.file, bodyLine, "needs at least one callout (> [!NOTE], > [!TIP], ...)");
    if (/^# /m.test(body)) add(lesson.file, bodyLine, "no H1 in the body: the title comes from frontmatter");
    if (/^## References\b/m.test(body)) add(lesson.file, bodyLine, "no References heading in the body: use frontmatter references");
  }
  // Links are checked once every lesson slug is known.
  for (const lesson of content.lessons) {
    lesson.value.body.split("\n").forEach((text, i) => {
      for (const match of text.matchAll(INTERNAL_LINK)) {
        const target = match[1].split("#")[0];
        const line = lesson.value.bodyLine + i;
        const learn = /^\/learn\/([a-z]+)\/([a-z0-9-]+)$/.exec(target);
        const term = /^\/glossary\/([a-z0-9-]+)$/.exec(target);
        if (learn) {
          const found = lessonSlugs.get(learn[2]);
          if (!found || domains.get(found.domain as never)?.slug !== learn[1]) add(lesson.file, line, `broken lesson link ${target}`);
        } else if (term) {
          if (!glossarySlugs.has(term[1])) add(lesson.file, line, `broken glossary link ${target}`);
        } else if (!["/learn", "/glossary", "/search"].includes(target)) {
          add(lesson.file, line, `unknown internal link ${target}`);
        }
      }
    });
  }
  for (const domain of blueprint.domains) {
    for (const ka of domain.knowledgeAreas) {
      if (!ka.retired && !covered.has(ka.id)) gap(domain.id, "content/blueprint.yaml", 1, `knowledge area ${ka.id} (${ka.title}) has no lesson`);
    }
  }

  // Glossary
  const glossaryBySlug = new Map<string, string>();
  const glossaryByTerm = new Map<string, string>();
  for (const entry of content.glossary) {
    const g = entry.value;
    const where = `${entry.file}:${entry.line}`;
    if (glossaryBySlug.has(g.slug)) add(entry.file, entry.line, `duplicate glossary slug "${g.slug}" (also ${glossaryBySlug.get(g.slug)})`);
    glossaryBySlug.set(g.slug, where);
    const termKey = `${g.term.toLowerCase()}|${g.category}`;
    if (glossaryByTerm.has(termKey)) add(entry.file, entry.line, `duplicate glossary term "${g.term}" (also ${glossaryByTerm.get(termKey)})`);
    glossaryByTerm.set(termKey, where);
    for (const ka of g.knowledgeAreas) if (!kaIds.has(ka)) add(entry.file, entry.line, `${g.slug}: unknown knowledge area ${ka}`);
  }
  for (const entry of content.glossary) {
    for (const other of entry.value.seeAlso ?? []) {
      if (!glossaryBySlug.has(other)) add(entry.file, entry.line, `${entry.value.slug}: seeAlso "${other}" is not in the glossary`);
    }
  }

  // Questions
  const questionIds = new Map<string, string>();
  const byDomain = new Map<string, typeof content.questions>();
  for (const q of content.questions) {
    const v = q.value;
    if (questionIds.has(v.id)) add(q.file, q.line, `duplicate question id ${v.id} (also ${questionIds.get(v.id)})`);
    questionIds.set(v.id, `${q.file}:${q.line}`);
    const domainId = kaIds.get(v.knowledgeArea);
    if (!domainId) {
      add(q.file, q.line, `${v.id}: unknown knowledge area ${v.knowledgeArea}`);
      continue;
    }
    if (!v.id.startsWith(`${domainId}-`)) add(q.file, q.line, `${v.id}: id must start with its domain ${domainId}`);
    if (domains.get(domainId)?.slug !== v.folder) add(q.file, q.line, `${v.id}: belongs in questions/${domains.get(domainId)?.slug}/`);
    const texts = v.options.map((o) => o.text.trim().toLowerCase().replace(/[.\s]+$/, ""));
    if (new Set(texts).size !== 4) add(q.file, q.line, `${v.id}: the four options must be distinct`);
    v.options.forEach((o, i) => {
      if (/\b(all|none) of the above\b|\bboth [a-d] and [a-d]\b|\b[a-d] and [a-d] only\b/i.test(o.text)) {
        add(q.file, q.line, `${v.id}: option ${LETTERS[i]} uses a forbidden form ("all/none of the above", "both A and B")`);
      }
    });
    if (!lessonSlugs.has(v.lesson)) add(q.file, q.line, `${v.id}: lesson "${v.lesson}" does not exist`);
    (byDomain.get(domainId) ?? byDomain.set(domainId, []).get(domainId)!).push(q);
  }
  const questionTable: CheckReport["questionTable"] = [];
  for (const domain of blueprint.domains) {
    const items = byDomain.get(domain.id) ?? [];
    const keys = Object.fromEntries(LETTERS.map((l) => [l, items.filter((q) => q.value.answer === l).length]));
    const application = items.filter((q) => q.value.cognitive === "application").length;
    questionTable.push({ domain: domain.id, name: domain.name, items: items.length, target: domain.scoredItems * VOLUME.questionsPerScoredItem, application, keys });
    if (!items.length) continue;
    const first = items[0];
    for (const letter of LETTERS) {
      const share = keys[letter] / items.length;
      if (share < KEY_SHARE.min || share > KEY_SHARE.max) {
        add(first.file, 0, `${domain.id}: ${letter} is the key for ${(share * 100).toFixed(0)}% of items (keep each letter within 20-30%)`);
      }
    }
    if (application / items.length < MIN_APPLICATION_SHARE) {
      add(first.file, 0, `${domain.id}: only ${((application / items.length) * 100).toFixed(0)}% application items (need at least 40%)`);
    }
    // Near-duplicate stems within a domain (across domains, stems rarely collide).
    const tokens = items.map((q) => stemTokens(q.value.stem));
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        if (jaccard(tokens[i], tokens[j]) >= NEAR_DUPLICATE_STEM) {
          add(items[j].file, items[j].line, `${items[j].value.id}: stem nearly duplicates ${items[i].value.id} (${items[i].file}:${items[i].line})`);
        }
      }
    }
  }

  // Cards
  const cardIds = new Map<string, string>();
  const cardFronts = new Map<string, string>();
  for (const c of content.cards) {
    const v = c.value;
    if (cardIds.has(v.id)) add(c.file, c.line, `duplicate card id ${v.id} (also ${cardIds.get(v.id)})`);
    cardIds.set(v.id, `${c.file}:${c.line}`);
    const domainId = kaIds.get(v.knowledgeArea);
    if (!domainId) add(c.file, c.line, `${v.id}: unknown knowledge area ${v.knowledgeArea}`);
    else if (!v.id.startsWith(`${domainId}-`)) add(c.file, c.line, `${v.id}: id must start with its domain ${domainId}`);
    if (v.lesson && !lessonSlugs.has(v.lesson)) add(c.file, c.line, `${v.id}: lesson "${v.lesson}" does not exist`);
    if (!v.front.includes("___") && LIST_FRONTS.some((p) => p.test(v.front.trim())))
      add(c.file, c.line, `${v.id}: the front asks for several things; give each its own card (one fact per card)`);
    const front = `${domainId}|${v.front.trim().toLowerCase()}`;
    if (cardFronts.has(front)) add(c.file, c.line, `${v.id}: same front as ${cardFronts.get(front)}`);
    cardFronts.set(front, v.id);
  }

  // Study vs testing: no question stem copied into a lesson, no key stated on a card in the same words.
  const allowed = new Set(content.overlapAllow.map((a) => `${a.value.question}|${a.value.with}`));
  const lessonRuns = content.lessons.map((l) => ({ slug: l.value.frontmatter.slug, runs: wordRuns(l.value.body, 5) }));
  const cardRuns = content.cards.map((c) => ({ id: c.value.id, runs: wordRuns(`${c.value.front} ${c.value.back}`, 4) }));
  for (const q of content.questions) {
    const v = q.value;
    const stem = wordRuns(v.stem, 5);
    for (const l of lessonRuns) {
      const share = containment(stem, l.runs);
      if (share >= OVERLAP.stemInLesson && !allowed.has(`${v.id}|${l.slug}`))
        add(q.file, q.line, `${v.id}: ${Math.round(share * 100)}% of the stem's wording is in lesson ${l.slug}; ask about it another way`);
    }
    const key = v.options[LETTERS.indexOf(v.answer as (typeof LETTERS)[number])]?.text ?? "";
    if (countWords(key) < OVERLAP.keyMinWords) continue;
    const keyRuns = wordRuns(key, 4);
    for (const c of cardRuns) {
      const share = containment(keyRuns, c.runs);
      if (share >= OVERLAP.keyOnCard && !allowed.has(`${v.id}|${c.id}`))
        add(q.file, q.line, `${v.id}: card ${c.id} states the key in the same words (${Math.round(share * 100)}%); reword the option or the card`);
    }
  }
  const targets = new Set([...lessonRuns.map((l) => l.slug), ...cardRuns.map((c) => c.id)]);
  for (const a of content.overlapAllow) {
    if (!questionIds.has(a.value.question)) add(a.file, a.line, `overlap allowance names unknown question ${a.value.question}`);
    if (!targets.has(a.value.with)) add(a.file, a.line, `overlap allowance names unknown lesson or card ${a.value.with}`);
  }

  if (options.volume) {
    const add0 = (domainId: string | null, message: string) => gap(domainId, "content", 0, message);
    if (content.lessons.length < VOLUME.lessons) add0(null, `${content.lessons.length} lessons: need at least ${VOLUME.lessons}`);
    for (const domain of blueprint.domains) {
      const n = content.lessons.filter((l) => l.value.frontmatter.domain === domain.id).length;
      if (n < VOLUME.lessonsPerDomain) add0(domain.id, `${domain.id}: ${n} lessons, need at least ${VOLUME.lessonsPerDomain}`);
    }
    if (content.glossary.length < VOLUME.glossary) add0(null, `${content.glossary.length} glossary entries: need at least ${VOLUME.glossary}`);
    if (content.cards.length < VOLUME.cards) add0(null, `${content.cards.length} cards: need at least ${VOLUME.cards}`);
    for (const row of questionTable) {
      if (row.items < row.target) add0(row.domain, `${row.domain}: ${row.items} questions, need at least ${row.target}`);
    }
  }
  return { problems, warnings, questionTable };
}
