import { beforeAll, describe, expect, it } from "vitest";
import { makeQuestion } from "../../tests/fixtures/content.ts";
import { makeUser } from "../../tests/factories/users.ts";
import { syncQuestions } from "~/models/bank.server.ts";
import { db } from "~/utils/db.server.ts";
import {
  checkAnswer,
  examScreen,
  history,
  reviewScreen,
  saveAnswer,
  startPractice,
  startSimulation,
  submitAttempt,
  attemptResults,
} from "./attempts.server.ts";
import type { PracticeForm } from "./forms.ts";

/** The results of a submitted attempt (the test fails if there are none). */
async function resultsOf(...args: Parameters<typeof attemptResults>) {
  const results = await attemptResults(...args);
  if (results.state !== "submitted") throw new Error(`no results: ${results.state}`);
  return results;
}

const DOMAINS = ["FND", "COM", "LAW", "SCH", "ENC", "BIL", "ADM"];
const RATIONALE_MARK = "RATIONALE-SECRET";

beforeAll(async () => {
  // 30 items per domain, each option's rationale carrying a marker a leak test can look for.
  const items = DOMAINS.flatMap((d) =>
    Array.from({ length: 30 }, (_, i) =>
      makeQuestion(`${d}-K01-${String(i + 1).padStart(3, "0")}`, {
        knowledgeArea: `${d}.K01`,
        answer: (["A", "B", "C", "D"] as const)[i % 4],
        lesson: "hipaa-privacy-and-patient-rights",
        options: ["w", "x", "y", "z"].map((t) => ({
          text: `Option ${t} ${d}${i}`,
          rationale: `${RATIONALE_MARK} ${t}`,
        })),
      }),
    ),
  );
  await syncQuestions(items);
});

const practice = (over: Partial<PracticeForm> = {}): PracticeForm => ({
  domains: ["LAW", "BIL"],
  areas: [],
  weakest: false,
  count: 6,
  timed: true,
  minutes: 10,
  mode: "exam",
  only: "all",
  ...over,
});

async function answerKey(attemptId: string) {
  const items = await db.attemptItem.findMany({
    where: { attemptId },
    orderBy: { position: "asc" },
    include: { questionVersion: true },
  });
  return items.map((i) => i.questionVersion.answerIndex);
}

