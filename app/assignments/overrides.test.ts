import { describe, expect, it } from "vitest";
import { answersVisible, keyHolds, keyReleaseDue } from "~/exam/key-release.ts";
import { deadlineFor, isLate, NETWORK_GRACE_MS } from "~/exam/timing.ts";
import { attemptDeadline, effectiveSettings, isClosed, startDecision, studentStatus } from "./rules.ts";

const assignment = {
  opensAt: new Date("2026-12-01T14:00:00Z"),
  dueAt: new Date("2026-12-08T22:00:00Z"),
  attemptsAllowed: 1,
  revealPolicy: "after_submit",
  timeLimitMinutes: 30,
};
const EXTENDED = new Date("2026-12-10T22:00:00Z");
const noChange = { dueAt: null, timeLimitMinutes: null, untimed: false, attemptsAllowed: null };
const start = new Date("2026-12-09T10:00:00Z");
const fmt = (d: Date) => d.toISOString();

describe("a student's effective settings (override × extra time)", () => {
  it("are the assignment's without an override, with the class's extra time", () => {
    const s = effectiveSettings(assignment, null, { accommodationFactor: 1.5 });
    expect(s).toMatchObject({ dueAt: assignment.dueAt, attemptsAllowed: 1, timeLimitMinutes: 30, extended: false });
    expect(deadlineFor(start, s.timeLimitMinutes, s.accommodationFactor)).toEqual(new Date("2026-12-09T10:45:00Z"));
    // A missing or nonsense factor is standard time.
    expect(effectiveSettings(assignment, null, { accommodationFactor: null }).accommodationFactor).toBe(1);
    expect(effectiveSettings(assignment, null, { accommodationFactor: 0.5 }).accommodationFactor).toBe(1);
  });

  it("multiply the override's time limit by the extra time, or drop the timer when untimed", () => {
    const longer = effectiveSettings(assignment, { ...noChange, timeLimitMinutes: 60 }, { accommodationFactor: 1.5 });
    expect(deadlineFor(start, longer.timeLimitMinutes, longer.accommodationFactor)).toEqual(
      new Date("2026-12-09T11:30:00Z"),
    );
    const untimed = effectiveSettings(assignment, { ...noChange, untimed: true }, { accommodationFactor: 2 });
    expect(untimed.timeLimitMinutes).toBeNull();
    expect(attemptDeadline(untimed, deadlineFor(start, untimed.timeLimitMinutes, 2))).toBeNull();
  });

  it("allow the extra attempts the override gives, and no more", () => {
    const submitted = [{ id: "a1", status: "submitted", submittedAt: start }];
    expect(startDecision(effectiveSettings(assignment, null, null), submitted, start, fmt)).toMatchObject({
      ok: false,
      reason: "used_up",
    });
    const two = effectiveSettings(assignment, { ...noChange, attemptsAllowed: 2 }, null);
    expect(startDecision(two, submitted, start, fmt)).toEqual({ ok: true, resume: null, late: true });
    expect(startDecision(two, [...submitted, { ...submitted[0], id: "a2" }], start, fmt)).toMatchObject({
      ok: false,
      message: "You have used all 2 attempts at this assignment.",
    });
  });

  it("judge lateness by the student's own due date", () => {
    const own = effectiveSettings(assignment, { ...noChange, dueAt: EXTENDED }, null);
    expect(own.extended).toBe(true);
    expect(isLate(assignment, start)).toBe(true);
    expect(isLate(own, start)).toBe(false);
    expect(startDecision(own, [], start, fmt)).toEqual({ ok: true, resume: null, late: false });
    expect(studentStatus(own, [{ id: "a1", status: "submitted", submittedAt: start }], start)).toBe("submitted");
    expect(isLate(own, new Date(EXTENDED.getTime() + 1))).toBe(true);
  });

  it("under answers-after-the-due-date: the extension keeps the assignment open to them and ends their attempt at their due date", () => {
    const afterDue = { ...assignment, revealPolicy: "after_due" };
    const own = effectiveSettings(afterDue, { ...noChange, dueAt: EXTENDED, untimed: true }, null);
    const others = effectiveSettings(afterDue, null, null);
    expect(isClosed(others, start)).toBe(true);
    expect(isClosed(own, start)).toBe(false);
    expect(attemptDeadline(own, null)).toEqual(EXTENDED);
  });
});

describe("key release with an extension in the class", () => {
  const afterDue = { dueAt: assignment.dueAt, revealPolicy: "after_due" };
  const extensions = [{ dueAt: null }, { dueAt: EXTENDED }, { dueAt: new Date("2026-12-09T00:00:00Z") }];

  it("waits for the latest due date of anyone in the class, for everyone", () => {
    const release = { ...afterDue, dueAt: keyReleaseDue(afterDue.dueAt, extensions) };
    expect(release.dueAt).toEqual(EXTENDED);
    const pastClassDue = new Date(assignment.dueAt.getTime() + NETWORK_GRACE_MS + 60_000);
    // Without the extension the key would be out by now; with it, no one sees it yet.
    expect(answersVisible(afterDue, true, pastClassDue)).toBe(true);
    expect(answersVisible(release, true, pastClassDue)).toBe(false);
    expect(answersVisible(release, true, new Date(EXTENDED.getTime() + NETWORK_GRACE_MS))).toBe(true);
    expect(keyReleaseDue(afterDue.dueAt, [])).toEqual(afterDue.dueAt);
  });

  it("holds the withheld questions' keys (missed cards, practice) until the latest extension", () => {
    const config = { questionIds: ["Q1"], pretestIds: ["P1"] };
    const holds = keyHolds([{ ...afterDue, config, overrides: extensions }]);
    expect(holds.get("Q1")).toEqual(new Date(EXTENDED.getTime() + NETWORK_GRACE_MS));
    expect(holds.get("P1")).toEqual(new Date(EXTENDED.getTime() + NETWORK_GRACE_MS));
  });
});
