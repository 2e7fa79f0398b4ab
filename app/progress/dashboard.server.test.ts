import { beforeAll, describe, expect, it } from "vitest";
import { makeCard, makeQuestion } from "../../tests/fixtures/content.ts";
import { makeUser } from "../../tests/factories/users.ts";
import { saveAnswer, startPractice, submitAttempt } from "~/exam/attempts.server.ts";
import { syncCards, syncQuestions } from "~/models/bank.server.ts";
import { markLessonComplete } from "~/models/lesson-completion.server.ts";
import { cardMemory } from "~/models/progress.server.ts";
import { dueCounts } from "~/models/review.server.ts";
import { rollUpActivity } from "./rollup.server.ts";
import { rateCard, setCardSuspended, studyQueue, undoLastRating } from "~/review/review.server.ts";
import { savePreferences } from "~/models/preferences.server.ts";
import { db } from "~/utils/db.server.ts";
import { domainMastery, progressDashboard } from "./dashboard.server.ts";
import { retrievability } from "./mastery.ts";

beforeAll(async () => {
  await syncQuestions([
    ...Array.from({ length: 8 }, (_, i) =>
      makeQuestion(`LAW-Q${String(i + 1).padStart(4, "0")}`, { knowledgeArea: "LAW.K02" }),
    ),
    ...Array.from({ length: 8 }, (_, i) =>
      makeQuestion(`LAW-Q${String(i + 101).padStart(4, "0")}`, { knowledgeArea: "LAW.K05" }),
    ),
  ]);
  await syncCards(Array.from({ length: 6 }, (_, i) => makeCard(`LAW-C${String(i + 1).padStart(4, "0")}`)));
});

async function learner() {
  const user = await makeUser();
  await db.user.update({ where: { id: user.id }, data: { timeZone: "America/Chicago" } });
  return user;
}

/** A 5-question LAW.K02 quiz at `start`, answering `right` of them correctly, a minute apart. */
async function quiz(userId: string, start: Date, right: number) {
  const started = await startPractice(
    userId,
    { domains: [], areas: ["LAW.K02"], weakest: false, count: 5, timed: false, mode: "exam", only: "all" },
    start,
  );
  if (!started.ok) throw new Error(started.message);
  const items = await db.attemptItem.findMany({
    where: { attemptId: started.attemptId },
    orderBy: { position: "asc" },
    include: { questionVersion: { include: { question: true } } },
  });
  for (const [i, item] of items.entries()) {
    expect(item.questionVersion.question.knowledgeArea).toBe("LAW.K02");
    const choice = i < right ? item.questionVersion.answerIndex : (item.questionVersion.answerIndex + 1) % 4;
    await saveAnswer(
      userId,
      started.attemptId,
      i + 1,
      { selectedIndex: choice },
      new Date(start.getTime() + (i + 1) * 60_000),
    );
  }
  await submitAttempt(userId, started.attemptId, new Date(start.getTime() + 6 * 60_000));
}

/** A 5-item "mock" (a quiz marked as a simulation), answering only the first `answered`, all right. */
async function mock(userId: string, start: Date, answered: number) {
  const started = await startPractice(
    userId,
    { domains: [], areas: ["LAW.K05"], weakest: false, count: 5, timed: false, mode: "exam", only: "all" },
    start,
  );
  if (!started.ok) throw new Error(started.message);
  await db.examAttempt.update({ where: { id: started.attemptId }, data: { kind: "simulation" } });
  const items = await db.attemptItem.findMany({
    where: { attemptId: started.attemptId },
    orderBy: { position: "asc" },
    include: { questionVersion: true },
  });
  for (const [i, item] of items.slice(0, answered).entries()) {
    await saveAnswer(
      userId,
      started.attemptId,
      i + 1,
      { selectedIndex: item.questionVersion.answerIndex },
      new Date(start.getTime() + (i + 1) * 60_000),
    );
  }
  await submitAttempt(userId, started.attemptId, new Date(start.getTime() + 6 * 60_000));
}

