// Today and the first-visit onboarding through their routes: the day's plan is stored once and
// ticked from real evidence, the weekly goal is validated, new learners go through /welcome, and
// each learner sees only their own day.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { State } from "ts-fsrs";
import { beforeAll, describe, expect, it } from "vitest";
import { makeQuestion } from "../../tests/fixtures/content.ts";
import { makeUser } from "../../tests/factories/users.ts";
import { practiceForm } from "../../tests/factories/practice.ts";
import { DOMAIN_IDS } from "~/content/exam-ids.ts";
import { saveAnswer, startPractice, submitAttempt } from "~/exam/attempts.server.ts";
import { syncQuestions } from "~/models/bank.server.ts";
import { markLessonComplete } from "~/models/lesson-completion.server.ts";
import { savePlanDayOnce } from "~/models/plan-day.server.ts";
import { learnerPreferences, savePreferences, weeklyGoalDays } from "~/models/preferences.server.ts";
import { studyDay } from "~/review/study-day.ts";
import * as homeRoute from "~/routes/_index.tsx";
import * as welcomeRoute from "~/routes/welcome.tsx";
import { startSession } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import type { learnerHome } from "./learner.server.ts";
import { studyEvidence } from "./today-plan.server.ts";
import { lessonSlugOf } from "./today.ts";

const DAY = 86_400_000;
type Handler = (args: LoaderFunctionArgs | ActionFunctionArgs) => Promise<unknown>;

/** Calls a loader (GET) or action (POST) as the browser holding `cookie` would. */
async function call(
  handler: Handler,
  path: string,
  cookie: string | null,
  fields?: Record<string, string> | URLSearchParams,
) {
  const headers = new Headers();
  if (cookie) headers.set("Cookie", cookie.split(";")[0]);
  const request = new Request(`http://localhost${path}`, {
    method: fields ? "POST" : "GET",
    headers,
    body: fields ? new URLSearchParams(fields) : undefined,
  });
  try {
    const result = await handler({ request, params: {}, context: { clientIp: "127.0.0.1" } });
    const wrapped = result as { type?: string; init?: { status?: number } | null; data?: unknown };
    if (wrapped && wrapped.type === "DataWithResponseInit")
      return { status: wrapped.init?.status ?? 200, body: wrapped.data as Record<string, unknown> };
    if (result instanceof Response) return { status: result.status, location: result.headers.get("Location") };
    return { status: 200, body: result as Record<string, unknown> };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get("Location") };
    throw thrown;
  }
}

type Today = Awaited<ReturnType<typeof learnerHome>>;
async function today(cookie: string): Promise<Today> {
  const result = await call(homeRoute.loader as Handler, "/", cookie);
  expect(result.status).toBe(200);
  const body = result.body as { kind: string; learner: Today };
  expect(body.kind).toBe("learner");
  return body.learner;
}

beforeAll(async () => {
  // Six questions in every domain: enough for the diagnostic's blueprint share of 20 and a quiz.
  await syncQuestions(
    DOMAIN_IDS.flatMap((d) =>
      Array.from({ length: 6 }, (_, i) =>
        makeQuestion(`${d}-Q${String(i + 1).padStart(4, "0")}`, { knowledgeArea: `${d}.K01` }),
      ),
    ),
  );
});

async function planningLearner() {
  const user = await makeUser();
  const exam = new Date(Date.now() + 40 * DAY).toISOString().slice(0, 10);
  await savePreferences(user.id, {
    timeZone: "UTC",
    examDate: new Date(`${exam}T00:00:00Z`),
    studyWeekdays: "1,2,3,4,5,6,7",
    studyMinutes: 60,
  });
  return { user, cookie: await startSession(user.id) };
}

