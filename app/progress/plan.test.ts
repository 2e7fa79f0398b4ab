import { describe, expect, it } from "vitest";
import { isoWeekday, shiftLabel } from "./activity.ts";
import {
  dayOffSchema,
  parseDaysOff,
  planSettingsInput,
  planSettingsSchema,
  withDayOff,
  withoutDayOff,
} from "./forms.ts";
import { planToIcs } from "./ics.server.ts";
import {
  buildPlan,
  missedStudyDays,
  MOCK_MINUTES,
  REVIEW_SHARE,
  studyOrder,
  taskLine,
  type Plan,
  type PlanInput,
  type Session,
} from "./plan.ts";

const TODAY = "2026-06-15"; // a Monday
const MINUTES = [8, 14, 22, 11, 18, 25, 9, 16, 12, 20, 13, 17];
const lessons = MINUTES.map((minutes, i) => ({
  slug: `l${i}`,
  title: `Lesson ${i}`,
  domainId: "LAW",
  href: `/learn/law/l${i}`,
  minutes,
}));
const base: PlanInput = {
  today: TODAY,
  examDate: "2026-07-15",
  weekdays: [1, 3, 5],
  minutesPerSession: 30,
  lessons,
  dueByDay: new Map([[TODAY, 40]]),
  quizDomains: [{ id: "BIL", name: "Billing" }],
  lastMock: null,
};

function ok(plan: Plan) {
  if (plan.status !== "ok") throw new Error(plan.status);
  return plan;
}
const taskMinutes = (s: Session) => s.tasks.reduce((n, t) => n + t.minutes, 0);
const hasMock = (s: Session) => s.tasks.some((t) => t.kind === "mock");

describe("sessions fit the minutes chosen", () => {
  it("never gives a 30-minute learner a session over 30 minutes, whatever the exam date and load", () => {
    for (const examDate of ["2026-06-17", "2026-06-22", "2026-07-01", "2026-07-15", "2026-09-30"])
      for (const due of [0, 40, 400])
        for (const minutesPerSession of [10, 30]) {
          const plan = buildPlan({ ...base, examDate, minutesPerSession, dueByDay: new Map([[TODAY, due]]) });
          for (const s of plan.sessions) {
            expect(s.minutes, `${examDate} ${due} ${s.day}`).toBeLessThanOrEqual(minutesPerSession);
            expect(taskMinutes(s)).toBe(s.minutes);
            expect(hasMock(s)).toBe(false);
          }
        }
  });

  it("reads a lesson longer than the time left in parts instead of overrunning", () => {
    const plan = ok(buildPlan({ ...base, minutesPerSession: 10, lessons: [lessons[5]], dueByDay: new Map() }));
    const parts = plan.sessions.flatMap((s) => s.tasks).filter((t) => t.kind === "lesson");
    expect(parts.map((t) => t.minutes)).toEqual([9, 8, 8]);
    expect(parts.map((t) => (t.kind === "lesson" ? t.part : null))).toEqual(["start", "continue", "finish"]);
    expect(parts.map(taskLine)[0]).toBe("Start reading: Lesson 5 (9 min)");
    expect(plan.sessions.every((s) => s.minutes <= 10)).toBe(true);
  });
});

describe("full mocks", () => {
  it("go only on long days, as a session of their own length", () => {
    const plan = ok(buildPlan({ ...base, longWeekdays: [6] }));
    const mockDays = plan.sessions.filter(hasMock);
    expect(mockDays.map((s) => s.day)).toEqual(["2026-06-27", "2026-07-11"]);
    for (const s of mockDays) {
      expect(isoWeekday(s.day)).toBe(6);
      expect(s.minutes).toBe(MOCK_MINUTES); // max(30, 135): the mock alone
      expect(s.tasks).toHaveLength(1);
    }
    expect(plan.mockProposals).toEqual([]);
    // Saturday is not a study day: only the mock Saturdays get a session.
    expect(plan.sessions.filter((s) => isoWeekday(s.day) === 6)).toHaveLength(2);
    expect(plan.sessions.filter((s) => !hasMock(s)).every((s) => s.minutes <= 30)).toBe(true);
  });

  it("share a long session with other work only when the minutes allow", () => {
    const plan = ok(buildPlan({ ...base, minutesPerSession: 180, longWeekdays: [1, 3, 5] }));
    for (const s of plan.sessions) expect(s.minutes).toBeLessThanOrEqual(180);
    const mock = plan.sessions.find(hasMock)!;
    expect(mock.tasks.length).toBeGreaterThan(1);
  });

  it("are proposed as separate blocks when no long day is marked or none falls in time", () => {
    const none = ok(buildPlan(base));
    expect(none.sessions.some(hasMock)).toBe(false);
    expect(none.mockProposals).toEqual([
      { day: "2026-07-01", minutes: MOCK_MINUTES, href: "/practice#sim-heading" },
      { day: "2026-07-11", minutes: MOCK_MINUTES, href: "/practice#sim-heading" },
    ]);
    expect(none.notes.join(" ")).not.toMatch(/not enough time for a full mock/);
    // The only long day (Sunday the 21st) is after the early target (June 20th): the early mock is
    // proposed, the late one goes on a long Sunday.
    const late = ok(buildPlan({ ...base, examDate: "2026-07-04", longWeekdays: [7] }));
    expect(late.mockProposals.map((p) => p.day)).toEqual(["2026-06-20"]);
    expect(late.sessions.filter(hasMock).map((s) => s.day)).toEqual(["2026-06-28"]);
    // A proposal never lands on a day off.
    const off = ok(buildPlan({ ...base, daysOff: ["2026-07-01"] }));
    expect(off.mockProposals.map((p) => p.day)).toEqual(["2026-06-30", "2026-07-11"]);
  });
});

