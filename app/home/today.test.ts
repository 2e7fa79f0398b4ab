import { describe, expect, it } from "vitest";
import type { Task } from "~/progress/plan.ts";
import { dayWords, decodeTasks, lessonSlugOf, taskDone, weekStart, weeklyGoal, type DoneEvidence } from "./today.ts";

const nothing: DoneEvidence = {
  reviewsLeft: 12,
  ratingsToday: 0,
  completedLessons: new Set(),
  quizDomainsToday: new Set(),
  mockToday: false,
};
const reviews: Task = { kind: "reviews", minutes: 4, cards: 20, href: "/review/study" };
const lesson: Task = { kind: "lesson", minutes: 9, title: "HIPAA", href: "/learn/law/hipaa-privacy" };
const quiz: Task = {
  kind: "quiz",
  minutes: 12,
  domainId: "BIL",
  domainName: "Billing",
  questions: 10,
  href: "/practice?domains=BIL&count=10",
};
const mock: Task = { kind: "mock", minutes: 135, href: "/practice#sim-heading", longerThanSession: true };

describe("today's done marks", () => {
  it("marks nothing done without evidence", () => {
    expect([reviews, lesson, quiz, mock].map((t) => taskDone(t, nothing))).toEqual([false, false, false, false]);
  });

  it("reviews are done when no card is left or the planned number was rated", () => {
    expect(taskDone(reviews, { ...nothing, reviewsLeft: 0 })).toBe(true);
    expect(taskDone(reviews, { ...nothing, ratingsToday: 19 })).toBe(false);
    expect(taskDone(reviews, { ...nothing, ratingsToday: 20 })).toBe(true);
  });

  it("a lesson is done once marked complete, a quiz by a quiz in its domain, a mock by a mock", () => {
    expect(lessonSlugOf("/learn/law/hipaa-privacy#top")).toBe("hipaa-privacy");
    expect(taskDone(lesson, { ...nothing, completedLessons: new Set(["hipaa-privacy"]) })).toBe(true);
    expect(taskDone(lesson, { ...nothing, completedLessons: new Set(["other"]) })).toBe(false);
    expect(taskDone(quiz, { ...nothing, quizDomainsToday: new Set(["LAW"]) })).toBe(false);
    expect(taskDone(quiz, { ...nothing, quizDomainsToday: new Set(["BIL", "LAW"]) })).toBe(true);
    expect(taskDone(mock, { ...nothing, mockToday: true })).toBe(true);
  });
});

describe("stored tasks", () => {
  it("round-trip, keep extra fields and refuse what they cannot read", () => {
    const stored = JSON.stringify([reviews, { ...lesson, extra: 1 }, quiz, mock]);
    expect(decodeTasks(stored)).toEqual([reviews, { ...lesson, extra: 1 }, quiz, mock]);
    expect(decodeTasks("not json")).toBeNull();
    expect(decodeTasks(JSON.stringify([{ kind: "nap", minutes: 5 }]))).toBeNull();
    expect(decodeTasks(JSON.stringify({ kind: "reviews" }))).toBeNull();
  });
});

describe("the weekly goal", () => {
  it("counts study days from Monday to today", () => {
    // 2026-12-09 is a Wednesday.
    expect(weekStart("2026-12-09")).toBe("2026-12-07");
    expect(weekStart("2026-12-07")).toBe("2026-12-07");
    expect(weekStart("2026-12-13")).toBe("2026-12-07");
    const studied = ["2026-12-04", "2026-12-06", "2026-12-07", "2026-12-09"];
    expect(weeklyGoal({ today: "2026-12-09", studiedDays: studied, goalDays: null, studyWeekdays: 5 })).toEqual({
      done: 2,
      goal: 5,
      met: false,
      custom: false,
    });
    expect(weeklyGoal({ today: "2026-12-09", studiedDays: studied, goalDays: 2, studyWeekdays: 5 })).toEqual({
      done: 2,
      goal: 2,
      met: true,
      custom: true,
    });
  });
});

describe("day words", () => {
  it("says today, tomorrow or the date", () => {
    expect(dayWords("2026-12-09", "2026-12-09")).toBe("today");
    expect(dayWords("2026-12-10", "2026-12-09")).toBe("tomorrow");
    expect(dayWords("2026-12-31", "2026-12-09")).toBe("Dec 31, 2026");
  });
});