describe("Today's plan", () => {
  it("stores the day's session once and ticks a lesson once it is read, instead of dropping it", async () => {
    const { user, cookie } = await planningLearner();
    const first = await today(cookie);
    const lesson = first.plan.tasks.find((t) => t.kind === "lesson");
    expect(lesson).toMatchObject({ done: false });
    expect(first.nextLesson?.href).toBe(lesson!.href);
    expect(await db.planDay.count({ where: { userId: user.id } })).toBe(1);

    await markLessonComplete(user.id, lessonSlugOf(lesson!.href));
    const second = await today(cookie);
    expect(second.plan.tasks.map((t) => t.text)).toEqual(first.plan.tasks.map((t) => t.text));
    expect(second.plan.tasks.find((t) => t.href === lesson!.href)).toMatchObject({ done: true });
    // The live plan has moved on to the next unread lesson.
    expect(second.nextLesson?.href).not.toBe(lesson!.href);
    expect(await db.planDay.count({ where: { userId: user.id } })).toBe(1);
  });

  it("counts today's submitted quizzes by domain and today's full mocks, not yesterday's", async () => {
    const { user } = await planningLearner();
    const now = new Date();
    const day = studyDay(now, "UTC");
    for (const [domain, at] of [
      ["BIL", new Date(now.getTime() - 60_000)],
      ["LAW", new Date(day.start.getTime() - 3_600_000)],
    ] as const) {
      const started = await startPractice(user.id, practiceForm({ domains: [domain] }), at);
      if (!started.ok) throw new Error(started.message);
      await saveAnswer(user.id, started.attemptId, 1, { selectedIndex: 0 }, at);
      await submitAttempt(user.id, started.attemptId, at);
    }
    const evidence = await studyEvidence(user.id, day.start);
    expect([...evidence.quizDomainsToday]).toEqual(["BIL"]);
    expect(evidence.mockToday).toBe(false);
  });

  it("shows due reviews with a time estimate, then the next ones when none are left", async () => {
    const { user, cookie } = await planningLearner();
    await db.reviewCard.createMany({
      data: Array.from({ length: 12 }, (_, i) => ({
        userId: user.id,
        source: "own",
        domainId: "LAW",
        front: `Card ${i}`,
        back: "Back",
        due: new Date(Date.now() + (i < 6 ? -DAY : 2 * DAY)),
        stability: 5,
        difficulty: 5,
        state: State.Review,
        reps: 3,
        lastReview: new Date(Date.now() - 5 * DAY),
      })),
    });
    const withDue = await today(cookie);
    expect(withDue.reviews.due).toBe(6);
    // No ratings yet: the plan's 10 seconds a card.
    expect(withDue.reviews.minutes).toBe(1);
    expect(withDue.reviews.next).toMatchObject({ cards: 6 });
  });

  it("offers the unfinished attempt to resume, with the time left when it is timed", async () => {
    const { user, cookie } = await planningLearner();
    const started = await startPractice(user.id, practiceForm({ domains: ["COM"], timed: true, minutes: 30 }));
    if (!started.ok) throw new Error(started.message);
    const home = await today(cookie);
    expect(home.resume).toMatchObject({ id: started.attemptId, name: "Practice quiz", items: 5 });
    expect(home.resume?.timeLeft).toMatch(/^(30:00|29:5\d)$/);
  });

  it("shows each learner only their own day", async () => {
    const a = await planningLearner();
    const b = await planningLearner();
    const label = studyDay(new Date(), "UTC").label;
    const secret = { kind: "lesson", minutes: 5, title: "Only for A", href: "/learn/law/only-for-a" };
    await savePlanDayOnce(a.user.id, label, JSON.stringify([secret]));
    expect((await today(a.cookie)).plan.tasks.map((t) => t.text)).toEqual(["Read: Only for A (5 min)"]);
    expect((await today(b.cookie)).plan.tasks.map((t) => t.text)).not.toContain("Read: Only for A (5 min)");
    // A second snapshot for the same day changes nothing.
    await savePlanDayOnce(a.user.id, label, "[]");
    expect((await db.planDay.findMany({ where: { userId: a.user.id } })).map((r) => r.tasks)).toEqual([
      JSON.stringify([secret]),
    ]);
  });
});

describe("the weekly goal", () => {
  it("saves 1 to 7 days or 'as many as my study days', refuses anything else and changes nothing", async () => {
    const { user, cookie } = await planningLearner();
    expect((await today(cookie)).weeklyGoal).toMatchObject({ goal: 7, custom: false });
    expect(
      await call(homeRoute.action as Handler, "/?index", cookie, { intent: "weekly-goal", goalDays: "3" }),
    ).toEqual({
      status: 200,
      body: { ok: true },
    });
    expect((await today(cookie)).weeklyGoal).toMatchObject({ goal: 3, custom: true });
    for (const goalDays of ["0", "8", "3.5", "three", "1e1"]) {
      const refused = await call(homeRoute.action as Handler, "/?index", cookie, { intent: "weekly-goal", goalDays });
      expect(refused.status).toBe(400);
      expect((refused.body as { fieldErrors: Record<string, string[]> }).fieldErrors.goalDays?.[0]).toBeTruthy();
    }
    expect((await call(homeRoute.action as Handler, "/?index", cookie, { intent: "other" })).status).toBe(400);
    expect(await weeklyGoalDays(user.id)).toBe(3);
    await call(homeRoute.action as Handler, "/?index", cookie, { intent: "weekly-goal", goalDays: "" });
    expect(await weeklyGoalDays(user.id)).toBeNull();
  });

  it("is for signed-in learners only", async () => {
    const instructor = await makeUser({ role: "instructor" });
    const fields = { intent: "weekly-goal", goalDays: "3" };
    expect(await call(homeRoute.action as Handler, "/?index", null, fields)).toMatchObject({ status: 302 });
    expect(await call(homeRoute.action as Handler, "/?index", await startSession(instructor.id), fields)).toMatchObject(
      { status: 403 },
    );
  });
});