describe("lesson order", () => {
  const content = [
    { slug: "billing", domainId: "BIL", knowledgeAreas: ["BIL.K01"], order: 1, title: "Revenue cycle" },
    { slug: "hipaa", domainId: "LAW", knowledgeAreas: ["LAW.K01"], order: 1, title: "HIPAA" },
    { slug: "talk", domainId: "COM", knowledgeAreas: ["COM.K01"], order: 1, title: "Communication basics" },
    { slug: "settings", domainId: "FND", knowledgeAreas: ["FND.K01", "FND.K08"], order: 1, title: "Settings" },
    { slug: "words", domainId: "FND", knowledgeAreas: ["FND.K04"], order: 3, title: "Word building" },
    { slug: "abbrev", domainId: "FND", knowledgeAreas: ["FND.K05"], order: 4, title: "Abbreviations" },
    { slug: "visit", domainId: "ENC", knowledgeAreas: ["ENC.K01"], order: 1, title: "Check-in" },
    { slug: "calls", domainId: "SCH", knowledgeAreas: ["SCH.K01"], order: 1, title: "Scheduling methods" },
  ];

  it("puts terminology and the foundations before the applied domains, weakest first only within a stage", () => {
    // Billing is the weakest domain and Foundational Knowledge the strongest: the order still
    // starts with terminology; the weaker of LAW and COM comes first in their shared stage.
    const rank = new Map(["BIL", "LAW", "ENC", "COM", "SCH", "ADM", "FND"].map((id, i) => [id, i]));
    expect(studyOrder(content, rank).map((l) => l.slug)).toEqual([
      "words",
      "abbrev",
      "settings",
      "hipaa",
      "talk",
      "visit",
      "calls",
      "billing",
    ]);
  });
});

