// The content index: lessons rendered to HTML, the glossary, and a full-text search index,
// built once per process from content/ (not on every request).
import MiniSearch from "minisearch";
import { countWords } from "./text.ts";
import { loadContent, type LoadedContent } from "./load.server.ts";
import { markdownToText, renderMarkdown, type Heading } from "./markdown.server.ts";
import type { Blueprint, Domain, GlossaryEntry, Reference } from "./schemas.ts";

export interface LessonSummary {
  slug: string;
  title: string;
  domainId: string;
  domainSlug: string;
  knowledgeAreas: string[];
  minutes: number;
  order: number;
}

export interface Lesson extends LessonSummary {
  objectives: string[];
  keyTerms: { slug: string; term: string }[];
  references: Reference[];
  html: string;
  headings: Heading[];
  wordCount: number;
  readingMinutes: number;
  previous: LessonSummary | null;
  next: LessonSummary | null;
}

export interface SearchDoc {
  id: string;
  kind: "lesson" | "term";
  title: string;
  url: string;
  domainId: string;
  headings: string;
  text: string;
}

export interface Snippet {
  text: string;
  mark: boolean;
}

export interface SearchHit {
  id: string;
  kind: "lesson" | "term";
  title: string;
  url: string;
  domainId: string;
  snippet: Snippet[];
  /** The title split like the snippet, so matched words are highlighted there too. */
  titleParts: Snippet[];
  score: number;
}

export interface ContentIndex {
  blueprint: Blueprint;
  domains: Domain[];
  lessons: Map<string, Lesson>;
  lessonsByDomain: Map<string, LessonSummary[]>;
  glossary: GlossaryEntry[];
  glossaryBySlug: Map<string, GlossaryEntry>;
  search(query: string, options?: { kind?: "lesson" | "term"; limit?: number }): SearchHit[];
}

const WORDS_PER_MINUTE = 200;
const readingMinutes = (words: number) => Math.max(1, Math.round(words / WORDS_PER_MINUTE));

