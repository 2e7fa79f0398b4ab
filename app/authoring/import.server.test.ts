import { beforeAll, describe, expect, it } from "vitest";
import { makeQuestion } from "../../tests/fixtures/content.ts";
import { makeUser } from "../../tests/factories/users.ts";
import { syncQuestions } from "~/models/bank.server.ts";
import { db } from "~/utils/db.server.ts";
import { createAuthored } from "./authoring.server.ts";
import { createAssignment } from "~/assignments/manage.server.ts";
import { createClassFor } from "~/classes/classes.server.ts";
import { assignmentsWithOwnQuestions, exportAuthored, ownQuestionsOfAssignments } from "./export.server.ts";
import { parseGift } from "./formats/gift.ts";
import { parseMoodleXml } from "./formats/moodle-xml.ts";
import { confirmImport, detectFormat, previewImport, type ImportBatch } from "./import.server.ts";

const GIFT = `$CATEGORY: $course$/top/LAW/LAW.K01

::Employer call::A caller says he is the patient's employer and asks for her diagnosis over the phone. What do you do? {
  =Decline: the patient must authorize it#An employer is not entitled to PHI without authorization.
  ~Read the diagnosis from the chart#That would be an impermissible disclosure.
  ~Ask the physician to call him back#The physician may not disclose it either.
  ~Fax the record to the employer#Faxing does not make the disclosure permissible.
}

$CATEGORY: $course$/top/Elsewhere
::Unmapped::Which claim form do physician offices use for professional services billed to Medicare? {
  =CMS-1500#It is the professional claim form.
  ~UB-04#That is the institutional claim form.
  ~W-2#That is a tax form for wages.
  ~I-9#That is an employment eligibility form.
}

::Tf::The sky is blue.{T}
`;

const batch: ImportBatch = {
  difficulty: 2,
  cognitive: "application",
  reference: { title: "Summary of the HIPAA Privacy Rule", publisher: "HHS" },
};

const ownCount = (authorId: string) => db.question.count({ where: { authorId } });

beforeAll(async () => {
  await syncQuestions([makeQuestion("LAW-K01-001", {})]);
});

