import { describe, expect, it } from "vitest";
import { fallingBehind, isInactive, latestScore, missedBy, type AssignmentWork } from "./attention.ts";

const NOW = new Date("2026-12-10T15:00:00Z");
const days = (n: number) => new Date(NOW.getTime() + n * 86_400_000);

describe("attention rules", () => {
  it("calls a student inactive after seven days without study, counted from joining if they never studied", () => {
    expect(isInactive(days(-7), days(-30), NOW)).toBe(true);
    expect(isInactive(new Date(days(-7).getTime() + 1), days(-30), NOW)).toBe(false);
    expect(isInactive(null, days(-8), NOW)).toBe(true);
    expect(isInactive(null, days(-2), NOW)).toBe(false);
  });

  it("puts missed due dates before a low latest score, and the pass mark is not low", () => {
    expect(fallingBehind(2, 0.9)).toEqual({ kind: "missed", count: 2 });
    expect(fallingBehind(0, 0.69)).toEqual({ kind: "low-score", percent: 69 });
    expect(fallingBehind(0, 0.7)).toBeNull();
    expect(fallingBehind(0, null)).toBeNull();
  });

  it("reads the latest submitted score only", () => {
    const a = (submittedAt: Date | null, correct: number, status = "submitted") => ({
      status,
      submittedAt,
      scoredCorrect: correct,
      scoredTotal: 10,
    });
    expect(latestScore([a(days(-3), 9), a(days(-1), 4), a(null, 0, "in_progress")])).toBe(0.4);
    expect(latestScore([a(null, 0, "in_progress")])).toBeNull();
  });

  it("counts as missed only members past their own due date who joined before it and did not submit", () => {
    const work: AssignmentWork = {
      opensAt: days(-10),
      dueAt: days(-1),
      attemptsAllowed: 1,
      revealPolicy: "after_submit",
      timeLimitMinutes: null,
      overrides: [
        { userId: "extended", dueAt: days(2), timeLimitMinutes: null, untimed: false, attemptsAllowed: null },
      ],
      attempts: [
        { userId: "done", status: "submitted", submittedAt: days(-2) },
        { userId: "open", status: "in_progress", submittedAt: null },
      ],
    };
    const member = (userId: string, joined = -20) => ({ userId, joinedAt: days(joined) });
    expect(
      missedBy(work, [member("done"), member("open"), member("extended"), member("missing"), member("late", 0)], NOW),
    ).toEqual(["open", "missing"]);
  });
});