describe("unanswered questions and the mock rule", () => {
  it("a mock answered below 80% is named but not counted; its blanks are not misses anywhere", async () => {
    const user = await learner();
    const now = new Date("2026-06-10T15:00:00Z");
    await mock(user.id, new Date("2026-06-09T15:00:00Z"), 1);
    let d = await progressDashboard(user.id, now);
    expect(d.uncountedMocks).toEqual([{ day: "2026-06-09", answered: 1, items: 5 }]);
    expect(d.scoreTrend).toEqual([]);
    expect(d.readiness.status).toBe("insufficient");
    expect(d.readiness.status === "insufficient" && d.readiness.needs[0]).toMatch(/^Take a full mock exam/);
    // One answer counted in the domain, not five: the four blanks are no evidence of weakness.
    expect(d.domains.find((x) => x.id === "LAW")?.answers).toBe(1);
    expect(d.weakest.find((a) => a.id === "LAW.K05")?.answers ?? 1).toBe(1);
    expect(await db.reviewCard.count({ where: { userId: user.id } })).toBe(0);

    await mock(user.id, new Date("2026-06-10T14:00:00Z"), 4);
    d = await progressDashboard(user.id, now);
    expect(d.scoreTrend).toHaveLength(1);
    expect(d.uncountedMocks).toHaveLength(1);
    expect(d.domains.find((x) => x.id === "LAW")?.answers).toBe(5);
  });
});

describe("progress dashboard", () => {
  it("rolls activity up once, then only what is new, and derives mastery from real answers", async () => {
    const user = await learner();
    // Evening of Nov 2 in Chicago (00:30 UTC Nov 3 is 18:30 CST): a quiz and two ratings.
    const evening = new Date("2026-11-03T00:30:00Z");
    await quiz(user.id, evening, 4);
    let t = new Date(evening.getTime() + 7 * 60_000);
    for (let i = 0; i < 2; i++) {
      const q = await studyQueue(user.id, null, t);
      await rateCard(user.id, { ref: q.current!.ref, grade: 3, requestId: q.current!.requestId }, t);
      t = new Date(t.getTime() + 30_000);
    }
    await markLessonComplete(user.id, "privacy-basics", new Date(t.getTime() + 60_000));
    const now = new Date("2026-11-03T15:00:00Z");
    const first = await progressDashboard(user.id, now);
    const day = first.calendar.find((d) => d.day === "2026-11-02")!;
    // Answers at +1..+5 min, ratings at +7 and +7.5 min, lesson at +8.5 min: one sitting, the
    // first answer credited a minute, each later event the gap before it.
    expect(day).toMatchObject({ answers: 5, reviews: 2, lessons: 1, minutes: Math.round((60 + 7.5 * 60) / 60) });
    // Studied yesterday, not yet today: the streak still stands.
    expect(first.streak).toMatchObject({ current: 1, longest: 1, studiedToday: false });

    // Reloading changes nothing; concurrent reloads do not double count.
    await Promise.all([
      progressDashboard(user.id, now),
      progressDashboard(user.id, now),
      rollUpActivity(user.id, "America/Chicago", now),
    ]);
    const rows = await db.activityDay.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ answers: 5, reviews: 2, lessons: 1 });

    // A new quiz the next evening adds a day and extends the streak.
    await quiz(user.id, new Date("2026-11-04T01:00:00Z"), 5);
    const second = await progressDashboard(user.id, new Date("2026-11-04T15:00:00Z"));
    expect(second.calendar.find((d) => d.day === "2026-11-03")).toMatchObject({ answers: 5 });
    expect(second.streak).toMatchObject({ current: 2, longest: 2 });

    // Mastery: 9 of 10 right in LAW.K02, weighted by recency and shrunk; the weakest areas skip it.
    const law = second.domains.find((d) => d.id === "LAW")!;
    expect(law.answers).toBe(10);
    expect(law.mastery).toBeGreaterThan(40);
    expect(second.weakest.map((a) => a.id)).not.toContain("LAW.K02");
    // The roster's lighter read gives the same mastery.
    const light = await domainMastery(user.id, new Date("2026-11-04T15:00:00Z"));
    expect(light.map((d) => d.mastery)).toEqual(second.domains.map((d) => d.mastery));
    // Too little for a readiness estimate, and it says why.
    expect(second.readiness.status).toBe("insufficient");
  });

  it("forecasts due cards and builds a plan from the learner's settings", async () => {
    const user = await learner();
    const now = new Date("2026-11-09T18:00:00Z"); // Monday noon in Chicago
    const q = await studyQueue(user.id, null, now);
    await rateCard(user.id, { ref: q.current!.ref, grade: 3, requestId: q.current!.requestId }, now);
    await savePreferences(user.id, {
      examDate: new Date("2026-11-20T00:00:00Z"),
      studyWeekdays: "1,3,5",
      studyMinutes: 30,
    });
    const d = await progressDashboard(user.id, now);
    expect(d.forecast).toHaveLength(30);
    expect(d.forecast.reduce((n, f) => n + f.count, 0)).toBe(1);
    // Card sums are reused only while nothing changed: a rating, a suspension, an undo all show.
    const next = await studyQueue(user.id, null, now);
    await rateCard(user.id, { ref: next.current!.ref, grade: 3, requestId: next.current!.requestId }, now);
    const afterRating = await progressDashboard(user.id, now);
    expect(afterRating.forecast.reduce((n, f) => n + f.count, 0)).toBe(2);
    const started = await db.reviewCard.findFirstOrThrow({ where: { userId: user.id, state: { not: 0 } } });
    await setCardSuspended(user.id, started.id, true);
    expect((await progressDashboard(user.id, now)).forecast.reduce((n, f) => n + f.count, 0)).toBe(1);
    await setCardSuspended(user.id, started.id, false);
    await undoLastRating(user.id, now);
    expect((await progressDashboard(user.id, now)).forecast.reduce((n, f) => n + f.count, 0)).toBe(1);
    expect(d.plan.status).toBe("ok");
    expect(d.plan.sessions.map((s) => s.day)).toEqual([
      "2026-11-09",
      "2026-11-11",
      "2026-11-13",
      "2026-11-16",
      "2026-11-18",
    ]);
    expect(d.prefs).toMatchObject({ examDate: "2026-11-20", weekdays: [1, 3, 5], minutes: 30 });
  });
});