export function buildContentIndex(content: LoadedContent): ContentIndex {
  const { blueprint } = content;
  const domainsById = new Map(blueprint.domains.map((d) => [d.id, d]));
  const glossary = content.glossary.map((g) => g.value).sort((a, b) => sortKey(a.term).localeCompare(sortKey(b.term)));
  const glossaryBySlug = new Map(glossary.map((g) => [g.slug, g]));

  // Reading time comes from the text itself, so every page and the study plan agree with it.
  const summaries = content.lessons
    .filter(({ value }) => domainsById.has(value.frontmatter.domain))
    .map(({ value: { frontmatter: fm, body } }) => ({
      slug: fm.slug,
      title: fm.title,
      domainId: fm.domain,
      domainSlug: domainsById.get(fm.domain)!.slug,
      knowledgeAreas: fm.knowledgeAreas,
      minutes: readingMinutes(countWords(body)),
      order: fm.order,
    }));
  const lessonsByDomain = new Map<string, LessonSummary[]>(blueprint.domains.map((d) => [d.id, []]));
  for (const s of summaries) lessonsByDomain.get(s.domainId)!.push(s);
  for (const list of lessonsByDomain.values()) list.sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));

  const lessons = new Map<string, Lesson>();
  const docs: SearchDoc[] = [];
  for (const { value } of content.lessons) {
    const fm = value.frontmatter;
    const domain = domainsById.get(fm.domain);
    if (!domain || lessons.has(fm.slug)) continue;
    const siblings = lessonsByDomain.get(fm.domain)!;
    const position = siblings.findIndex((s) => s.slug === fm.slug);
    const { html, headings } = renderMarkdown(value.body);
    const wordCount = countWords(value.body);
    lessons.set(fm.slug, {
      ...siblings[position],
      objectives: fm.objectives,
      keyTerms: fm.keyTerms.filter((t) => glossaryBySlug.has(t)).map((t) => ({ slug: t, term: glossaryBySlug.get(t)!.term })),
      references: fm.references,
      html,
      headings,
      wordCount,
      readingMinutes: siblings[position].minutes,
      previous: siblings[position - 1] ?? null,
      next: siblings[position + 1] ?? null,
    });
    docs.push({
      id: `lesson:${fm.slug}`,
      kind: "lesson",
      title: fm.title,
      url: `/learn/${domain.slug}/${fm.slug}`,
      domainId: fm.domain,
      headings: headings.map((h) => h.text).join(" · "),
      text: markdownToText(value.body),
    });
  }
  for (const g of glossary) {
    docs.push({
      id: `term:${g.slug}`,
      kind: "term",
      title: g.term,
      url: `/glossary/${g.slug}`,
      domainId: g.domain,
      headings: "",
      text: [g.definition, g.example].filter(Boolean).join(" "),
    });
  }

  const miniSearch = new MiniSearch<SearchDoc>({
    fields: ["title", "headings", "text"],
    storeFields: ["kind", "title", "url", "domainId"],
    // Word parts are written "-itis" or "cardi/o": index their letters as words.
    tokenize: (text) => text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean),
    searchOptions: {
      boost: { title: 4, headings: 2 },
      prefix: (term, i, terms) => i === terms.length - 1 && term.length >= 2,
      // Typos forgiven: one edit from 5 letters ("hippa" finds HIPAA), two from 7 ("asepsis"
      // finds "aseptic"); exact and prefix matches still rank first (fuzzy ones weigh less).
      fuzzy: (term) => (term.length >= 7 ? 2 : term.length >= 5 ? 1 : false),
      combineWith: "AND",
    },
  });
  miniSearch.addAll(docs);
  const docsById = new Map(docs.map((d) => [d.id, d]));

  return {
    blueprint,
    domains: blueprint.domains,
    lessons,
    lessonsByDomain,
    glossary,
    glossaryBySlug,
    search(query, options = {}) {
      const q = query.trim().slice(0, 200);
      if (!q) return [];
      let results = miniSearch.search(q);
      // Nothing matches every word: fall back to any word, still ranked by relevance.
      if (!results.length) results = miniSearch.search(q, { combineWith: "OR" });
      const exact = q.toLowerCase().replace(/^[-/]+|[-/]+$/g, "");
      return results
        .map((r) => {
          const doc = docsById.get(r.id)!;
          // An exact glossary headword beats prose that merely mentions it.
          const exactBonus = doc.kind === "term" && doc.title.toLowerCase().replace(/^[-/]+|[-/]+$/g, "") === exact ? 2 : 1;
          return { doc, score: r.score * exactBonus, terms: [...new Set([...r.terms, ...r.queryTerms])] };
        })
        .filter((r) => !options.kind || r.doc.kind === options.kind)
        .sort((a, b) => b.score - a.score)
        .slice(0, options.limit ?? 20)
        .map(({ doc, score, terms }) => ({
          id: doc.id,
          kind: doc.kind,
          title: doc.title,
          url: doc.url,
          domainId: doc.domainId,
          score,
          snippet: makeSnippet(doc.text, terms),
          titleParts: makeSnippet(doc.title, terms, doc.title.length + 1),
        }));
    },
  };
}

/** Glossary order ignores leading punctuation: "-itis" sorts under I. */
export function sortKey(term: string): string {
  return term.replace(/^[^A-Za-z0-9]+/, "").toLowerCase();
}

/** About `width` characters around the first match, split into marked and plain runs. */
export function makeSnippet(text: string, terms: string[], width = 180): Snippet[] {
  const words = terms.filter((t) => t.length > 1).map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  if (!words.length) return [{ text: text.slice(0, width), mark: false }];
  const pattern = new RegExp(`\\b(${words.join("|")})[a-z0-9]*`, "gi");
  const first = new RegExp(pattern.source, "i").exec(text);
  const start = first ? Math.max(0, text.lastIndexOf(" ", Math.max(0, first.index - width / 3)) + 1) : 0;
  let end = Math.min(text.length, start + width);
  if (end < text.length) end = Math.max(text.lastIndexOf(" ", end), start + 1);
  const window = text.slice(start, end);
  const out: Snippet[] = [];
  if (start > 0) out.push({ text: "… ", mark: false });
  let last = 0;
  for (const m of window.matchAll(pattern)) {
    if (m.index! > last) out.push({ text: window.slice(last, m.index), mark: false });
    out.push({ text: m[0], mark: true });
    last = m.index! + m[0].length;
  }
  if (last < window.length) out.push({ text: window.slice(last), mark: false });
  if (end < text.length) out.push({ text: " …", mark: false });
  return out;
}

let cached: ContentIndex | undefined;

/** The process-wide index (built on first use; server start warms it). */
export function getContentIndex(): ContentIndex {
  if (!cached) {
    const content = loadContent();
    if (content.problems.length) {
      console.warn(`content: skipped ${content.problems.length} invalid item(s); run npm run content:check`);
    }
    cached = buildContentIndex(content);
  }
  return cached;
}
