import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { parseGift, toGift, type ExportQuestion } from "./gift.ts";
import { htmlToStem } from "./html.ts";
import { parseMoodleXml, toMoodleXml } from "./moodle-xml.ts";
import { mapArea } from "./types.ts";

const fixture = (name: string) => readFileSync(`tests/fixtures/moodle/${name}`, "utf8");
const problemsAt = (r: { problems: { where: string; message: string }[] }) =>
  Object.fromEntries(r.problems.map((p) => [p.where, p.message]));

describe("GIFT", () => {
  test("reads titles, categories, comments, escapes, format markers and multi-line questions", () => {
    const { questions, problems } = parseGift(fixture("charted-features.gift.txt"));
    expect(problems).toEqual([]);
    expect(questions.map((q) => [q.where, q.title, q.knowledgeArea, q.domainId, q.answerIndex])).toEqual([
      ["line 4", "Consent form", "LAW.K01", "LAW", 0],
      ["line 12", "Escapes", "LAW.K01", "LAW", 1],
      ["line 21", "Html", null, "BIL", 0],
    ]);
    expect(questions[0].options[1]).toEqual({
      text: "The Stark Law",
      rationale: "Stark is about physician self-referral, not access to records.",
    });
    expect(questions[1].stem).toBe(
      "Which charge code format uses **five digits**\nand a colon : like 99213: in the { braces }?",
    );
    expect(questions[1].options[0]).toEqual({
      text: "ICD-10-CM#1",
      rationale: "Diagnosis codes are alphanumeric = not five digits.",
    });
    expect(questions[1].options[1].rationale).toBe("CPT codes are five digits~ mostly numeric.");
    expect(questions[2].stem).toBe("Which form is the **standard** claim for _professional_ services?");
  });

  test("reports every unsupported type and shape with its line, and skips it", () => {
    const result = parseGift(fixture("charted-errors.gift.txt"));
    expect(result.questions).toEqual([]);
    expect(problemsAt(result)).toEqual({
      "line 2": "It has 3 options: Charted questions have exactly 4.",
      "line 4": "2 answers are marked right: Charted questions have exactly one key.",
      "line 6": "Option A has no feedback: Charted needs a rationale for every option.",
      "line 8": "This is a true/false question: Charted imports multiple-choice questions only.",
      "line 10": "This is a short-answer question (only “=” answers): Charted imports multiple-choice questions only.",
      "line 12": "This is a matching question: Charted imports multiple-choice questions only.",
      "line 18": "This is a numerical question: Charted imports multiple-choice questions only.",
      "line 20": "This is an essay question (empty answer braces): Charted imports multiple-choice questions only.",
      "line 22": "It uses weighted answers (~%50%…): Charted questions have one fully right answer.",
      "line 24": "This is a description (text without answers), which Charted does not import.",
      "line 26": "The answers' “{” on line 26 is never closed with “}”.",
    });
  });

  test("Moodle's own GIFT fixture: every question in it is reported, none imported", () => {
    const result = parseGift(fixture("moodle-questions.gift.txt"));
    expect(result.questions).toEqual([]);
    expect(result.problems.map((p) => p.where)).toEqual([
      "line 2",
      "line 5",
      "line 14",
      "line 22",
      "line 31",
      "line 34",
      "line 41",
      "line 46",
      "line 49",
    ]);
    expect(problemsAt(result)["line 5"]).toMatch(/matching/);
    expect(problemsAt(result)["line 14"]).toMatch(/3 options/);
    expect(problemsAt(result)["line 41"]).toMatch(/true\/false/);
  });

  test("the documentation's multiple-choice examples: missing-word style is read, then refused for its shape", () => {
    const result = parseGift(fixture("docs-multichoice.gift.txt"));
    expect(result.questions).toEqual([]);
    expect(problemsAt(result)["line 4"]).toMatch(/3 options.*Options A, B, C have no feedback/);
    expect(problemsAt(result)["line 6"]).toMatch(/weighted/);
  });

  test("a missing-word question with four options becomes a stem with a blank", () => {
    const { questions } = parseGift("Grant is {~buried#a ~living#b =entombed#c ~lost#d} in Grant's tomb.");
    expect(questions[0].stem).toBe("Grant is _____ in Grant's tomb.");
    expect(questions[0].answerIndex).toBe(2);
  });

  test("CRLF line endings, a byte order mark and general feedback", () => {
    const source = "\uFEFF// c\r\n::T::Which?\r\n{=a#r1 ~b#r2\r\n~c#r3 ~d#r4 ####general}\r\n";
    const { questions, problems } = parseGift(source);
    expect(problems).toEqual([]);
    expect(questions[0]).toMatchObject({ where: "line 2", title: "T", stem: "Which?" });
    expect(questions[0].options.map((o) => o.rationale)).toEqual(["r1", "r2", "r3", "r4"]);
  });

  test("unsupported HTML in an [html] question is refused by name", () => {
    const { problems } = parseGift("[html]<table><tr><td>x</td></tr></table>{=a#1 ~b#2 ~c#3 ~d#4}");
    expect(problems[0].message).toMatch(/<table>, <tr>, <td>/);
  });
});

