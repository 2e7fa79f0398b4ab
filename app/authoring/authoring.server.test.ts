import { beforeAll, describe, expect, it } from "vitest";
import { makeQuestion } from "../../tests/fixtures/content.ts";
import { makeUser } from "../../tests/factories/users.ts";
import { bankForPicking, createAssignment } from "~/assignments/manage.server.ts";
import { startAssignment } from "~/assignments/student.server.ts";
import { createClassFor, joinWithCode } from "~/classes/classes.server.ts";
import { renderStem } from "~/content/markdown.server.ts";
import { examScreen, startPractice } from "~/exam/attempts.server.ts";
import { syncQuestions } from "~/models/bank.server.ts";
import { db } from "~/utils/db.server.ts";
import { createAuthored, ownAuthored, retireAuthored, updateAuthored } from "./authoring.server.ts";
import { authoredQuestionSchema, parseAuthoredQuestion, type AuthoredQuestion } from "./forms.ts";

const BANK_STEM =
  "A patient at the front desk asks who may see the visit notes from last week and how to request a copy";

beforeAll(async () => {
  await syncQuestions(
    Array.from({ length: 6 }, (_, i) =>
      makeQuestion(`LAW-K01-${String(i + 1).padStart(3, "0")}`, i === 0 ? { stem: BANK_STEM } : {}),
    ),
  );
});

const draft = (over: Partial<AuthoredQuestion> = {}): AuthoredQuestion =>
  authoredQuestionSchema.parse({
    stem: "During check-in a caller claims to be the patient's **employer** and asks for the diagnosis. What do you do?",
    knowledgeArea: "LAW.K01",
    difficulty: 2,
    cognitive: "application",
    options: [
      {
        text: "Decline and explain that the patient must authorize it",
        rationale: "An employer is not entitled to PHI without the patient's authorization.",
      },
      { text: "Read the diagnosis from the chart", rationale: "That would be an impermissible disclosure." },
      { text: "Ask the physician to call back", rationale: "The physician is not allowed to disclose it either." },
      { text: "Fax the record to the employer", rationale: "Faxing does not make the disclosure permissible." },
    ],
    answer: "A",
    reference: {
      title: "Summary of the HIPAA Privacy Rule",
      publisher: "HHS",
      url: "https://www.hhs.gov/hipaa/for-professionals/privacy/laws-regulations/index.html",
    },
    ...over,
  });