describe("the derived dashboard is reused only while nothing it depends on changes", () => {
  it("returns the same figures on a reload, and new ones after a finished lesson or a settings change", async () => {
    const user = await learner();
    const now = new Date("2026-11-09T18:00:00Z");
    await quiz(user.id, new Date("2026-11-08T18:00:00Z"), 3);
    const first = await progressDashboard(user.id, now);
    // A reload in the same minutes derives nothing again: the very same result comes back.
    expect(await progressDashboard(user.id, new Date(now.getTime() + 1_000))).toBe(first);
    await markLessonComplete(user.id, "privacy-basics", now);
    const afterLesson = await progressDashboard(user.id, now);
    expect(afterLesson.lessonsDone).toBe(first.lessonsDone + 1);
    await savePreferences(user.id, { studyMinutes: 45 });
    expect((await progressDashboard(user.id, now)).prefs.minutes).toBe(45);
    // Time moves it on too: the next study day is derived afresh.
    const tomorrow = await progressDashboard(user.id, new Date("2026-11-10T18:00:00Z"));
    expect(tomorrow.today).toBe("2026-11-10");
  });
});

describe("the study plan from the learner's settings", () => {
  it("starts with terminology, puts mocks on long days, skips days off and reports missed days", async () => {
    const user = await learner();
    const now = new Date("2026-11-09T18:00:00Z"); // Monday noon in Chicago
    // Studied on Monday the 2nd, then nothing: Wednesday and Friday were missed.
    await quiz(user.id, new Date("2026-11-02T18:00:00Z"), 3);
    await savePreferences(user.id, {
      examDate: new Date("2026-12-10T00:00:00Z"),
      studyWeekdays: "1,3,5",
      studyMinutes: 30,
      longWeekdays: "6",
      daysOff: "2026-11-11,2026-11-21",
    });
    const d = await progressDashboard(user.id, now);
    if (d.plan.status !== "ok") throw new Error(d.plan.status);
    expect(d.prefs).toMatchObject({ longWeekdays: [6], daysOff: ["2026-11-11", "2026-11-21"] });
    const reads = d.plan.sessions.flatMap((s) => s.tasks).filter((t) => t.kind === "lesson");
    expect(reads[0]).toMatchObject({
      title: "Medical word building",
      href: "/learn/foundational/medical-word-building",
    });
    const days = d.plan.sessions.map((s) => s.day);
    expect(days).not.toContain("2026-11-11");
    const mocks = d.plan.sessions.filter((s) => s.tasks.some((t) => t.kind === "mock"));
    // The early mock's Saturday (the 21st) is a day off: it moves to the Saturday before.
    expect(mocks.map((s) => s.day)).toEqual(["2026-11-14", "2026-12-05"]);
    expect(mocks.every((s) => s.minutes === 135 && s.tasks.length === 1)).toBe(true);
    expect(d.plan.sessions.filter((s) => !mocks.includes(s)).every((s) => s.minutes <= 30)).toBe(true);
    expect(d.plan.notes[0]).toMatch(/^You missed Wednesday and Friday; their lessons moved to the next sessions/);
  });
});

