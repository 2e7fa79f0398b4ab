import { describe, expect, it } from "vitest";
import { lessonBody, writeContent } from "../../tests/fixtures/content.ts";
import { buildContentIndex, getContentIndex, makeSnippet } from "./index.server.ts";
import { loadContent } from "./load.server.ts";

const g = (term: string, slug: string, definition: string, category = "legal", domain = "LAW", ka = "LAW.K01") => ({
  term,
  slug,
  category,
  definition,
  example: `The front desk used the term ${term} today.`,
  domain,
  knowledgeAreas: [ka],
});

const root = writeContent({
  lessons: [
    {
      slug: "privacy-basics",
      keyTerms: ["minimum-necessary"],
      frontmatter: { title: "HIPAA privacy at the front desk", order: 1 },
      body: lessonBody(950, "## The minimum necessary standard\n\nShare only the minimum necessary information for the task."),
    },
    { slug: "consent-basics", knowledgeAreas: ["LAW.K04"], frontmatter: { title: "Consent and refusal", order: 2 }, body: lessonBody(950, "Implied consent is shown by actions.") },
    { slug: "wave-scheduling", domain: "SCH", folder: "scheduling", knowledgeAreas: ["SCH.K01"], frontmatter: { title: "Scheduling methods", order: 1 }, body: lessonBody(950, "## Wave scheduling\n\nSeveral patients are booked at the top of the hour.") },
  ],
  glossary: {
    law: [
      g("Minimum necessary", "minimum-necessary", "Use or share only the PHI needed for the job."),
      g("Implied consent", "implied-consent", "Consent shown by a patient's actions, such as rolling up a sleeve."),
    ],
    foundational: [g("-itis", "suffix-itis", "Inflammation.", "suffix", "FND", "FND.K04"), g("cardi/o", "root-cardi", "Heart.", "root", "FND", "FND.K04")],
  },
});
const index = buildContentIndex(loadContent(root));

describe("content index", () => {
  it("orders lessons within a domain and links previous/next", () => {
    expect(index.lessonsByDomain.get("LAW")!.map((l) => l.slug)).toEqual(["privacy-basics", "consent-basics"]);
    const first = index.lessons.get("privacy-basics")!;
    expect(first.previous).toBeNull();
    expect(first.next?.slug).toBe("consent-basics");
    expect(first.keyTerms).toEqual([{ slug: "minimum-necessary", term: "Minimum necessary" }]);
    expect(first.headings.map((h) => h.id)).toContain("the-minimum-necessary-standard");
    expect(first.readingMinutes).toBeGreaterThanOrEqual(4);
  });

  it("takes reading time from the text's length, the same on lesson lists and lesson pages", () => {
    for (const lesson of index.lessons.values()) {
      expect(lesson.readingMinutes).toBe(Math.max(1, Math.round(lesson.wordCount / 200)));
      const summary = index.lessonsByDomain.get(lesson.domainId)!.find((l) => l.slug === lesson.slug)!;
      expect(summary.minutes).toBe(lesson.readingMinutes);
    }
  });

  it("sorts the glossary ignoring leading punctuation", () => {
    expect(index.glossary.map((e) => e.term)).toEqual(["cardi/o", "Implied consent", "-itis", "Minimum necessary"]);
  });
});

describe("search", () => {
  it("ranks the glossary headword first for an exact term", () => {
    const hits = index.search("minimum necessary");
    expect(hits[0]).toMatchObject({ kind: "term", url: "/glossary/minimum-necessary" });
    expect(hits.map((h) => h.url)).toContain("/learn/law/privacy-basics");
  });

  it("finds word parts typed with their punctuation", () => {
    expect(index.search("-itis")[0].url).toBe("/glossary/suffix-itis");
    expect(index.search("cardi/o")[0].url).toBe("/glossary/root-cardi");
  });

  it("matches a word prefix while typing and tolerates a typo in long words", () => {
    expect(index.search("wave sched")[0].url).toBe("/learn/scheduling/wave-scheduling");
    expect(index.search("schedulling").map((h) => h.url)).toContain("/learn/scheduling/wave-scheduling");
  });

  it("forgives typos: one edit in words of 5+ letters, two in words of 7+", () => {
    expect(index.search("minimun necesary")[0].url).toBe("/glossary/minimum-necessary");
    // "consnet" is two edits from "consent" (as "asepsis" is from "aseptic").
    expect(index.search("implied consnet")[0].url).toBe("/glossary/implied-consent");
    // The real bank: a learner typing "hippa" finds HIPAA.
    expect(getContentIndex().search("hippa", { limit: 3 })[0].title).toMatch(/HIPAA/);
  });

  it("filters by kind and highlights the matched words in the snippet", () => {
    const hits = index.search("implied consent", { kind: "lesson" });
    expect(hits.every((h) => h.kind === "lesson")).toBe(true);
    expect(hits[0].url).toBe("/learn/law/consent-basics");
    expect(hits[0].snippet.filter((s) => s.mark).map((s) => s.text.toLowerCase())).toEqual(expect.arrayContaining(["implied", "consent"]));
  });

  it("returns nothing for an empty query", () => {
    expect(index.search("   ")).toEqual([]);
  });
});

describe("makeSnippet", () => {
  it("windows long text around the first match with ellipses", () => {
    const text = `${"lorem ".repeat(100)}the deductible applies ${"ipsum ".repeat(100)}`;
    const snippet = makeSnippet(text, ["deductible"], 80);
    expect(snippet[0]).toEqual({ text: "… ", mark: false });
    expect(snippet.find((s) => s.mark)?.text).toBe("deductible");
    expect(snippet.at(-1)).toEqual({ text: " …", mark: false });
  });
});