describe("instructors' own questions", () => {
  it("are checked like bank questions", async () => {
    const author = await makeUser({ role: "instructor" });
    const copy = await createAuthored(author, draft({ stem: BANK_STEM }));
    expect(copy).toMatchObject({
      ok: false,
      fieldErrors: { stem: [expect.stringMatching(/too close to an existing question \(LAW-K01-001\)/)] },
    });
    const sameOptions = draft();
    sameOptions.options[1].text = sameOptions.options[0].text;
    expect(await createAuthored(author, sameOptions)).toMatchObject({
      ok: false,
      fieldErrors: { optionA: expect.any(Array) },
    });
    expect(await createAuthored(author, draft({ knowledgeArea: "LAW.K99" }))).toMatchObject({
      ok: false,
      fieldErrors: { knowledgeArea: expect.any(Array) },
    });
    expect(await db.question.count({ where: { authorId: author.id } })).toBe(0);

    // The form parser names the flat fields that failed.
    const form = new FormData();
    form.set("stem", "too short");
    form.set("optionA", "x");
    form.set("rationaleB", "short");
    form.set("referenceUrl", "http://insecure.example");
    const parsed = parseAuthoredQuestion(form);
    if (parsed.ok) throw new Error("expected errors");
    expect(Object.keys(parsed.fieldErrors)).toEqual(
      expect.arrayContaining([
        "stem",
        "rationaleA",
        "rationaleB",
        "optionB",
        "answer",
        "knowledgeArea",
        "referenceUrl",
        "referenceTitle",
      ]),
    );
  });

  it("stay private to their author, version on edit, and can be used in that instructor's assignments", async () => {
    const author = { ...(await makeUser({ role: "instructor" })), timeZone: "UTC" };
    const other = await makeUser({ role: "instructor" });
    const saved = await createAuthored(author, draft());
    if (!saved.ok) throw new Error(JSON.stringify(saved.fieldErrors));
    const stored = await db.question.findUniqueOrThrow({ where: { id: saved.id }, include: { versions: true } });
    expect(stored).toMatchObject({ authorId: author.id, domainId: "LAW", knowledgeArea: "LAW.K01", currentVersion: 1 });

    // Not in the shared bank: learners' practice never draws it.
    const learner = await makeUser();
    const practice = await startPractice(learner.id, {
      domains: ["LAW"],
      weakest: false,
      count: 6,
      timed: false,
      mode: "exam",
      only: "all",
    });
    if (!practice.ok) throw new Error(practice.message);
    const drawn = await db.attemptItem.findMany({
      where: { attemptId: practice.attemptId },
      include: { questionVersion: true },
    });
    expect(drawn.map((d) => d.questionVersion.questionId)).not.toContain(saved.id);

    // Only the author sees it, in their list and when picking.
    expect(await ownAuthored(other, saved.id)).toMatchObject({ ok: false, reason: "not-found" });
    const filter = { domain: "LAW" as const, page: 1 };
    expect((await bankForPicking(filter, author.id)).items.map((i) => i.id)).toContain(saved.id);
    expect((await bankForPicking(filter, other.id)).items.map((i) => i.id)).not.toContain(saved.id);

    // Edits make a new version; saving unchanged text does not.
    expect(await updateAuthored(author, saved.id, draft({ difficulty: 3 }))).toEqual({ ok: true, id: saved.id });
    expect(await updateAuthored(author, saved.id, draft({ difficulty: 3 }))).toEqual({ ok: true, id: saved.id });
    expect(await db.questionVersion.count({ where: { questionId: saved.id } })).toBe(2);
    expect(await updateAuthored(other, saved.id, draft())).toMatchObject({ ok: false, reason: "not-found" });

    // A hand-picked assignment with it: a student of the class gets it, stem rendered safely.
    const klass = await createClassFor(author.id, "Own items");
    const { joinCode } = await db.class.findUniqueOrThrow({ where: { id: klass.id } });
    await joinWithCode(learner.id, joinCode, "10.30.0.1");
    const now = new Date();
    const made = await createAssignment(author, klass.id, {
      title: "Own question quiz",
      source: "items",
      domains: [],
      questionIds: [saved.id, "LAW-K01-002"],
      timed: false,
      opensAt: new Date(now.getTime() - 60_000),
      dueAt: new Date(now.getTime() + 86_400_000),
      attemptsAllowed: 1,
      revealPolicy: "after_submit",
    });
    if (!made.ok) throw new Error(made.message);
    const started = await startAssignment(learner.id, "UTC", made.id);
    if (!started.ok) throw new Error(started.message);
    const screens = await Promise.all([1, 2].map((n) => examScreen(learner.id, started.attemptId, n)));
    const stems = screens.map((s) => (s.state === "open" ? s.item.stemHtml : ""));
    expect(stems.some((h) => h.includes("<strong>employer</strong>"))).toBe(true);

    // Another instructor cannot use it.
    const otherClass = await createClassFor(other.id, "Theirs");
    const refused = await createAssignment(other, otherClass.id, {
      title: "Borrowed",
      source: "items",
      domains: [],
      questionIds: [saved.id],
      timed: false,
      opensAt: now,
      dueAt: new Date(now.getTime() + 86_400_000),
      attemptsAllowed: 1,
      revealPolicy: "after_submit",
    });
    expect(refused).toMatchObject({ ok: false, field: "questionIds" });

    // Retired: gone from picking.
    await retireAuthored(author, saved.id);
    expect((await bankForPicking(filter, author.id)).items.map((i) => i.id)).not.toContain(saved.id);
  });
});

describe("stems", () => {
  it("render inline markdown and nothing else", () => {
    expect(renderStem("A **bold** claim with `code`")).toBe("A <strong>bold</strong> claim with <code>code</code>");
    const hostile = renderStem(
      '<script>alert(1)</script><img src=x onerror="alert(1)"> [x](javascript:alert(1)) <a href="https://evil.test">y</a>',
    );
    // No element survives: tags show as text, and the unsafe link keeps only its label.
    expect(hostile).not.toMatch(/<(script|img|a)\b/);
    expect(hostile).not.toContain("javascript:");
    expect(hostile).toContain("&lt;script&gt;");
  });
});
