import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lessonBody, makeCard, makeQuestion, writeContent } from "../../tests/fixtures/content.ts";
import { stringify } from "yaml";
import { checkContent } from "./check.ts";
import { loadContent } from "./load.server.ts";

const glossary = {
  law: [
    { term: "Protected health information", slug: "phi", category: "legal", definition: "Health data that identifies a person.", example: "A name beside a visit reason is PHI.", domain: "LAW", knowledgeAreas: ["LAW.K01"] },
  ],
};
const lesson = { slug: "privacy-basics", keyTerms: ["phi"] };
const balanced = ["A", "B", "C", "D"].map((answer, i) => makeQuestion(`LAW-K01-00${i + 1}`, { answer: answer as "A" }));

let lastRoot = "";
function problems(files: Parameters<typeof writeContent>[0], volume = false) {
  lastRoot = writeContent({ glossary, lessons: [lesson], questions: { "law/LAW.K01": balanced }, ...files });
  const report = checkContent(loadContent(lastRoot), { volume });
  return report.problems.map((p) => `${p.file.replace(/^.*charted-content-[^/]+\//, "")}:${p.line}: ${p.message}`);
}
const lineIn = (file: string, text: string) =>
  readFileSync(path.join(lastRoot, file), "utf8").split("\n").findIndex((l) => l.includes(text)) + 1;
const only = (list: string[], pattern: RegExp) => list.filter((p) => pattern.test(p));

