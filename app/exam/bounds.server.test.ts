// One account cannot pile up work for the server: open attempts are bounded per kind, starts are
// throttled per hour, expired attempts are graded a few per page load, and grading a long
// attempt is a handful of statements.
import { beforeAll, describe, expect, it } from "vitest";
import { makeQuestion } from "../../tests/fixtures/content.ts";
import { makeUser } from "../../tests/factories/users.ts";
import { countQueries } from "../../tests/setup/query-count.ts";
import { syncQuestions } from "~/models/bank.server.ts";
import { db } from "~/utils/db.server.ts";
import { attemptResults, history, startPractice, startSimulation, submitAttempt } from "./attempts.server.ts";
import { practiceForm } from "../../tests/factories/practice.ts";
import { ATTEMPT_BOUNDS, GRADE_PER_PAGE_LOAD } from "./limits.ts";

/** The results of a submitted attempt (the test fails if there are none). */
async function resultsOf(...args: Parameters<typeof attemptResults>) {
  const results = await attemptResults(...args);
  if (results.state !== "submitted") throw new Error(`no results: ${results.state}`);
  return results;
}

const DOMAINS = ["FND", "COM", "LAW", "SCH", "ENC", "BIL", "ADM"];
const T0 = new Date("2026-06-01T12:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

beforeAll(async () => {
  await syncQuestions(
    DOMAINS.flatMap((d) =>
      Array.from({ length: 30 }, (_, i) =>
        makeQuestion(`${d}-K01-${String(i + 1).padStart(3, "0")}`, { knowledgeArea: `${d}.K01` }),
      ),
    ),
  );
});

const quiz = practiceForm;

describe("open attempts per learner", () => {
  it("offers the open simulation instead of a second one, and 'submit it and start a new one' does both", async () => {
    const user = await makeUser();
    const first = await startSimulation(user.id, T0);
    if (!first.ok) throw new Error(first.message);
    const second = await startSimulation(user.id, minutes(1));
    expect(second).toMatchObject({
      ok: false,
      reason: "open",
      open: { id: first.attemptId, items: 135 },
      message: expect.stringContaining("already have a full simulation open"),
    });
    expect(await db.examAttempt.count({ where: { userId: user.id } })).toBe(1);

    const replaced = await startSimulation(user.id, minutes(2), { replace: first.attemptId });
    if (!replaced.ok) throw new Error(replaced.message);
    expect(replaced.attemptId).not.toBe(first.attemptId);
    expect(await db.examAttempt.findUniqueOrThrow({ where: { id: first.attemptId } })).toMatchObject({
      status: "submitted",
      submittedAt: minutes(2),
    });
  });

  it(`allows ${ATTEMPT_BOUNDS.practice.open} open practice quizzes, then offers the oldest; expired ones and assignments do not count`, async () => {
    const user = await makeUser();
    // A timed quiz whose time has run out is not open any more.
    expect(await startPractice(user.id, quiz({ timed: true, minutes: 5 }), minutes(-30))).toMatchObject({ ok: true });
    const ids: string[] = [];
    for (let i = 0; i < ATTEMPT_BOUNDS.practice.open; i++) {
      const r = await startPractice(user.id, quiz(), minutes(i));
      if (!r.ok) throw new Error(r.message);
      ids.push(r.attemptId);
    }
    expect(await startPractice(user.id, quiz(), minutes(5))).toMatchObject({
      ok: false,
      reason: "open",
      open: { id: ids[0], items: 5 },
    });
    // Simulations are bounded separately.
    expect(await startSimulation(user.id, minutes(5))).toMatchObject({ ok: true });
    // Submitting one makes room.
    await submitAttempt(user.id, ids[1], minutes(6));
    expect(await startPractice(user.id, quiz(), minutes(7))).toMatchObject({ ok: true });
  });

  it("holds under racing starts: 20 at once leave exactly the allowed number open", async () => {
    const user = await makeUser();
    const results = await Promise.all(Array.from({ length: 20 }, () => startPractice(user.id, quiz(), T0)));
    expect(results.filter((r) => r.ok)).toHaveLength(ATTEMPT_BOUNDS.practice.open);
    expect(results.filter((r) => !r.ok && r.reason === "open")).toHaveLength(20 - ATTEMPT_BOUNDS.practice.open);
    expect(await db.examAttempt.count({ where: { userId: user.id } })).toBe(ATTEMPT_BOUNDS.practice.open);
  });
});

describe("start throttle", () => {
  it("refuses starts beyond the hourly limit with when to come back, counted from the attempts table", async () => {
    const user = await makeUser();
    const { startsPerHour } = ATTEMPT_BOUNDS.practice;
    for (let i = 0; i < startsPerHour; i++) {
      const r = await startPractice(user.id, quiz(), minutes(i));
      if (!r.ok) throw new Error(r.message);
      await submitAttempt(user.id, r.attemptId, minutes(i));
    }
    const refused = await startPractice(user.id, quiz(), minutes(startsPerHour));
    // The first start (minute 0) leaves the window at minute 60.
    expect(refused).toEqual({
      ok: false,
      reason: "throttled",
      message: `You have started ${startsPerHour} practice quizzes in the last hour, the most we allow. You can start another in ${60 - startsPerHour} minutes.`,
    });
    expect(await db.examAttempt.count({ where: { userId: user.id } })).toBe(startsPerHour);
    expect(await startPractice(user.id, quiz(), minutes(60))).toMatchObject({ ok: true });
  });

  it("throttles simulations too", async () => {
    const user = await makeUser();
    let last = "";
    for (let i = 0; i < ATTEMPT_BOUNDS.simulation.startsPerHour; i++) {
      const r = await startSimulation(user.id, minutes(i), last ? { replace: last } : {});
      if (!r.ok) throw new Error(r.message);
      last = r.attemptId;
    }
    expect(await startSimulation(user.id, minutes(10), { replace: last })).toMatchObject({
      ok: false,
      reason: "throttled",
      message: expect.stringContaining("You can start another in 50 minutes"),
    });
  });
});

describe("grading expired attempts", () => {
  it(`grades at most ${GRADE_PER_PAGE_LOAD} per page load, oldest first; the rest on later loads or when opened`, async () => {
    const user = await makeUser();
    // A backlog as an old server left it: ten timed quizzes whose time ran out long ago.
    const versions = await db.questionVersion.findMany({
      where: { question: { domainId: "LAW" } },
      take: 5,
      select: { id: true },
    });
    const backlog = [];
    for (let i = 0; i < 10; i++) {
      const a = await db.examAttempt.create({
        data: {
          userId: user.id,
          kind: "practice",
          mode: "exam",
          config: "{}",
          startedAt: minutes(-100 + i),
          deadline: minutes(-95 + i),
          items: { createMany: { data: versions.map((v, position) => ({ position, questionVersionId: v.id })) } },
        },
      });
      backlog.push(a.id);
    }
    const rows = await history(user.id, T0);
    const submitted = await db.examAttempt.findMany({
      where: { userId: user.id, status: "submitted" },
      select: { id: true },
    });
    expect(submitted.map((a) => a.id).sort()).toEqual(backlog.slice(0, GRADE_PER_PAGE_LOAD).sort());
    expect(rows.filter((r) => r.status === "expired")).toHaveLength(10 - GRADE_PER_PAGE_LOAD);
    expect(rows.filter((r) => r.status === "in_progress")).toHaveLength(0);

    // Opening one grades it at its deadline.
    const results = await resultsOf(user.id, backlog[9], T0);
    expect(results?.attempt).toMatchObject({ submittedAt: minutes(-86).toISOString(), timedOut: true });
    await history(user.id, T0);
    expect(await db.examAttempt.count({ where: { userId: user.id, status: "submitted" } })).toBe(
      2 * GRADE_PER_PAGE_LOAD + 1,
    );
  });

  it("starts and grades a 135-item simulation in a handful of statements, not one per item", async () => {
    const user = await makeUser();
    // Building it is a handful too: the 135 items go in one INSERT.
    const { result: r, queries: startQueries } = await countQueries(() => startSimulation(user.id, T0));
    if (!r.ok) throw new Error(r.message);
    expect(startQueries).toBeLessThan(20);
    // Every item answered wrong becomes a review card (blank ones do not).
    const items = await db.attemptItem.findMany({
      where: { attemptId: r.attemptId },
      select: { position: true, questionVersion: { select: { answerIndex: true } } },
    });
    for (const i of items) {
      await db.attemptItem.updateMany({
        where: { attemptId: r.attemptId, position: i.position },
        data: { selectedIndex: (i.questionVersion.answerIndex + 1) % 4 },
      });
    }
    const { result, queries } = await countQueries(() => submitAttempt(user.id, r.attemptId, minutes(10)));
    expect(result).toBe(true);
    expect(await db.reviewCard.count({ where: { userId: user.id } })).toBe(135);
    expect(queries).toBeLessThan(20);

    // Missing many of the same questions again adds only the new ones, still in a handful.
    const again = await startSimulation(user.id, minutes(11));
    if (!again.ok) throw new Error(again.message);
    await db.$executeRaw`UPDATE "AttemptItem" SET "selectedIndex" = 0 WHERE "attemptId" = ${again.attemptId}`;
    const second = await countQueries(() => submitAttempt(user.id, again.attemptId, minutes(20)));
    expect(second.queries).toBeLessThan(20);
    const wrongOnes = await db.attemptItem.findMany({
      where: { attempt: { userId: user.id }, isCorrect: false },
      select: { questionVersion: { select: { questionId: true } } },
    });
    expect(await db.reviewCard.count({ where: { userId: user.id } })).toBe(
      new Set(wrongOnes.map((i) => i.questionVersion.questionId)).size,
    );
  });
});