describe("Moodle XML", () => {
  test("reads multichoice with CDATA, HTML, entities, categories and tags", () => {
    const { questions, problems } = parseMoodleXml(fixture("charted-features.xml"));
    expect(problems).toEqual([]);
    expect(questions.map((q) => [q.where, q.knowledgeArea, q.domainId])).toEqual([
      ["question 2 “Privacy first”", "LAW.K01", "LAW"],
      ["question 4 “Tagged”", "BIL.K02", "BIL"],
      ["question 5 “Unmapped”", null, null],
    ]);
    expect(questions[0].stem).toBe("A patient asks who may see her records. Which rule applies **first**?");
    expect(questions[0].options[1].rationale).toBe("Stark is about physician self-referral & not access.");
    expect(questions[0].options[2].rationale).toBe("OSHA covers _workplace_ safety.");
    expect(questions[2].stem).toBe("Which of these is a vowel in English?");
  });

  test("reports two keys, missing feedback, refused HTML, multiple response and other types by position and name", () => {
    const result = parseMoodleXml(fixture("charted-errors.xml"));
    expect(result.questions).toEqual([]);
    expect(problemsAt(result)).toEqual({
      "question 1 “Two keys”": "2 answers are marked right: Charted questions have exactly one key.",
      "question 2 “Missing feedback”": "Option A has no feedback: Charted needs a rationale for every option.",
      "question 3 “Image”":
        "Its text uses HTML Charted cannot show (<img>): questions allow bold, italics and code only.",
      "question 4 “Multiple response”":
        "It allows several answers (<single>false</single>): Charted questions have exactly one key.",
      "question 5 “Capital”": "This is a short-answer question: Charted imports multiple-choice questions only.",
      "question 6 “Essay”": "This is an essay question: Charted imports multiple-choice questions only.",
    });
  });

  test("the documentation's examples: the three-option multichoice and the true/false are reported", () => {
    const result = parseMoodleXml(fixture("moodle-docs.xml"));
    expect(result.questions).toEqual([]);
    expect(problemsAt(result)).toEqual({
      "question 2 “Name of question”": "It has 3 options: Charted questions have exactly 4.",
      "question 3 “Name of question”": "This is a true/false question: Charted imports multiple-choice questions only.",
    });
  });

  test("not XML, or not a quiz", () => {
    expect(parseMoodleXml("<quiz><question>").problems[0].message).toMatch(/not well-formed/);
    expect(parseMoodleXml("<html></html>").problems[0].message).toMatch(/no <quiz>/);
  });
});

describe("mapping and HTML", () => {
  test("a knowledge area (dotted or dashed) beats a domain; other words map nothing", () => {
    expect(mapArea(["$course$/top/LAW/LAW.K03"])).toEqual({ knowledgeArea: "LAW.K03", domainId: "LAW" });
    expect(mapArea(["billing", "bil-k02"])).toEqual({ knowledgeArea: "BIL.K02", domainId: "BIL" });
    expect(mapArea(["$course$/top/ADM"])).toEqual({ knowledgeArea: null, domainId: "ADM" });
    expect(mapArea(["$course$/top/Default for course"])).toEqual({ knowledgeArea: null, domainId: null });
  });

  test("simple HTML becomes inline markdown", () => {
    expect(htmlToStem("<p>A <b>b</b> <em>i</em> <code>c</code>&nbsp;&amp; &#233;</p><p>Two</p>")).toEqual({
      ok: true,
      text: "A **b** _i_ `c` & é\n\nTwo",
    });
    expect(htmlToStem('<a href="x">link</a>')).toMatchObject({ ok: false });
  });
});

describe("export and round trip", () => {
  const questions: ExportQuestion[] = [
    {
      id: "own-aaaaaaaaaaaaaaaaaaaaaaaa",
      knowledgeArea: "LAW.K01",
      stem: "Which rule { with braces } and = signs ~ and # hashes: applies **first**?\nSecond line.",
      options: [
        { text: "HIPAA: Privacy", rationale: "It governs access; see 45 CFR 164." },
        { text: "Stark ~ law", rationale: "Self-referral = not access." },
        { text: "OSHA", rationale: "Workplace safety, with a <tag> & ]]> in it." },
        { text: "CLIA \\ labs", rationale: "Laboratory testing #standards." },
      ],
      answerIndex: 0,
    },
    {
      id: "own-bbbbbbbbbbbbbbbbbbbbbbbb",
      knowledgeArea: "BIL.K02",
      stem: "Which form is the standard claim for _professional_ services?",
      options: [
        { text: "UB-04", rationale: "That is the institutional form." },
        { text: "W-2", rationale: "A tax form for wages." },
        { text: "CMS-1500", rationale: "It is the professional claim form." },
        { text: "I-9", rationale: "An employment eligibility form." },
      ],
      answerIndex: 2,
    },
  ];
  const asImported = (q: ExportQuestion) => ({
    title: q.id,
    stem: q.stem,
    options: q.options,
    answerIndex: q.answerIndex,
    knowledgeArea: q.knowledgeArea,
  });
  const sorted = [...questions].sort((a, b) => a.knowledgeArea.localeCompare(b.knowledgeArea));

  test("GIFT: export then import gives the same questions", () => {
    const text = toGift(questions);
    expect(text).toContain("$CATEGORY: $course$/top/LAW/LAW.K01");
    const back = parseGift(text);
    expect(back.problems).toEqual([]);
    expect(
      back.questions.map((q) => ({ ...asImported({ ...q, id: q.title!, knowledgeArea: q.knowledgeArea! }) })),
    ).toEqual(sorted.map(asImported));
  });

  test("Moodle XML: export then import gives the same questions", () => {
    const xml = toMoodleXml(questions);
    expect(xml).toContain("<tag>");
    const back = parseMoodleXml(xml);
    expect(back.problems).toEqual([]);
    expect(back.questions.map((q) => asImported({ ...q, id: q.title!, knowledgeArea: q.knowledgeArea! }))).toEqual(
      sorted.map(asImported),
    );
  });
});
