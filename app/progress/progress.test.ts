import ICAL from "ical.js";
import { default_w, forgetting_curve } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import { FIRST_EVENT_MS, rollUpEvents, streaks } from "./activity.ts";
import { planToIcs, sessionStart } from "./ics.server.ts";
import {
  PRIOR_ITEMS,
  QUESTION_SHARE,
  recencyWeight,
  retrievability,
  tallyMastery,
  weakestAreas,
  type AnswerEvidence,
} from "./mastery.ts";
import { buildPlan, type PlanInput } from "./plan.ts";
import { estimateReadiness, passGivenAccuracy, type DomainEvidence } from "./readiness.ts";

const NOW = new Date("2026-06-15T12:00:00Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

describe("mastery", () => {
  it("halves an answer's weight every 30 days", () => {
    expect(recencyWeight(NOW, NOW)).toBe(1);
    expect(recencyWeight(daysAgo(30), NOW)).toBeCloseTo(0.5, 10);
    expect(recencyWeight(daysAgo(60), NOW)).toBeCloseTo(0.25, 10);
  });

  it("uses FSRS's forgetting curve for card memory", () => {
    const r = retrievability({ stability: 10, lastReview: daysAgo(10) }, NOW);
    expect(r).toBeCloseTo(forgetting_curve(default_w as number[], 10, 10), 10);
    expect(r).toBeCloseTo(0.9, 2); // by definition, stability is the days until recall falls to 90%
    expect(retrievability({ stability: 0, lastReview: null }, NOW)).toBe(0);
  });

  it("combines shrunk accuracy and memory with fixed shares", () => {
    // 10 answers today, 8 right; 5 cards with stability 10 reviewed 10 days ago (R = 0.9).
    const answers: AnswerEvidence[] = Array.from({ length: 10 }, (_, i) => ({
      domainId: "LAW",
      knowledgeArea: "LAW.K01",
      answered: 1,
      correct: i < 8 ? 1 : 0,
      at: NOW,
    }));
    const cards = Array.from({ length: 5 }, () => ({
      domainId: "LAW",
      knowledgeArea: "LAW.K01",
      stability: 10,
      lastReview: daysAgo(10),
    }));
    const memoryGroups = [
      {
        domainId: "LAW",
        knowledgeArea: "LAW.K01",
        cards: 5,
        recall: cards.reduce((n, c) => n + retrievability(c, NOW), 0),
      },
    ];
    const t = tallyMastery({ answers, memory: memoryGroups, now: NOW });
    const accuracy = 8 / (10 + PRIOR_ITEMS);
    const r = retrievability(cards[0], NOW);
    const memory = (5 * r) / (5 + PRIOR_ITEMS);
    const law = t.domain("LAW");
    expect(law.accuracy).toBeCloseTo(accuracy, 10);
    expect(law.memory).toBeCloseTo(memory, 10);
    expect(law.mastery).toBe(Math.round(100 * (QUESTION_SHARE * accuracy + (1 - QUESTION_SHARE) * memory)));
    expect(t.area("LAW.K01").mastery).toBe(law.mastery);
    // One kind of evidence alone; none at all.
    expect(tallyMastery({ answers, memory: [], now: NOW }).domain("LAW").mastery).toBe(Math.round(100 * accuracy));
    expect(t.domain("BIL")).toMatchObject({ mastery: null, accuracy: null, memory: null, answers: 0, cards: 0 });
  });

  it("recent answers outweigh old ones", () => {
    const oldWrongNewRight = [
      { domainId: "BIL", knowledgeArea: "BIL.K01", answered: 10, correct: 0, at: daysAgo(90) },
      { domainId: "BIL", knowledgeArea: "BIL.K01", answered: 10, correct: 10, at: NOW },
    ];
    const reversed = oldWrongNewRight.map((a) => ({ ...a, correct: a.answered - a.correct }));
    const up = tallyMastery({ answers: oldWrongNewRight, memory: [], now: NOW }).domain("BIL").mastery!;
    const down = tallyMastery({ answers: reversed, memory: [], now: NOW }).domain("BIL").mastery!;
    expect(up).toBeGreaterThan(60);
    expect(down).toBeLessThan(15);
  });

  it("ranks the weakest areas, unpractised ones as zero, heavier domains first on ties", () => {
    const areas = [
      { id: "LAW.K01", name: "a", domainId: "LAW", domainWeight: 0.15 },
      { id: "COM.K01", name: "b", domainId: "COM", domainWeight: 0.19 },
      { id: "FND.K01", name: "c", domainId: "FND", domainWeight: 0.09 },
      { id: "BIL.K01", name: "d", domainId: "BIL", domainWeight: 0.1 },
    ];
    const answers: AnswerEvidence[] = [
      { domainId: "LAW", knowledgeArea: "LAW.K01", answered: 20, correct: 20, at: NOW },
      { domainId: "BIL", knowledgeArea: "BIL.K01", answered: 20, correct: 10, at: NOW },
    ];
    const t = tallyMastery({ answers, memory: [], now: NOW });
    expect(weakestAreas(areas, t.area).map((a) => a.id)).toEqual(["COM.K01", "FND.K01", "BIL.K01"]);
  });
});

describe("readiness", () => {
  const domain = (id: string, weight: number, correct: number, wrong: number): DomainEvidence => ({
    domainId: id,
    name: id,
    weight,
    correct,
    wrong,
    answers: correct + wrong,
    memory: null,
  });

  it("is exact for the binomial pass chance", () => {
    // P(X >= 77 | n = 110, p = 0.7) computed independently by summing the pmf with BigInt-free recurrence.
    let pmf = Math.pow(0.3, 110);
    let tail = 0;
    for (let k = 0; k <= 110; k++) {
      if (k > 0) pmf *= ((110 - k + 1) / k) * (0.7 / 0.3);
      if (k >= 77) tail += pmf;
    }
    expect(passGivenAccuracy(0.7)).toBeCloseTo(tail, 10);
    expect(passGivenAccuracy(0)).toBe(0);
    expect(passGivenAccuracy(1)).toBe(1);
    expect(passGivenAccuracy(0.8)).toBeGreaterThan(0.98);
    expect(passGivenAccuracy(0.6)).toBeLessThan(0.02);
  });

  it("says what is missing instead of guessing", () => {
    const r = estimateReadiness([domain("LAW", 0.5, 40, 10), domain("BIL", 0.5, 2, 1)], { recentMocks: 0 });
    expect(r.status).toBe("insufficient");
    if (r.status === "insufficient") {
      expect(r.needs[0]).toMatch(/full mock/);
      expect(r.needs[1]).toMatch(/BIL/);
    }
  });

  it("is likely for a strong learner, unlikely for a weak one, and narrows with evidence", () => {
    const strong = estimateReadiness([domain("A", 0.5, 85, 15), domain("B", 0.5, 85, 15)], { recentMocks: 1 });
    const weak = estimateReadiness([domain("A", 0.5, 55, 45), domain("B", 0.5, 55, 45)], { recentMocks: 1 });
    const few = estimateReadiness([domain("A", 0.5, 6, 2), domain("B", 0.5, 6, 2)], { recentMocks: 1 });
    const many = estimateReadiness([domain("A", 0.5, 300, 100), domain("B", 0.5, 300, 100)], { recentMocks: 1 });
    if (
      strong.status !== "estimate" ||
      weak.status !== "estimate" ||
      few.status !== "estimate" ||
      many.status !== "estimate"
    )
      throw new Error("expected estimates");
    expect(strong.probability).toBeGreaterThan(90);
    expect(weak.probability).toBeLessThan(5);
    expect(few.high - few.low).toBeGreaterThan(many.high - many.low);
    expect(few.low).toBeLessThanOrEqual(few.probability);
    expect(few.high).toBeGreaterThanOrEqual(few.probability);
    // Posterior mean of 75% with a 50/50 prior worth 2 answers: (1 + 1 + 300) / (2 + 2 + 400).
    expect(many.expectedPercent).toBe(Math.round((100 * 302) / 404));
  });
});

describe("activity", () => {
  it("counts gaps under five minutes as study and a minute for each sitting's first event", () => {
    const at = (iso: string) => ({ at: new Date(iso), kind: "review" as const });
    const { days, lastEventAt } = rollUpEvents(
      [
        at("2026-03-02T00:00:00Z"),
        at("2026-03-02T00:02:00Z"),
        at("2026-03-02T00:03:30Z"),
        at("2026-03-02T02:00:00Z"),
        at("2026-03-02T10:00:00Z"),
      ],
      "America/New_York",
      null,
    );
    // 19:00–21:00 New York on March 1 is the study day 2026-03-01; 05:00 on March 2 is the next.
    expect(days).toEqual([
      { day: "2026-03-01", seconds: 60 + 120 + 90 + 60, reviews: 4, answers: 0, lessons: 0 },
      { day: "2026-03-02", seconds: FIRST_EVENT_MS / 1000, reviews: 1, answers: 0, lessons: 0 },
    ]);
    expect(lastEventAt?.toISOString()).toBe("2026-03-02T10:00:00.000Z");
  });

  it("credits a finished lesson its reading time, or the time since the last event if shorter", () => {
    const { days } = rollUpEvents(
      [
        { at: new Date("2026-03-02T15:00:00Z"), kind: "lesson", readingSeconds: 720 },
        { at: new Date("2026-03-02T15:03:00Z"), kind: "review" },
        { at: new Date("2026-03-02T15:08:00Z"), kind: "lesson", readingSeconds: 720 },
      ],
      "UTC",
      null,
    );
    expect(days[0]).toMatchObject({ seconds: 720 + 180 + 300, lessons: 2, reviews: 1 });
  });

  it("continues a sitting across roll-ups", () => {
    const { days } = rollUpEvents(
      [{ at: new Date("2026-03-02T00:02:00Z"), kind: "answer" }],
      "UTC",
      new Date("2026-03-02T00:00:00Z"),
    );
    expect(days[0].seconds).toBe(120);
  });

  it("finds current and longest streaks, counting yesterday when today is not done yet", () => {
    const days = ["2026-01-01", "2026-01-02", "2026-01-03", "2026-01-10", "2026-01-11"];
    expect(streaks(days, "2026-01-12")).toEqual({ current: 2, longest: 3, studiedToday: false });
    expect(streaks(days, "2026-01-11")).toEqual({ current: 2, longest: 3, studiedToday: true });
    expect(streaks(days, "2026-01-13")).toEqual({ current: 0, longest: 3, studiedToday: false });
    // Across a month end and a leap day.
    expect(streaks(["2028-02-28", "2028-02-29", "2028-03-01"], "2028-03-01").current).toBe(3);
  });
});

describe("study plan", () => {
  const lessons = Array.from({ length: 12 }, (_, i) => ({
    slug: `l${i}`,
    title: `Lesson ${i}`,
    domainId: "LAW",
    href: `/learn/law/l${i}`,
    minutes: 12,
  }));
  const base: PlanInput = {
    today: "2026-06-15", // a Monday
    examDate: "2026-07-15",
    weekdays: [1, 3, 5],
    minutesPerSession: 45,
    lessons,
    dueByDay: new Map([["2026-06-15", 30]]),
    quizDomains: [{ id: "BIL", name: "Billing" }],
    lastMock: null,
  };

  it("lays out sessions on study days only, up to the day before the exam", () => {
    const plan = buildPlan(base);
    if (plan.status !== "ok") throw new Error(plan.status);
    expect(plan.daysLeft).toBe(30);
    expect(
      plan.sessions.every((s) => [1, 3, 5].includes(((new Date(`${s.day}T12:00:00Z`).getUTCDay() + 6) % 7) + 1)),
    ).toBe(true);
    expect(plan.sessions.at(-1)!.day < "2026-07-15").toBe(true);
    expect(plan.sessions.at(-1)!.finalDay).toBe(true);
    expect(plan.sessions.at(-1)!.tasks.some((t) => t.kind === "lesson")).toBe(false);
    // Every lesson placed once, in order; two full mocks; reviews first on day one (30 cards = 5 min).
    const placed = plan.sessions.flatMap((s) =>
      s.tasks.filter((t) => t.kind === "lesson").map((t) => (t.kind === "lesson" ? t.title : "")),
    );
    expect(placed).toEqual(lessons.map((l) => l.title));
    // No long day marked: the two full mocks are proposed as blocks of their own, not sessions.
    expect(plan.sessions.filter((s) => s.tasks.some((t) => t.kind === "mock"))).toHaveLength(0);
    expect(plan.mockProposals.map((p) => p.day)).toEqual(["2026-07-01", "2026-07-11"]);
    expect(plan.sessions[0].tasks[0]).toMatchObject({ kind: "reviews", minutes: 5, cards: 30 });
    expect(plan.sessions.every((s) => s.minutes <= 45)).toBe(true);
  });

  it("handles an exam date that has passed, is today, or is tomorrow", () => {
    expect(buildPlan({ ...base, examDate: "2026-06-14" }).status).toBe("passed");
    expect(buildPlan({ ...base, examDate: "2026-06-15" }).status).toBe("exam-today");
    const tomorrow = buildPlan({ ...base, examDate: "2026-06-16" });
    if (tomorrow.status !== "ok") throw new Error(tomorrow.status);
    expect(tomorrow.sessions).toHaveLength(1);
    expect(tomorrow.sessions[0]).toMatchObject({ day: "2026-06-15", finalDay: true });
    expect(tomorrow.sessions[0].tasks.some((t) => t.kind === "lesson" || t.kind === "mock")).toBe(false);
    // Tomorrow, and today is not a study day: still one light session today.
    const tuesday = buildPlan({ ...base, today: "2026-06-16", examDate: "2026-06-17" });
    if (tuesday.status !== "ok") throw new Error(tuesday.status);
    expect(tuesday.sessions.map((s) => s.day)).toEqual(["2026-06-16"]);
    expect(tuesday.notes.join(" ")).toMatch(/None of your study days/);
  });

  it("plans a year ahead, and warns when the lessons will not fit", () => {
    const year = buildPlan({ ...base, examDate: "2027-06-15", weekdays: [1, 2, 3, 4, 5, 6, 7] });
    if (year.status !== "ok") throw new Error(year.status);
    expect(year.sessions).toHaveLength(365);
    expect(year.unplacedLessons).toBe(0);
    const squeezed = buildPlan({ ...base, examDate: "2026-06-20", minutesPerSession: 10 });
    if (squeezed.status !== "ok") throw new Error(squeezed.status);
    expect(squeezed.unplacedLessons).toBeGreaterThan(0);
    expect(squeezed.notes.join(" ")).toMatch(/will not fit/);
  });

  it("without an exam date, gives a rolling four weeks", () => {
    const plan = buildPlan({ ...base, examDate: null });
    expect(plan.status).toBe("no-date");
    expect(plan.sessions.length).toBe(12); // 4 weeks x 3 days
  });

  it("exports a valid calendar with one event per session at the local start time", () => {
    const plan = buildPlan(base);
    const text = planToIcs({
      userId: "u1",
      sessions: plan.sessions,
      startTime: "19:30",
      timeZone: "America/New_York",
      baseUrl: "https://charted.example",
    });
    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(plan.sessions.length);
    const first = events[0];
    // 19:30 in New York in June is 23:30 UTC (daylight time).
    expect(first.startDate.toJSDate().toISOString()).toBe("2026-06-15T23:30:00.000Z");
    expect(first.uid).toBe("charted-u1-2026-06-15@charted");
    expect(first.description).toContain("Review about 30 due cards");
    expect(calendar.getAllSubcomponents("vevent")[0].getFirstSubcomponent("valarm")).not.toBeNull();
    // In winter the same local time is 00:30 UTC the next day.
    expect(sessionStart("2026-12-01", "19:30", "America/New_York").toISOString()).toBe("2026-12-02T00:30:00.000Z");
  });
});