describe("practice by knowledge area", () => {
  it("draws only from the chosen areas and takes what there is when they hold fewer items", async () => {
    const user = await learner();
    const started = await startPractice(user.id, {
      domains: [],
      areas: ["LAW.K05"],
      weakest: false,
      count: 10,
      timed: false,
      mode: "tutor",
      only: "all",
    });
    if (!started.ok) throw new Error(started.message);
    const items = await db.attemptItem.findMany({
      where: { attemptId: started.attemptId },
      include: { questionVersion: { include: { question: true } } },
    });
    expect(items).toHaveLength(8);
    expect(new Set(items.map((i) => i.questionVersion.question.knowledgeArea))).toEqual(new Set(["LAW.K05"]));
    // An explicit domain quiz still refuses a count it cannot fill.
    const tooMany = await startPractice(user.id, {
      domains: ["LAW"],
      weakest: false,
      count: 40,
      timed: false,
      mode: "tutor",
      only: "all",
    });
    expect(tooMany.ok).toBe(false);
  });
});

describe("card sums in the database", () => {
  it("match FSRS's forgetting curve and the day boundaries computed in JavaScript", async () => {
    const user = await learner();
    const now = new Date("2026-11-09T18:00:00Z");
    const day = 86_400_000;
    const cards = Array.from({ length: 40 }, (_, i) => ({
      userId: user.id,
      source: "own",
      domainId: i % 2 ? "LAW" : "BIL",
      knowledgeArea: i % 4 === 0 ? "BIL.K02" : null,
      front: `f${i}`,
      back: `b${i}`,
      state: i % 10 === 9 ? 0 : 2,
      suspended: i % 13 === 12,
      stability: 0.5 + i * 1.7,
      lastReview: new Date(now.getTime() - ((i * 37) % 60) * day - i * 3_600_000),
      due: new Date(now.getTime() + (i - 10) * day + 1_000),
    }));
    await db.reviewCard.createMany({ data: cards });
    const counted = cards.filter((c) => c.state !== 0 && !c.suspended);
    for (const weights of [null, [...Array(20).fill(1), 0.3]]) {
      const groups = await cardMemory(user.id, now, weights);
      for (const [domainId, knowledgeArea] of [
        ["LAW", null],
        ["BIL", null],
        ["BIL", "BIL.K02"],
      ] as const) {
        const mine = counted.filter((c) => c.domainId === domainId && c.knowledgeArea === knowledgeArea);
        const group = groups.find((g) => g.domainId === domainId && g.knowledgeArea === knowledgeArea)!;
        expect(group.cards).toBe(mine.length);
        const decayWeights = weights ?? undefined;
        expect(group.recall).toBeCloseTo(
          mine.reduce((n, c) => n + retrievability(c, now, decayWeights), 0),
          6,
        );
      }
    }
    const ends = Array.from({ length: 5 }, (_, i) => new Date(now.getTime() + (i + 1) * day));
    const expected = ends.map(
      (end, i) => counted.filter((c) => c.due < end && (i === 0 || c.due >= ends[i - 1])).length,
    );
    expect(await dueCounts(user.id, ends)).toEqual(expected);
    expect(expected[0]).toBeGreaterThan(5); // overdue cards land in today
  });
});