describe("days off", () => {
  it("get no session, not even a mock on a long day", () => {
    const daysOff = ["2026-06-17", "2026-06-27", "2026-07-10"];
    const plan = ok(buildPlan({ ...base, longWeekdays: [6], daysOff }));
    const days = plan.sessions.map((s) => s.day);
    for (const off of daysOff) expect(days).not.toContain(off);
    expect(days).toContain("2026-06-19");
    // The early mock moves to the long day before the day off.
    expect(plan.sessions.filter(hasMock).map((s) => s.day)).toEqual(["2026-06-20", "2026-07-11"]);
    // The calendar file has the same sessions: none on a day off, the mock on its long day.
    const ics = planToIcs({
      userId: "u1",
      sessions: plan.sessions,
      startTime: "19:00",
      timeZone: "UTC",
      baseUrl: "https://charted.example",
    });
    expect(ics).not.toMatch(/DTSTART:20260617/);
    expect(ics).toMatch(/DTSTART:20260620T190000Z/);
    expect(ics).toContain("Charted: full CMAA mock exam");
  });

  it("when the only day before the exam is off, plans nothing that day", () => {
    const plan = ok(buildPlan({ ...base, examDate: "2026-06-16", daysOff: [TODAY] }));
    expect(plan.sessions).toEqual([]);
    expect(plan.notes.join(" ")).toMatch(/today is a day off/);
  });

  it("are validated: a real date, not in the past", () => {
    const schema = dayOffSchema(TODAY);
    expect(schema.safeParse({ day: "2026-06-14" }).success).toBe(false);
    expect(schema.safeParse({ day: "2026-02-30" }).success).toBe(false);
    expect(schema.safeParse({ day: "next week" }).success).toBe(false);
    expect(schema.safeParse({ day: TODAY }).success).toBe(true);
    // Stored sorted and unique; past days beyond the last week are dropped.
    const added = withDayOff("2026-01-01,2026-06-20", "2026-06-18", TODAY);
    expect(added).toEqual({ ok: true, value: "2026-06-18,2026-06-20" });
    expect(withoutDayOff("2026-06-10,2026-06-18,2026-06-20", "2026-06-18", TODAY)).toBe("2026-06-10,2026-06-20");
    expect(parseDaysOff("2026-06-10,2026-06-20,junk", TODAY)).toEqual(["2026-06-20"]);
    const full = Array.from({ length: 60 }, (_, i) => shiftLabel(TODAY, i + 1)).join(",");
    expect(withDayOff(full, "2027-01-01", TODAY).ok).toBe(false);
  });

  it("long days are optional in the settings and checked like study days", () => {
    const form = new FormData();
    for (const [k, v] of [
      ["weekdays", "1"],
      ["weekdays", "3"],
      ["longWeekdays", "7"],
      ["longWeekdays", "6"],
      ["minutes", "30"],
      ["startTime", "19:00"],
      ["examDate", ""],
    ])
      form.append(k, v);
    const parsed = planSettingsSchema(TODAY).safeParse(planSettingsInput(form));
    expect(parsed.success && parsed.data.longWeekdays).toEqual([6, 7]);
    form.delete("longWeekdays");
    expect(planSettingsSchema(TODAY).safeParse(planSettingsInput(form)).success).toBe(true);
    form.append("longWeekdays", "8");
    expect(planSettingsSchema(TODAY).safeParse(planSettingsInput(form)).success).toBe(false);
  });
});

describe("missed days", () => {
  it("are recent study days with no study, after the learner started", () => {
    const studied = new Set(["2026-06-08", "2026-06-12"]);
    const missed = missedStudyDays({ today: TODAY, weekdays: [1, 3, 5], daysOff: [], studied, since: "2026-06-01" });
    expect(missed).toEqual(["2026-06-10"]);
    // A day off is not missed; before the first study day nothing is; a week back at most.
    expect(
      missedStudyDays({ today: TODAY, weekdays: [1, 3, 5], daysOff: ["2026-06-10"], studied, since: "2026-06-01" }),
    ).toEqual([]);
    expect(missedStudyDays({ today: TODAY, weekdays: [1, 2, 3, 4, 5], daysOff: [], studied, since: null })).toEqual([]);
    expect(
      missedStudyDays({
        today: TODAY,
        weekdays: [1, 2, 3, 4, 5, 6, 7],
        daysOff: [],
        studied: new Set(),
        since: "2026-01-01",
      }),
    ).toHaveLength(7);
  });

  it("move their work forward without making any session longer than its minutes", () => {
    // Three missed sessions: their cards are overdue today (600) and their lessons still unread.
    const plan = ok(
      buildPlan({
        ...base,
        dueByDay: new Map([[TODAY, 600]]),
        missedDays: ["2026-06-09", "2026-06-11"],
      }),
    );
    expect(plan.notes[0]).toBe(
      "You missed Tuesday and Thursday; their lessons moved to the next sessions, which still fit your minutes.",
    );
    const cap = Math.floor(30 * REVIEW_SHARE);
    for (const s of plan.sessions) {
      expect(s.minutes).toBeLessThanOrEqual(30);
      const reviews = s.tasks.find((t) => t.kind === "reviews");
      if (!s.finalDay && reviews) expect(reviews.minutes).toBeLessThanOrEqual(cap);
    }
    // The backlog spreads over the next sessions instead of filling one, and lessons still start today.
    expect(plan.sessions.slice(0, 3).every((s) => s.tasks.find((t) => t.kind === "reviews")?.minutes === cap)).toBe(
      true,
    );
    expect(plan.sessions[0].tasks.some((t) => t.kind === "lesson")).toBe(true);
    const single = ok(buildPlan({ ...base, missedDays: ["2026-06-12"] }));
    expect(single.notes[0]).toMatch(/^You missed Friday; its lessons moved to the next sessions/);
  });

  it("say when the work no longer fits before the exam", () => {
    const plan = ok(buildPlan({ ...base, examDate: "2026-06-24", missedDays: ["2026-06-12"] }));
    expect(plan.notes.join(" ")).toMatch(/will not fit before the exam at this pace. Add a study day or lengthen/);
  });
});
