import { describe, expect, it } from "vitest";
import { answersVisible } from "~/exam/key-release.ts";
import { isLate, NETWORK_GRACE_MS } from "~/exam/timing.ts";
import { formatInZone, startDecision, studentStatus, type AssignmentTimes } from "./rules.ts";

const base: AssignmentTimes = {
  opensAt: new Date("2026-12-01T14:00:00Z"),
  dueAt: new Date("2026-12-08T22:00:00Z"),
  attemptsAllowed: 2,
  revealPolicy: "after_submit",
};
const before = new Date("2026-11-30T00:00:00Z");
const during = new Date("2026-12-03T00:00:00Z");
const after = new Date("2026-12-09T00:00:00Z");
const fmt = (d: Date) => formatInZone(d, "America/New_York");

describe("assignment rules", () => {
  it("refuses before it opens, with the opening time in the reader's zone", () => {
    expect(startDecision(base, [], before, fmt)).toEqual({
      ok: false,
      reason: "not_open",
      message: "This assignment opens on Dec 1, 2026, 9:00 AM EST.",
    });
    expect(studentStatus(base, [], before)).toBe("not_open");
  });

  it("allows starts while attempts remain, resumes an open attempt, and refuses once they are used", () => {
    expect(startDecision(base, [], during, fmt)).toEqual({ ok: true, resume: null, late: false });
    const one = [{ id: "a1", status: "submitted", submittedAt: during }];
    expect(startDecision(base, one, during, fmt)).toMatchObject({ ok: true, resume: null });
    expect(startDecision(base, [...one, { id: "a2", status: "in_progress", submittedAt: null }], during, fmt)).toEqual({
      ok: true,
      resume: "a2",
      late: false,
    });
    const two = [...one, { id: "a2", status: "submitted", submittedAt: during }];
    expect(startDecision(base, two, during, fmt)).toEqual({
      ok: false,
      reason: "used_up",
      message: "You have used all 2 attempts at this assignment.",
    });
    expect(startDecision({ ...base, attemptsAllowed: 1 }, one, during, fmt)).toMatchObject({
      ok: false,
      message: "You have used your one attempt at this assignment.",
    });
  });

  it("lets work start late (marked late) unless answers were released at the due date", () => {
    expect(startDecision(base, [], after, fmt)).toEqual({ ok: true, resume: null, late: true });
    expect(studentStatus(base, [], after)).toBe("not_started");
    const afterDue = { ...base, revealPolicy: "after_due" };
    expect(startDecision(afterDue, [], after, fmt)).toMatchObject({ ok: false, reason: "closed" });
    expect(studentStatus(afterDue, [], after)).toBe("closed");
    // An attempt already running can still be finished (and will be late).
    expect(startDecision(afterDue, [{ id: "x", status: "in_progress", submittedAt: null }], after, fmt)).toEqual({
      ok: true,
      resume: "x",
      late: true,
    });
  });

  it("marks a submission after the due instant late, and on time otherwise", () => {
    expect(isLate(base, new Date("2026-12-08T22:00:00Z"))).toBe(false);
    expect(isLate(base, new Date("2026-12-08T22:00:01Z"))).toBe(true);
    expect(studentStatus(base, [{ id: "a", status: "submitted", submittedAt: after }], after)).toBe("late");
    expect(studentStatus(base, [{ id: "a", status: "submitted", submittedAt: during }], after)).toBe("submitted");
    expect(studentStatus(base, [{ id: "a", status: "in_progress", submittedAt: null }], during)).toBe("in_progress");
  });

  it("shows answers only as the policy allows", () => {
    expect(answersVisible(base, true, during)).toBe(true);
    expect(answersVisible(base, false, during)).toBe(false);
    const afterDue = { ...base, revealPolicy: "after_due" };
    expect(answersVisible(afterDue, true, during)).toBe(false);
    // Not at the due date itself: only once the network grace for a last save has passed.
    expect(answersVisible(afterDue, true, base.dueAt)).toBe(false);
    expect(answersVisible(afterDue, true, new Date(base.dueAt.getTime() + NETWORK_GRACE_MS))).toBe(true);
    expect(answersVisible({ ...base, revealPolicy: "never" }, true, after)).toBe(false);
  });
});
