import { describe, expect, it } from "vitest";
import {
  backlogThreshold,
  buildCatchUpPlan,
  finalReviewAvailable,
  MAX_PLAN_DAYS,
  queuePolicy,
  ranksToLookUp,
  suggestedCap,
  usualDailyReviews,
  type PlanInput,
} from "./catch-up.ts";

const labels = (n: number) =>
  Array.from({ length: n }, (_, i) => new Date(Date.UTC(2026, 5, 10 + i)).toISOString().slice(0, 10));

const DOMAINS = [
  { id: "COM", weight: 0.19 },
  { id: "FND", weight: 0.09 },
];
const prefs = { reviewsPerDay: 200, newCardsPerDay: 20, examDate: null, finalReview: false, catchUpCap: null };

describe("backlog", () => {
  it("measures usual work by the last 14 days, the daily limit without history, never under 10 a day", () => {
    expect(usualDailyReviews(14 * 50, 200)).toBe(50);
    expect(usualDailyReviews(0, 200)).toBe(200);
    expect(usualDailyReviews(14, 200)).toBe(10);
    expect(backlogThreshold(50)).toBe(150);
  });

  it("suggests usual work plus a seventh of the backlog", () => {
    expect(suggestedCap(50, 700)).toBe(150);
    expect(suggestedCap(50, 1)).toBe(51);
  });
});

describe("the catch-up plan", () => {
  const base: PlanInput = {
    days: labels(MAX_PLAN_DAYS),
    dueByDay: Array.from({ length: MAX_PLAN_DAYS }, () => 20),
    overdue: 300,
    cap: 100,
    doneToday: 0,
  };

  it("never serves more than the cap on any day, counting what was done today", () => {
    const plan = buildCatchUpPlan({ ...base, doneToday: 30 });
    expect(plan.clears).toBe(true);
    expect(plan.days[0].reviews).toBeLessThanOrEqual(70);
    for (const day of plan.days) expect(day.reviews).toBeLessThanOrEqual(100);
    // Every day but the last spends the whole cap: backlog first, then cards coming due.
    for (const day of plan.days.slice(1, -1)) expect(day.reviews).toBe(100);
  });

  it("takes the backlog lowest recall first, day after day", () => {
    const plan = buildCatchUpPlan({ ...base, doneToday: 30 });
    expect(plan.days.map((d) => d.backlogRanks)).toEqual([
      { from: 1, to: 70 },
      { from: 71, to: 170 },
      { from: 171, to: 270 },
      // 30 left of the first backlog, then cards that came due during the plan.
      { from: 271, to: 300 },
    ]);
    expect(ranksToLookUp(plan)).toEqual([1, 70, 71, 170, 171, 270, 271, 300]);
  });

  it("ends on the day the backlog is cleared, counting cards that came due meanwhile", () => {
    const plan = buildCatchUpPlan(base);
    // 300 overdue, 100 a day, 20 coming due a day: 300 → 220 → 140 → 60 → cleared on day 4.
    expect(plan.days.map((d) => d.overdueAfter)).toEqual([220, 140, 60, 0]);
    expect(plan.days.at(-1)).toMatchObject({ label: "2026-06-13", reviews: 60, fromBacklog: 60 });
  });

  it("does not clear when cards come due faster than the cap", () => {
    const plan = buildCatchUpPlan({ ...base, cap: 20 });
    expect(plan.clears).toBe(false);
    expect(plan.days).toHaveLength(MAX_PLAN_DAYS);
    expect(plan.days.at(-1)!.overdueAfter).toBe(300);
  });

  it("has no days when nothing is overdue", () => {
    expect(buildCatchUpPlan({ ...base, overdue: 0 })).toEqual({ clears: true, days: [] });
  });
});

describe("the queue's policy", () => {
  it("normally orders by due date with the usual limits", () => {
    expect(queuePolicy(prefs, "2026-06-10", DOMAINS)).toMatchObject({
      reviewLimit: 200,
      newLimit: 20,
      order: "due",
      nearDueDays: 0,
      domainWeights: null,
    });
  });

  it("under a plan: the plan's cap replaces the review limit, new cards pause, priority order", () => {
    expect(queuePolicy({ ...prefs, catchUpCap: 300 }, "2026-06-10", DOMAINS)).toMatchObject({
      reviewLimit: 300,
      newLimit: 0,
      order: "priority",
      catchUp: true,
      domainWeights: null,
    });
  });

  it("weights by the exam blueprint when the exam is within 30 days", () => {
    const soon = { ...prefs, catchUpCap: 50, examDate: new Date("2026-07-01T00:00:00Z") };
    expect(queuePolicy(soon, "2026-06-10", DOMAINS).domainWeights).toEqual({ COM: 0.19, FND: 0.09 });
    expect(queuePolicy(soon, "2026-05-20", DOMAINS).domainWeights).toBeNull();
    expect(queuePolicy(soon, "2026-07-02", DOMAINS).domainWeights).toBeNull();
  });

  it("final review: only in the exam's last week, with near-due cards, and off after the exam", () => {
    const exam = new Date("2026-06-15T00:00:00Z");
    const on = { ...prefs, finalReview: true, examDate: exam };
    expect(finalReviewAvailable(exam, "2026-06-07")).toBe(false);
    expect(finalReviewAvailable(exam, "2026-06-08")).toBe(true);
    expect(finalReviewAvailable(exam, "2026-06-15")).toBe(true);
    expect(queuePolicy(on, "2026-06-10", DOMAINS)).toMatchObject({
      order: "priority",
      nearDueDays: 3,
      finalReview: true,
      reviewLimit: 200,
      newLimit: 20,
      domainWeights: { COM: 0.19, FND: 0.09 },
    });
    expect(queuePolicy(on, "2026-06-16", DOMAINS)).toMatchObject({ order: "due", nearDueDays: 0, finalReview: false });
    expect(queuePolicy({ ...on, examDate: null }, "2026-06-10", DOMAINS).finalReview).toBe(false);
  });
});