describe("content check", () => {
  it("a valid fixture has no problems beyond uncovered knowledge areas", () => {
    const list = problems({});
    expect(list.filter((p) => !/has no lesson/.test(p))).toEqual([]);
    expect(only(list, /LAW\.K02 .* has no lesson/)).toHaveLength(1);
    expect(only(list, /LAW\.K01 .* has no lesson/)).toHaveLength(0);
  });

  it("flags a stem copied into a lesson and a key a card states in the same words, unless allowed", () => {
    const stem = "A caller who says she is the patient's sister asks for his test results over the phone today";
    const key = "Verify her identity and check for the patient's written authorization first";
    const questions = {
      "law/LAW.K01": [
        ...balanced.slice(1),
        makeQuestion("LAW-K01-001", {
          stem,
          options: [{ text: key, rationale: "Correct: identity and authorization come first." }, ...balanced[0].options.slice(1)],
          answer: "A",
        }),
      ],
    };
    const copied = { ...lesson, body: lessonBody(950, `Try this: ${stem}?`) };
    const card = makeCard("LAW-C0001", { front: "Sister calls for results?", back: `${key}, always.` });
    const list = problems({ lessons: [copied], questions, cards: { law: [card] } });
    expect(only(list, /LAW-K01-001: 100% of the stem's wording is in lesson privacy-basics/)).toHaveLength(1);
    expect(only(list, /LAW-K01-001: card LAW-C0001 states the key in the same words/)).toHaveLength(1);

    // Reworded card and lesson: nothing to flag.
    const reworded = makeCard("LAW-C0001", { front: "Sister calls for results?", back: "Confirm who she is and look for the patient's signed release." });
    expect(only(problems({ questions, cards: { law: [reworded] } }), /states the key|wording is in lesson/)).toEqual([]);

    // Deliberate overlaps are listed with a reason; an allowance must name real items.
    const allow = [
      { question: "LAW-K01-001", with: "LAW-C0001", reason: "The card quotes the office policy word for word." },
      { question: "LAW-K01-001", with: "privacy-basics", reason: "The lesson walks through this exact item." },
      { question: "LAW-K01-099", with: "LAW-C0001", reason: "A question that does not exist." },
    ];
    const allowed = problems({ lessons: [copied], questions, cards: { law: [card] }, raw: { "overlap-allow.yaml": stringify(allow) } });
    expect(only(allowed, /states the key|wording is in lesson/)).toEqual([]);
    expect(only(allowed, /overlap-allow\.yaml:\d+: overlap allowance names unknown question LAW-K01-099/)).toHaveLength(1);
  });

  it("flags a card front that asks for several things, not one asking for a single item", () => {
    const fronts = {
      "LAW-C0001": "Three things every authorization must state",
      "LAW-C0002": "Name four emergency symptoms a caller might report",
      "LAW-C0003": "What are the five steps of service recovery?",
      "LAW-C0004": "An authorization states what is disclosed, to whom, and ___.",
      "LAW-C0005": "When two retention rules conflict, which one applies?",
      "LAW-C0006": "Name alert",
    };
    const cards = Object.entries(fronts).map(([id, front]) => makeCard(id, { front }));
    const list = only(problems({ cards: { law: cards } }), /asks for several things/);
    expect(list.map((p) => /(LAW-C\d{4})/.exec(p)![1])).toEqual(["LAW-C0001", "LAW-C0002", "LAW-C0003"]);
  });

  it("names the file and line of a frontmatter schema problem", () => {
    const list = problems({ lessons: [lesson, { slug: "bad-front", frontmatter: { order: "ten" } }] });
    expect(only(list, /bad-front\.md:\d+: frontmatter order/)).toHaveLength(1);
    expect(list.find((p) => p.includes("frontmatter order"))).toContain(`bad-front.md:${lineIn("lessons/law/bad-front.md", "order:")}:`);
  });

  it("flags unknown and cross-domain knowledge areas", () => {
    const list = problems({ lessons: [lesson, { slug: "odd", knowledgeAreas: ["LAW.K99", "BIL.K01"] }] });
    expect(only(list, /odd\.md:\d+: unknown knowledge area LAW\.K99/)).toHaveLength(1);
    expect(only(list, /odd\.md:\d+: BIL\.K01 is not in domain LAW/)).toHaveLength(1);
  });

  it("finds broken internal links at their line", () => {
    const body = lessonBody(950, "See [the other lesson](/learn/law/missing) and [PHI](/glossary/phi) and [x](/glossary/nope).");
    const list = problems({ lessons: [{ ...lesson, body }] });
    expect(only(list, /broken lesson link \/learn\/law\/missing/)).toHaveLength(1);
    expect(only(list, /broken glossary link \/glossary\/nope/)).toHaveLength(1);
    expect(only(list, /\/glossary\/phi/)).toHaveLength(0);
    expect(list.find((p) => p.includes("missing"))).toContain(`.md:${lineIn("lessons/law/privacy-basics.md", "/learn/law/missing")}:`);
  });

  it("rejects duplicate slugs, short lessons, missing sections and unknown key terms", () => {
    const list = problems({
      lessons: [lesson, { slug: "privacy-basics", folder: "law2" }, { slug: "short", body: lessonBody(100) }, { slug: "no-summary", body: "## Intro\n\n" + "word ".repeat(950), keyTerms: ["ghost"] }],
    });
    expect(only(list, /duplicate lesson slug "privacy-basics"/)).toHaveLength(1);
    expect(only(list, /short\.md:\d+: \d+ words: lessons need at least 900/)).toHaveLength(1);
    expect(only(list, /no-summary\.md:\d+: missing a "## Summary"/)).toHaveLength(1);
    expect(only(list, /no-summary\.md:\d+: needs at least one callout/)).toHaveLength(1);
    expect(only(list, /key term "ghost" is not in the glossary/)).toHaveLength(1);
  });

  it("requires every glossary term to have an example", () => {
    const { example: _example, ...noExample } = glossary.law[0];
    const list = problems({ glossary: { law: [{ ...noExample, slug: "bare" }, ...glossary.law] } });
    expect(only(list, /glossary\/law\.yaml:\d+: .*example/)).toHaveLength(1);
  });

  it("rejects glossary duplicates", () => {
    const list = problems({ glossary: { law: [...glossary.law, { ...glossary.law[0] }] } });
    expect(only(list, /glossary\/law\.yaml:\d+: duplicate glossary slug "phi"/)).toHaveLength(1);
  });

  it("enforces the question rules, each on the right item", () => {
    const bad = [
      makeQuestion("LAW-K01-010", { options: makeQuestion("X").options.slice(0, 3) }),
      makeQuestion("LAW-K01-011", { options: makeQuestion("X").options.map((o, i) => (i === 2 ? { ...o, rationale: "" } : o)) }),
      makeQuestion("LAW-K01-012", { options: makeQuestion("X").options.map((o, i) => (i === 3 ? { ...o, text: "All of the above" } : o)) }),
      makeQuestion("LAW-K01-013", { options: makeQuestion("X").options.map((o) => ({ ...o, text: "Same" })) }),
      makeQuestion("LAW-K01-014", { lesson: "no-such-lesson" }),
      makeQuestion("LAW-K01-015", { stem: balanced[0].stem }),
      makeQuestion("LAW-K01-016", { answer: "E" as "A" }),
    ];
    const list = problems({ questions: { "law/LAW.K01": [...balanced, ...bad] } });
    expect(only(list, /LAW-K01-010: options: exactly four options/)).toHaveLength(1);
    expect(only(list, /LAW-K01-011: options\.2\.rationale/)).toHaveLength(1);
    expect(only(list, /LAW-K01-012: option D uses a forbidden form/)).toHaveLength(1);
    expect(only(list, /LAW-K01-013: the four options must be distinct/)).toHaveLength(1);
    expect(only(list, /LAW-K01-014: lesson "no-such-lesson" does not exist/)).toHaveLength(1);
    expect(only(list, /LAW-K01-015: stem nearly duplicates LAW-K01-001/)).toHaveLength(1);
    expect(only(list, /LAW-K01-016: answer/)).toHaveLength(1);
    expect(only(list, /LAW-K01-00[1-4]:/)).toHaveLength(0);
  });

  it("checks answer-key balance and the application share per domain", () => {
    const skewed = Array.from({ length: 8 }, (_, i) => makeQuestion(`LAW-K01-1${i}0`, { answer: "A", cognitive: "recall" }));
    const list = problems({ questions: { "law/LAW.K01": skewed } });
    expect(only(list, /LAW: A is the key for 100% of items/)).toHaveLength(1);
    expect(only(list, /LAW: B is the key for 0% of items/)).toHaveLength(1);
    expect(only(list, /LAW: only 0% application items/)).toHaveLength(1);
    expect(problems({}).filter((p) => /key for|application items/.test(p))).toEqual([]);
  });

  it("rejects duplicate question and card ids and cards in the wrong domain", () => {
    const list = problems({
      questions: { "law/LAW.K01": [...balanced, makeQuestion("LAW-K01-001")] },
      cards: { law: [makeCard("LAW-C0001"), makeCard("LAW-C0001", { front: "other" }), makeCard("BIL-C0001")] },
    });
    expect(only(list, /duplicate question id LAW-K01-001/)).toHaveLength(1);
    expect(only(list, /duplicate card id LAW-C0001/)).toHaveLength(1);
    expect(only(list, /BIL-C0001: id must start with its domain LAW/)).toHaveLength(1);
  });

  it("reports YAML syntax errors with their line", () => {
    const list = problems({ raw: { "cards/law.yaml": "- id: LAW-C0001\n  front: ok\n  back: [unclosed\n" } });
    expect(only(list, /cards\/law\.yaml:\d+: YAML:/)).toHaveLength(1);
  });

  it("reports the completeness gaps of an in-progress domain as warnings, keeping every other rule", () => {
    const root = writeContent({ glossary, lessons: [lesson], questions: { "law/LAW.K01": [...balanced, makeQuestion("LAW-K01-001")] } });
    const report = checkContent(loadContent(root), { volume: true, inProgress: ["LAW"] });
    expect(report.warnings.map((w) => w.message)).toEqual(expect.arrayContaining([expect.stringMatching(/LAW\.K02 .* has no lesson/), "LAW: 1 lessons, need at least 5"]));
    expect(report.problems.map((p) => p.message)).toEqual(expect.arrayContaining([expect.stringMatching(/duplicate question id LAW-K01-001/), "FND: 0 lessons, need at least 5"]));
    expect(report.problems.some((p) => /LAW\.K02|LAW: 1 lessons/.test(p.message))).toBe(false);
  });

  it("enforces volume targets only when asked", () => {
    expect(only(problems({}, true), /lessons: need at least 42/)).toHaveLength(1);
    expect(only(problems({}, true), /FND: 0 questions, need at least 70/)).toHaveLength(1);
    expect(only(problems({}, false), /need at least 42/)).toHaveLength(0);
  });

  it("loads files saved with a byte-order mark and CRLF line ends (as Windows editors save them)", () => {
    const clean = problems({});
    const root = lastRoot;
    const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => /\.(md|ya?ml)$/.test(f));
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const full = path.join(root, file);
      writeFileSync(full, `\uFEFF${readFileSync(full, "utf8").replace(/\n/g, "\r\n")}`);
    }
    const report = checkContent(loadContent(root), { volume: false });
    const list = report.problems.map((p) => `${p.file.replace(/^.*charted-content-[^/]+\//, "")}:${p.line}: ${p.message}`);
    expect(list).toEqual(clean);
  });
});