describe("starting attempts", () => {
  it("draws the requested count from the chosen domains, without repeats; a class's extra time does not touch own practice", async () => {
    const user = await makeUser();
    // Extra time from an instructor belongs to their class's assignments, not the learner's own quizzes.
    await db.user.update({ where: { id: user.id }, data: { accommodationFactor: 1.5 } });
    const start = new Date("2026-06-01T19:00:00Z");
    const result = await startPractice(user.id, practice(), start);
    expect(result.ok).toBe(true);
    const attempt = await db.examAttempt.findUniqueOrThrow({
      where: { id: result.ok ? result.attemptId : "" },
      include: { items: { include: { questionVersion: { include: { question: true } } } } },
    });
    expect(attempt.items).toHaveLength(6);
    expect(new Set(attempt.items.map((i) => i.questionVersion.questionId)).size).toBe(6);
    expect(attempt.items.every((i) => ["LAW", "BIL"].includes(i.questionVersion.question.domainId))).toBe(true);
    expect(attempt.deadline?.toISOString()).toBe("2026-06-01T19:10:00.000Z");
  });

  it("builds a full simulation: 135 items, 110 scored per the blueprint, 135 minutes", async () => {
    const user = await makeUser();
    const start = new Date("2026-06-01T19:00:00Z");
    const result = await startSimulation(user.id, start);
    if (!result.ok) throw new Error(result.message);
    const items = await db.attemptItem.findMany({
      where: { attemptId: result.attemptId },
      include: { questionVersion: { include: { question: true } } },
    });
    expect(items).toHaveLength(135);
    const scoredBy = (d: string) => items.filter((i) => i.scored && i.questionVersion.question.domainId === d).length;
    expect(DOMAINS.map(scoredBy)).toEqual([10, 21, 17, 16, 21, 11, 14]);
    expect(items.filter((i) => !i.scored)).toHaveLength(25);
    expect((await db.examAttempt.findUniqueOrThrow({ where: { id: result.attemptId } })).deadline?.toISOString()).toBe(
      "2026-06-01T21:15:00.000Z",
    );
  });

  it("explains when too few questions match", async () => {
    const user = await makeUser();
    expect(await startPractice(user.id, practice({ only: "missed" }))).toEqual({
      ok: false,
      reason: "unavailable",
      message:
        "There are no questions you missed last time in your choice yet. Widen the domains or include all questions.",
    });
    expect(await startPractice(user.id, practice({ domains: ["LAW"], count: 40 }))).toMatchObject({
      ok: false,
      message: expect.stringContaining("Only 30 questions"),
    });
    expect(await db.examAttempt.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("taking an attempt", () => {
  it("never sends the key or rationales before submission", async () => {
    const user = await makeUser();
    const r = await startPractice(user.id, practice());
    if (!r.ok) throw new Error();
    await saveAnswer(user.id, r.attemptId, 1, { selectedIndex: 2 });
    const screen = await examScreen(user.id, r.attemptId, 1);
    const json = JSON.stringify(screen);
    expect(json).not.toContain(RATIONALE_MARK);
    expect(json).not.toMatch(/answerIndex|secret/);
    expect(JSON.stringify(await reviewScreen(user.id, r.attemptId))).not.toContain(RATIONALE_MARK);
  });

  it("saves idempotently and resumes exactly where the learner was", async () => {
    const user = await makeUser();
    const r = await startPractice(user.id, practice());
    if (!r.ok) throw new Error();
    expect(await saveAnswer(user.id, r.attemptId, 3, { selectedIndex: 1 })).toEqual({ ok: true });
    expect(await saveAnswer(user.id, r.attemptId, 3, { selectedIndex: 1 })).toEqual({ ok: true });
    expect(await saveAnswer(user.id, r.attemptId, 4, { flagged: true })).toEqual({ ok: true });
    // A "reload" (or a restarted server) reads the same state back from the database.
    const screen = await examScreen(user.id, r.attemptId, 3);
    if (screen.state !== "open") throw new Error();
    expect(screen.item.selectedIndex).toBe(1);
    expect(screen.navigator.filter((n) => n.answered).map((n) => n.number)).toEqual([3]);
    expect(screen.navigator.filter((n) => n.flagged).map((n) => n.number)).toEqual([4]);
    expect(await reviewScreen(user.id, r.attemptId)).toMatchObject({ unanswered: [1, 2, 4, 5, 6], flagged: [4] });
    // An answer can be cleared and a flag taken off again.
    expect(await saveAnswer(user.id, r.attemptId, 3, { selectedIndex: null, flagged: true })).toEqual({ ok: true });
    expect(await saveAnswer(user.id, r.attemptId, 4, { flagged: false })).toEqual({ ok: true });
    expect(await reviewScreen(user.id, r.attemptId)).toMatchObject({ unanswered: [1, 2, 3, 4, 5, 6], flagged: [3] });
    // The grid: every question in order, answered and flagged at once included.
    expect(await saveAnswer(user.id, r.attemptId, 6, { selectedIndex: 0, flagged: true })).toEqual({ ok: true });
    const grid = await examScreen(user.id, r.attemptId, 6);
    if (grid.state !== "open") throw new Error();
    expect(grid.attempt.total).toBe(6);
    expect(grid.navigator).toEqual([
      { number: 1, answered: false, flagged: false },
      { number: 2, answered: false, flagged: false },
      { number: 3, answered: false, flagged: true },
      { number: 4, answered: false, flagged: false },
      { number: 5, answered: false, flagged: false },
      { number: 6, answered: true, flagged: true },
    ]);
  });

  it("refuses an answer after the deadline and submits the attempt at the deadline", async () => {
    const user = await makeUser();
    const start = new Date("2026-06-02T19:00:00Z");
    const r = await startPractice(user.id, practice({ minutes: 5 }), start);
    if (!r.ok) throw new Error();
    await saveAnswer(user.id, r.attemptId, 1, { selectedIndex: 0 }, new Date("2026-06-02T19:04:00Z"));
    const late = await saveAnswer(user.id, r.attemptId, 2, { selectedIndex: 0 }, new Date("2026-06-02T19:06:00Z"));
    expect(late).toMatchObject({ ok: false, reason: "time-up" });
    const attempt = await db.examAttempt.findUniqueOrThrow({
      where: { id: r.attemptId },
      include: { items: { orderBy: { position: "asc" } } },
    });
    expect(attempt.status).toBe("submitted");
    expect(attempt.submittedAt?.toISOString()).toBe("2026-06-02T19:05:00.000Z");
    expect(attempt.items.map((i) => i.selectedIndex)).toEqual([0, null, null, null, null, null]);
    expect(await saveAnswer(user.id, r.attemptId, 1, { selectedIndex: 3 })).toMatchObject({
      ok: false,
      reason: "submitted",
    });
  });

  it("keeps another learner out", async () => {
    const owner = await makeUser();
    const other = await makeUser();
    const r = await startPractice(owner.id, practice());
    if (!r.ok) throw new Error();
    // "Not found", never "not yours" (the routes answer 404).
    expect(await examScreen(other.id, r.attemptId, 1)).toMatchObject({ state: "not-found" });
    expect(await saveAnswer(other.id, r.attemptId, 1, { selectedIndex: 0 })).toMatchObject({ reason: "not-found" });
    expect(await checkAnswer(other.id, r.attemptId, 1, 0)).toMatchObject({ reason: "not-found" });
    expect(await reviewScreen(other.id, r.attemptId)).toMatchObject({ state: "not-found" });
    expect(await attemptResults(other.id, r.attemptId)).toMatchObject({ state: "not-found" });
    expect(await submitAttempt(other.id, r.attemptId)).toBeNull();
    // The owner asking for a question number the attempt does not have: not found either.
    for (const number of [0, 7, 99])
      expect(await examScreen(owner.id, r.attemptId, number)).toMatchObject({
        state: "not-found",
        message: "That question number is not in this attempt.",
      });
  });

  it("in tutor mode lets a choice change until it is checked, then shows feedback and locks it", async () => {
    const user = await makeUser();
    const r = await startPractice(user.id, practice({ mode: "tutor", timed: false }));
    if (!r.ok) throw new Error();
    const screen = async (n: number) => {
      const s = await examScreen(user.id, r.attemptId, n);
      if (s.state !== "open") throw new Error(s.state);
      return s;
    };
    expect((await screen(1)).item.feedback).toBeNull();
    // Choosing saves the answer but is not checking it: no key, and a mis-tap can be changed.
    expect(await saveAnswer(user.id, r.attemptId, 1, { selectedIndex: 0 })).toEqual({ ok: true });
    expect(JSON.stringify(await screen(1))).not.toContain(RATIONALE_MARK);
    expect(await saveAnswer(user.id, r.attemptId, 1, { selectedIndex: 2 })).toEqual({ ok: true });
    expect((await screen(1)).item).toMatchObject({ selectedIndex: 2, checked: false, feedback: null });

    // Checking with no answer chosen says so and changes nothing.
    expect(await checkAnswer(user.id, r.attemptId, 2, undefined)).toMatchObject({ ok: false, reason: "no-answer" });
    expect((await screen(2)).item).toMatchObject({ selectedIndex: null, checked: false });

    // Check answer with the saved choice (Enter without a new choice), then the key shows and it locks.
    expect(await checkAnswer(user.id, r.attemptId, 1, undefined)).toEqual({ ok: true });
    const checked = await screen(1);
    expect(checked.item).toMatchObject({ selectedIndex: 2, checked: true });
    expect(checked.item.feedback?.rationales[0]).toContain(RATIONALE_MARK);
    expect(await saveAnswer(user.id, r.attemptId, 1, { selectedIndex: 1 })).toMatchObject({
      ok: false,
      reason: "locked",
    });
    expect(await checkAnswer(user.id, r.attemptId, 1, 1)).toMatchObject({ ok: false, reason: "locked" });
    // Sending the same answer again (a no-JS form does) or flagging it is fine.
    expect(await saveAnswer(user.id, r.attemptId, 1, { selectedIndex: 2, flagged: true })).toEqual({ ok: true });
    expect(await checkAnswer(user.id, r.attemptId, 1, 2)).toEqual({ ok: true });
    expect((await screen(1)).item).toMatchObject({ selectedIndex: 2, flagged: true, checked: true });
    // Other items stay hidden.
    expect(JSON.stringify(await screen(2))).not.toContain(RATIONALE_MARK);
  });

  it("checks a tutor answer once when two checks race", async () => {
    const user = await makeUser();
    const r = await startPractice(user.id, practice({ mode: "tutor", timed: false }));
    if (!r.ok) throw new Error();
    const results = await Promise.all([
      checkAnswer(user.id, r.attemptId, 1, 0),
      checkAnswer(user.id, r.attemptId, 1, 3),
      saveAnswer(user.id, r.attemptId, 1, { selectedIndex: 1 }),
    ]);
    const item = await db.attemptItem.findFirstOrThrow({ where: { attemptId: r.attemptId, position: 0 } });
    expect(item.checkedAt).not.toBeNull();
    // Exactly one check won, and the stored answer is the one it checked.
    const wins = results.slice(0, 2).filter((x) => x.ok);
    expect(wins).toHaveLength(1);
    expect([0, 3]).toContain(item.selectedIndex);
  });

  it("checks answers only in tutor mode", async () => {
    const user = await makeUser();
    const r = await startPractice(user.id, practice({ mode: "exam", timed: false }));
    if (!r.ok) throw new Error();
    expect(await checkAnswer(user.id, r.attemptId, 1, 0)).toMatchObject({ ok: false, reason: "not-tutor" });
    const s = await examScreen(user.id, r.attemptId, 1);
    expect(JSON.stringify(s)).not.toContain(RATIONALE_MARK);
  });
});

describe("submitting", () => {
  it("scores, turns every item answered wrong (not the blank ones) into a review card once, and is idempotent", async () => {
    const user = await makeUser();
    const r = await startPractice(user.id, practice({ count: 8 }));
    if (!r.ok) throw new Error();
    const key = await answerKey(r.attemptId);
    // Right on items 1-5, wrong on 6, blank on 7-8.
    for (let n = 1; n <= 5; n++) await saveAnswer(user.id, r.attemptId, n, { selectedIndex: key[n - 1] });
    await saveAnswer(user.id, r.attemptId, 6, { selectedIndex: (key[5] + 1) % 4 });
    expect(await submitAttempt(user.id, r.attemptId)).toBe(true);
    expect(await submitAttempt(user.id, r.attemptId)).toBe(false);
    const results = await resultsOf(user.id, r.attemptId);
    expect(results?.score).toMatchObject({ correct: 5, total: 8, percent: 63, scaled: null });
    expect(results?.items[5]).toMatchObject({ correct: false, selectedIndex: (key[5] + 1) % 4, answerIndex: key[5] });
    expect(results?.items[0].options[0].rationale).toContain(RATIONALE_MARK);
    // Blank items earn nothing but are no miss: one card (item 6), and no grade on items 7-8.
    expect(results?.items[6]).toMatchObject({ correct: false, selectedIndex: null });
    const cards = await db.reviewCard.findMany({ where: { userId: user.id } });
    expect(cards).toHaveLength(1);
    expect(cards.every((c) => c.source === "missed" && c.state === 0 && c.back)).toBe(true);
    const grades = await db.attemptItem.findMany({
      where: { attemptId: r.attemptId },
      orderBy: { position: "asc" },
      select: { isCorrect: true },
    });
    expect(grades.map((g) => g.isCorrect)).toEqual([true, true, true, true, true, false, null, null]);
    expect((await db.examAttempt.findUniqueOrThrow({ where: { id: r.attemptId } })).answeredCount).toBe(6);
    expect(await saveAnswer(user.id, r.attemptId, 7, { selectedIndex: 0 })).toMatchObject({
      ok: false,
      reason: "submitted",
    });

    // Practising only missed items now offers exactly the one answered wrong.
    const again = await startPractice(
      user.id,
      practice({ domains: [...DOMAINS] as PracticeForm["domains"], only: "missed", count: 5 }),
    );
    expect(again).toMatchObject({
      ok: false,
      message: expect.stringContaining("Only 1 question you missed last time matches your choice"),
    });
  });

  it("gives a simulation an estimated scaled score and lists it in history", async () => {
    const user = await makeUser();
    const r = await startSimulation(user.id);
    if (!r.ok) throw new Error();
    const key = await answerKey(r.attemptId);
    for (let n = 1; n <= key.length; n++) await saveAnswer(user.id, r.attemptId, n, { selectedIndex: key[n - 1] });
    await submitAttempt(user.id, r.attemptId);
    const results = await resultsOf(user.id, r.attemptId);
    expect(results?.score).toMatchObject({ correct: 110, total: 110, scaled: 500 });
    expect(results?.score.byDomain.map((d) => d.total)).toEqual([10, 21, 17, 16, 21, 11, 14]);
    expect((await history(user.id))[0]).toMatchObject({
      id: r.attemptId,
      status: "submitted",
      percent: 100,
      scaledScore: 500,
    });
  });
});
