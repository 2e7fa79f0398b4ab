import { describe, expect, it } from "vitest";
import { assignmentFormInput, assignmentFormSchema, instantToLocal, localToInstant } from "./forms.ts";

describe("assignment form", () => {
  it("reads dates as wall-clock time in the instructor's zone, across DST", () => {
    expect(localToInstant("2026-12-01T09:00", "America/New_York")?.toISOString()).toBe("2026-12-01T14:00:00.000Z");
    expect(localToInstant("2026-07-01T09:00", "America/New_York")?.toISOString()).toBe("2026-07-01T13:00:00.000Z");
    expect(localToInstant("2026-02-30T09:00", "UTC")).toBeNull();
    expect(localToInstant("2026-12-01 09:00", "UTC")).toBeNull();
    expect(instantToLocal(new Date("2026-12-01T14:00:00Z"), "America/New_York")).toBe("2026-12-01T09:00");
  });

  it("accepts a valid form and explains each rule it breaks", () => {
    const fd = new FormData();
    for (const [k, v] of Object.entries({
      title: " Week 1 ",
      source: "domains",
      itemCount: "10",
      timed: "on",
      minutes: "15",
      opensAt: "2026-12-01T09:00",
      dueAt: "2026-12-08T17:00",
      attemptsAllowed: "2",
      revealPolicy: "after_due",
    }))
      fd.append(k, v);
    fd.append("domains", "LAW");
    fd.append("domains", "BIL");
    const ok = assignmentFormSchema("America/Chicago").safeParse(assignmentFormInput(fd));
    expect(ok.success && ok.data).toMatchObject({
      title: "Week 1",
      domains: ["LAW", "BIL"],
      itemCount: 10,
      minutes: 15,
      attemptsAllowed: 2,
      dueAt: new Date("2026-12-08T23:00:00Z"),
    });

    const bad = assignmentFormSchema("UTC").safeParse({
      title: "Quiz",
      source: "items",
      questionIds: [],
      timed: "on",
      opensAt: "2026-12-08T09:00",
      dueAt: "2026-12-01T09:00",
      attemptsAllowed: "1",
      revealPolicy: "after_submit",
    });
    expect(bad.success).toBe(false);
    const messages = Object.fromEntries((bad.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
    expect(messages).toEqual({
      dueAt: "The due date must be after the opening date.",
      questionIds: "Tick at least one question.",
      minutes: "Enter the time limit, or untick “Timed”.",
    });
  });
});