describe("importing questions", () => {
  it("previews without saving, reporting problems and what needs a knowledge area", async () => {
    const author = await makeUser({ role: "instructor" });
    const preview = await previewImport(author, GIFT, "auto");
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    expect(preview.format).toBe("gift");
    expect(preview.items.map((i) => [i.where, i.knowledgeArea, i.alreadyImported])).toEqual([
      ["line 3", "LAW.K01", false],
      ["line 11", null, false],
    ]);
    expect(preview.items[0].options[0].html).toContain("Decline");
    expect(preview.items.map((i) => i.textProblem)).toEqual([null, null]);
    const short = await previewImport(author, GIFT.replace("#That is a tax form for wages.", "#Tax."), "gift");
    expect(short.ok && short.items[1].textProblem).toBe("Rationale C: A rationale needs at least 10 characters.");
    expect(preview.problems).toEqual([
      { where: "line 18", message: "This is a true/false question: Charted imports multiple-choice questions only." },
    ]);
    expect(await ownCount(author.id)).toBe(0);
  });

  it("refuses the whole import while an unmapped question has no knowledge area", async () => {
    const author = await makeUser({ role: "instructor" });
    const result = await confirmImport(author, GIFT, "gift", batch, {});
    expect(result).toEqual({
      ok: false,
      fieldErrors: { "area-1": ["Choose a knowledge area for the question at line 11."] },
    });
    expect(await ownCount(author.id)).toBe(0);
  });

  it("saves on confirmation through the authoring checks, and importing again adds nothing", async () => {
    const author = await makeUser({ role: "instructor" });
    const first = await confirmImport(author, GIFT, "gift", batch, { 1: "BIL.K01" });
    expect(first).toEqual({ ok: true, created: 2, alreadyImported: 0, refused: [] });
    const rows = await db.question.findMany({
      where: { authorId: author.id },
      include: { versions: true },
      orderBy: { knowledgeArea: "asc" },
    });
    expect(rows.map((r) => [r.knowledgeArea, r.domainId, r.versions[0].answerIndex])).toEqual([
      ["BIL.K01", "BIL", 0],
      ["LAW.K01", "LAW", 0],
    ]);
    expect(rows.every((r) => r.importKey && r.importKey.length === 64)).toBe(true);
    expect(JSON.parse(rows[1].versions[0].reference)).toEqual(batch.reference);

    const preview = await previewImport(author, GIFT, "gift");
    expect(preview.ok && preview.items.every((i) => i.alreadyImported)).toBe(true);
    const again = await confirmImport(author, GIFT, "gift", batch, {});
    expect(again).toEqual({ ok: true, created: 0, alreadyImported: 2, refused: [] });
    expect(await ownCount(author.id)).toBe(2);

    // Another instructor may import the same file: keys are per author.
    const other = await makeUser({ role: "instructor" });
    expect(await confirmImport(other, GIFT, "gift", batch, { 1: "BIL.K01" })).toMatchObject({ created: 2 });
  });

  it("reports a question the bank checks refuse (a near-copy) and saves the others", async () => {
    const author = await makeUser({ role: "instructor" });
    const bankStem = (await db.questionVersion.findFirst({ where: { questionId: "LAW-K01-001" } }))!.stem;
    const copy = GIFT.replace(
      "A caller says he is the patient's employer and asks for her diagnosis over the phone. What do you do?",
      bankStem.replace(/[{}~=#:]/g, (c) => `\\${c}`),
    );
    const result = await confirmImport(author, copy, "gift", batch, { 1: "BIL.K01" });
    expect(result).toMatchObject({ ok: true, created: 1, refused: [{ where: "line 3" }] });
    if (result.ok) expect(result.refused[0].message).toMatch(/too close to an existing question \(LAW-K01-001\)/);
  });

  it("refuses text that is not a question file", async () => {
    const author = await makeUser({ role: "instructor" });
    expect(await previewImport(author, "// only a comment\n", "gift")).toEqual({
      ok: false,
      formError: "No questions were found in the text (read as GIFT).",
    });
    expect(await previewImport(author, "a\u0000b", "gift")).toMatchObject({ ok: false });
    expect(detectFormat('<?xml version="1.0"?><quiz></quiz>')).toBe("xml");
  });
});

describe("exporting questions", () => {
  it("exports only the author's own questions, never the bank's or another instructor's, and re-imports as nothing new", async () => {
    const author = await makeUser({ role: "instructor" });
    const other = await makeUser({ role: "instructor" });
    await confirmImport(author, GIFT, "gift", batch, { 1: "BIL.K01" });
    const mine = await db.question.findMany({ where: { authorId: author.id }, select: { id: true } });

    const xml = await exportAuthored(author.id, "xml");
    expect(xml.count).toBe(2);
    const parsed = parseMoodleXml(xml.body);
    expect(parsed.questions.map((q) => q.title).sort()).toEqual(mine.map((q) => q.id).sort());
    expect(xml.body).not.toContain("LAW-K01-001");
    expect((await confirmImport(author, xml.body, "auto", batch, {})).ok && (await ownCount(author.id))).toBe(2);
    expect(await confirmImport(author, xml.body, "xml", batch, {})).toEqual({
      ok: true,
      created: 0,
      alreadyImported: 2,
      refused: [],
    });

    const gift = await exportAuthored(author.id, "gift", [mine[0].id, "LAW-K01-001"]);
    expect(parseGift(gift.body).questions.map((q) => q.title)).toEqual([mine[0].id]);

    expect((await exportAuthored(other.id, "gift")).count).toBe(0);
    expect(
      (
        await exportAuthored(
          other.id,
          "xml",
          mine.map((q) => q.id),
        )
      ).count,
    ).toBe(0);
  });

  it("exports the author's own questions of chosen assignments, never the bank's or another's", async () => {
    const author = await makeUser({ role: "instructor" });
    const other = await makeUser({ role: "instructor" });
    await confirmImport(author, GIFT, "gift", batch, { 1: "BIL.K01" });
    const [first, second] = await db.question.findMany({
      where: { authorId: author.id },
      orderBy: { id: "asc" },
      select: { id: true },
    });
    const klass = await createClassFor(author.id, "Export cohort");
    const picked = await createAssignment(author, klass.id, {
      title: "Hand-picked",
      source: "items",
      domains: [],
      questionIds: [first!.id, "LAW-K01-001"],
      itemCount: 2,
      timed: false,
      minutes: undefined,
      opensAt: new Date("2026-01-01T00:00:00Z"),
      dueAt: new Date("2099-01-01T00:00:00Z"),
      attemptsAllowed: 1,
      revealPolicy: "after_submit",
    });
    if (!picked.ok) throw new Error(picked.message);
    expect(await assignmentsWithOwnQuestions(author.id)).toEqual([
      { id: picked.id, title: "Hand-picked", className: "Export cohort", questionIds: [first!.id] },
    ]);
    expect(await ownQuestionsOfAssignments(author.id, [picked.id, "cnotanassignment0000000000"])).toEqual([first!.id]);
    const gift = await exportAuthored(author.id, "gift", await ownQuestionsOfAssignments(author.id, [picked.id]));
    expect(parseGift(gift.body).questions.map((q) => q.title)).toEqual([first!.id]);
    expect(gift.body).not.toContain(second!.id);
    // Another instructor gets nothing out of it, even naming the assignment.
    expect(await ownQuestionsOfAssignments(other.id, [picked.id])).toEqual([]);
  });

  it("an export of hand-written questions, imported again, adds nothing", async () => {
    const author = await makeUser({ role: "instructor" });
    const written = await createAuthored(author, {
      ...batch,
      stem: "A new patient arrives without a photo ID for the first visit today. What should the front desk do?",
      knowledgeArea: "FND.K01",
      options: [
        { text: "Follow the office policy for identity checks", rationale: "Policy sets what stands in for an ID." },
        { text: "Send the patient home", rationale: "Care should not be refused for this alone." },
        { text: "Copy a relative's ID", rationale: "That does not identify the patient." },
        { text: "Skip registration", rationale: "Registration is still required for the visit." },
      ],
      answer: "A",
    });
    expect(written.ok).toBe(true);
    const gift = await exportAuthored(author.id, "gift");
    expect(gift.count).toBe(1);
    const preview = await previewImport(author, gift.body, "auto");
    expect(preview.ok && preview.items.map((i) => i.alreadyImported)).toEqual([true]);
    expect(await confirmImport(author, gift.body, "gift", batch, {})).toEqual({
      ok: true,
      created: 0,
      alreadyImported: 1,
      refused: [],
    });
  });
});
