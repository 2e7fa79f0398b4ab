import { describe, expect, it } from "vitest";
import { makeCard, makeQuestion } from "../../tests/fixtures/content.ts";
import { makeUser } from "../../tests/factories/users.ts";
import { db } from "~/utils/db.server.ts";
import { syncCards, syncQuestions } from "./bank.server.ts";

describe("syncQuestions", () => {
  it("creates new items, versions edits, retires removals and keeps attempts on their version", async () => {
    const q1 = makeQuestion("LAW-K01-001", {
      stem: "Original stem about the minimum necessary standard at the front desk.",
    });
    const q2 = makeQuestion("LAW-K01-002");
    expect(await syncQuestions([q1, q2])).toMatchObject({ created: 2, updated: 0, retired: 0 });
    expect(await syncQuestions([q1, q2])).toMatchObject({ created: 0, unchanged: 2 });

    // A learner sees version 1 in an attempt.
    const user = await makeUser();
    const v1 = await db.questionVersion.findUniqueOrThrow({
      where: { questionId_version: { questionId: q1.id, version: 1 } },
    });
    const attempt = await db.examAttempt.create({
      data: {
        userId: user.id,
        kind: "practice",
        mode: "exam",
        config: "{}",
        items: { create: { position: 0, questionVersionId: v1.id, selectedIndex: 0 } },
      },
      include: { items: true },
    });

    // The author edits q1 and removes q2.
    const edited = { ...q1, stem: "Edited stem about the minimum necessary standard at the front desk." };
    expect(await syncQuestions([edited])).toMatchObject({ updated: 1, retired: 1 });
    const question = await db.question.findUniqueOrThrow({
      where: { id: q1.id },
      include: { versions: { orderBy: { version: "asc" } } },
    });
    expect(question.currentVersion).toBe(2);
    expect(question.versions.map((v) => v.stem)).toEqual([q1.stem, edited.stem]);
    expect((await db.question.findUniqueOrThrow({ where: { id: q2.id } })).retiredAt).not.toBeNull();
    expect(await db.questionVersion.count({ where: { questionId: q2.id } })).toBe(1);

    // The attempt still shows the text it was given.
    const item = await db.attemptItem.findUniqueOrThrow({
      where: { id: attempt.items[0].id },
      include: { questionVersion: true },
    });
    expect(item.questionVersion.stem).toBe(q1.stem);

    // Putting q2 back restores it without a new version.
    expect(await syncQuestions([edited, q2])).toMatchObject({ restored: 1, updated: 0, unchanged: 1 });
    expect((await db.question.findUniqueOrThrow({ where: { id: q2.id } })).retiredAt).toBeNull();
  });

  it("stores options, the key as an index, and the reference", async () => {
    const q = makeQuestion("LAW-K01-050", { answer: "C" });
    await syncQuestions([q]);
    const v = await db.questionVersion.findFirstOrThrow({ where: { questionId: q.id } });
    expect(v.answerIndex).toBe(2);
    expect(JSON.parse(v.options)).toEqual(q.options);
    expect(JSON.parse(v.reference)).toEqual(q.reference);
  });

  it("leaves instructors' own items alone", async () => {
    const instructor = await makeUser({ role: "instructor" });
    await db.question.create({
      data: { id: "own-1", domainId: "LAW", knowledgeArea: "LAW.K01", authorId: instructor.id },
    });
    await syncQuestions([makeQuestion("LAW-K01-060")]);
    expect((await db.question.findUniqueOrThrow({ where: { id: "own-1" } })).retiredAt).toBeNull();
  });
});

describe("syncCards", () => {
  it("creates, edits in place with a version bump, and retires", async () => {
    const a = makeCard("LAW-C0001");
    const b = makeCard("LAW-C0002");
    expect(await syncCards([a, b])).toMatchObject({ created: 2 });
    expect(await syncCards([{ ...a, back: "New back" }])).toMatchObject({ updated: 1, retired: 1 });
    const card = await db.contentCard.findUniqueOrThrow({ where: { id: a.id } });
    expect(card).toMatchObject({ back: "New back", version: 2, retiredAt: null });
    expect((await db.contentCard.findUniqueOrThrow({ where: { id: b.id } })).retiredAt).not.toBeNull();
  });
});