describe("the first-visit onboarding", () => {
  it("sends a new learner from / to /welcome until they skip, then shows Today", async () => {
    const user = await makeUser({ onboarded: false });
    const cookie = await startSession(user.id);
    expect(await call(homeRoute.loader as Handler, "/", cookie)).toEqual({ status: 302, location: "/welcome" });
    expect((await call(welcomeRoute.loader as Handler, "/welcome", cookie)).status).toBe(200);
    expect(await call(welcomeRoute.action as Handler, "/welcome", cookie, { intent: "skip" })).toEqual({
      status: 302,
      location: "/",
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).onboardedAt).toBeInstanceOf(Date);
    expect((await today(cookie)).name).toBe(user.name);
    // Done once: /welcome now goes home.
    expect(await call(welcomeRoute.loader as Handler, "/welcome", cookie)).toEqual({ status: 302, location: "/" });
  });

  it("saves the exam date and study week through the plan's own rules", async () => {
    const user = await makeUser({ onboarded: false });
    const cookie = await startSession(user.id);
    const before = await learnerPreferences(user.id);
    const bad = await call(welcomeRoute.action as Handler, "/welcome", cookie, {
      intent: "plan",
      examDate: "2020-01-01",
      weekdays: "9",
      minutes: "5",
      startTime: "19:00",
    });
    expect(bad.status).toBe(400);
    expect(Object.keys((bad.body as { fieldErrors: object }).fieldErrors).sort()).toEqual([
      "examDate",
      "minutes",
      "weekdays",
    ]);
    expect(await learnerPreferences(user.id)).toEqual(before);

    const exam = new Date(Date.now() + 60 * DAY).toISOString().slice(0, 10);
    const fields = new URLSearchParams({ intent: "plan", examDate: exam, minutes: "45", startTime: "20:00" });
    fields.append("weekdays", "2");
    fields.append("weekdays", "4");
    expect(await call(welcomeRoute.action as Handler, "/welcome", cookie, fields)).toEqual({
      status: 302,
      location: "/welcome?step=diagnostic",
    });
    const prefs = await learnerPreferences(user.id);
    expect(prefs.examDate?.toISOString().slice(0, 10)).toBe(exam);
    expect(prefs.studyWeekdays).toBe("2,4");
    expect(prefs.studyMinutes).toBe(45);
    // Not onboarded until the diagnostic is taken or skipped.
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).onboardedAt).toBeNull();
  });

  it("starts a 20-question diagnostic across all domains in the blueprint's proportions", async () => {
    const user = await makeUser({ onboarded: false });
    const cookie = await startSession(user.id);
    const started = await call(welcomeRoute.action as Handler, "/welcome?step=diagnostic", cookie, {
      intent: "diagnostic",
    });
    expect(started.status).toBe(302);
    const id = /^\/attempts\/([^/]+)\/q\/1$/.exec(String(started.location))?.[1];
    const attempt = await db.examAttempt.findUniqueOrThrow({
      where: { id },
      include: { items: { include: { questionVersion: { include: { question: true } } } } },
    });
    expect(attempt).toMatchObject({ userId: user.id, kind: "practice", mode: "exam", deadline: null });
    expect(attempt.items).toHaveLength(20);
    expect(new Set(attempt.items.map((i) => i.questionVersion.question.domainId)).size).toBe(DOMAIN_IDS.length);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).onboardedAt).toBeInstanceOf(Date);
  });

  it("is for learners only, and refuses an unknown button", async () => {
    const instructor = await makeUser({ role: "instructor", onboarded: false });
    const instructorCookie = await startSession(instructor.id);
    expect((await call(homeRoute.loader as Handler, "/", instructorCookie)).status).toBe(200);
    expect(await call(welcomeRoute.loader as Handler, "/welcome", instructorCookie)).toEqual({
      status: 302,
      location: "/",
    });
    expect(await call(welcomeRoute.action as Handler, "/welcome", instructorCookie, { intent: "skip" })).toEqual({
      status: 302,
      location: "/",
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: instructor.id } })).onboardedAt).toBeNull();
    expect((await call(welcomeRoute.loader as Handler, "/welcome", null)).location).toMatch(/^\/login/);
    const learner = await makeUser({ onboarded: false });
    const bad = await call(welcomeRoute.action as Handler, "/welcome", await startSession(learner.id), {
      intent: "explode",
    });
    expect(bad.status).toBe(400);
    expect((await db.user.findUniqueOrThrow({ where: { id: learner.id } })).onboardedAt).toBeNull();
  });
});
