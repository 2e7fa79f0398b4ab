import { found } from "../../tests/support/found.ts";
import { beforeAll, describe, expect, it } from "vitest";
import { makeQuestion } from "../../tests/fixtures/content.ts";
import { makeUser } from "../../tests/factories/users.ts";
import { createClassFor, joinWithCode, setMemberAccommodation } from "~/classes/classes.server.ts";
import { attemptResults, submitAttempt } from "~/exam/attempts.server.ts";
import { withheldQuestionIds } from "~/exam/key-holds.server.ts";
import { NETWORK_GRACE_MS } from "~/exam/timing.ts";
import { syncQuestions } from "~/models/bank.server.ts";
import { db } from "~/utils/db.server.ts";
import { overrideFormSchema, type AssignmentForm, type OverrideForm } from "./forms.ts";
import { createAssignment } from "./manage.server.ts";
import { assignmentOverrides, removeOverride, saveOverride } from "./overrides.server.ts";
import { assignmentResults } from "./results.server.ts";
import { assignmentForStudent, startAssignment, studentAssignments } from "./student.server.ts";

const OPENS = new Date("2026-12-01T14:00:00Z");
const DUE = new Date("2026-12-08T22:00:00Z");
const EXTENDED = new Date("2026-12-10T22:00:00Z");
const DURING = new Date("2026-12-03T15:00:00Z");
const BETWEEN = new Date("2026-12-09T15:00:00Z"); // after the class's due date, before the extension
const LATER = new Date(EXTENDED.getTime() + NETWORK_GRACE_MS + 60_000);
const IDS = ["LAW-K07-001", "LAW-K07-002", "LAW-K07-003"];

beforeAll(async () => {
  await syncQuestions(
    IDS.map((id) =>
      makeQuestion(id, { knowledgeArea: "LAW.K07", answer: "A", lesson: "hipaa-privacy-and-patient-rights" }),
    ),
  );
});

const assignmentForm = (over: Partial<AssignmentForm> = {}): AssignmentForm => ({
  title: "Extension quiz",
  source: "items",
  domains: [],
  questionIds: IDS,
  itemCount: undefined,
  timed: true,
  minutes: 20,
  opensAt: OPENS,
  dueAt: DUE,
  attemptsAllowed: 1,
  revealPolicy: "after_submit",
  ...over,
});

const override = (over: Partial<OverrideForm>): OverrideForm => ({
  userId: "",
  dueAt: null,
  timeLimitMinutes: null,
  untimed: false,
  attemptsAllowed: null,
  ...over,
});

async function setUp(over: Partial<AssignmentForm> = {}) {
  const instructor = { ...(await makeUser({ role: "instructor" })), timeZone: "America/Chicago" };
  const klass = await createClassFor(instructor.id, "Overrides cohort");
  const { joinCode } = await db.class.findUniqueOrThrow({ where: { id: klass.id } });
  const [student, classmate] = [await makeUser({ name: "Ext Student" }), await makeUser({ name: "On Time" })];
  for (const s of [student, classmate]) await joinWithCode(s.id, joinCode, "10.40.0.1");
  const created = await createAssignment(instructor, klass.id, assignmentForm(over));
  if (!created.ok) throw new Error(created.message);
  return { instructor, klass, student, classmate, id: created.id };
}

describe("per-student overrides", () => {
  it("give one student a later due date and a second attempt; the class keeps its settings", async () => {
    const { instructor, klass, student, classmate, id } = await setUp();
    const first = found(await startAssignment(student.id, "UTC", id, DURING));
    await submitAttempt(student.id, first.attemptId, DURING);
    expect(await startAssignment(student.id, "UTC", id, DURING)).toMatchObject({ ok: false, status: 409 });

    expect(
      await saveOverride(
        instructor,
        klass.id,
        id,
        override({ userId: student.id, dueAt: EXTENDED, attemptsAllowed: 2 }),
      ),
    ).toEqual({ ok: true, message: "Saved the override for Ext Student." });
    const mine = found(await assignmentForStudent(student.id, "UTC", id, BETWEEN));
    expect(mine.assignment).toMatchObject({ attemptsAllowed: 2, classDueAt: "Dec 8, 2026, 10:00 PM UTC" });
    expect(mine.assignment.dueAt).toBe("Dec 10, 2026, 10:00 PM UTC");
    expect(mine).toMatchObject({ canStart: true, startsLate: false });
    const second = found(await startAssignment(student.id, "UTC", id, BETWEEN));
    await submitAttempt(student.id, second.attemptId, BETWEEN);
    expect(found(await assignmentForStudent(student.id, "UTC", id, BETWEEN)).attempts.map((t) => t.late)).toEqual([
      false,
      false,
    ]);
    const list = await studentAssignments(student.id, "UTC", BETWEEN);
    expect(list.find((a) => a.id === id)).toMatchObject({ extended: true, dueAtIso: EXTENDED.toISOString() });

    // The classmate: one attempt, the class's due date, late after it.
    const theirs = found(await assignmentForStudent(classmate.id, "UTC", id, BETWEEN));
    expect(theirs.assignment).toMatchObject({
      attemptsAllowed: 1,
      classDueAt: null,
      dueAt: "Dec 8, 2026, 10:00 PM UTC",
    });
    expect(theirs.startsLate).toBe(true);

    const results = found(await assignmentResults(instructor, klass.id, id, BETWEEN));
    const row = results.rows.find((r) => r.id === student.id)!;
    expect(row).toMatchObject({ late: false, attempts: 2, dueAtIso: EXTENDED.toISOString() });
    expect(row.extendedDueAt).toBe("Dec 10, 2026, 4:00 PM CST");

    const table = found(await assignmentOverrides(instructor, klass.id, id));
    expect(table.overrides).toEqual([
      expect.objectContaining({
        userId: student.id,
        dueAt: "Dec 10, 2026, 4:00 PM CST",
        attemptsAllowed: 2,
        timeLimit: null,
        edit: { dueAt: "2026-12-10T16:00", timeLimit: "keep", minutes: "", attemptsAllowed: "2" },
      }),
    ]);

    expect(await removeOverride(instructor, klass.id, id, student.id)).toMatchObject({ ok: true });
    expect(found(await assignmentForStudent(student.id, "UTC", id, BETWEEN)).assignment.attemptsAllowed).toBe(1);
    expect(await removeOverride(instructor, klass.id, id, student.id)).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("time an attempt by the override's limit times the student's extra time, or not at all", async () => {
    const { instructor, klass, student, classmate, id } = await setUp();
    await setMemberAccommodation(klass.id, student.id, 1.5);
    await saveOverride(instructor, klass.id, id, override({ userId: student.id, timeLimitMinutes: 40 }));
    await saveOverride(instructor, klass.id, id, override({ userId: classmate.id, untimed: true }));
    const mine = found(await startAssignment(student.id, "UTC", id, DURING));
    const theirs = found(await startAssignment(classmate.id, "UTC", id, DURING));
    const deadline = async (attemptId: string) =>
      (await db.examAttempt.findUniqueOrThrow({ where: { id: attemptId } })).deadline?.toISOString() ?? null;
    expect(await deadline(mine.attemptId)).toBe("2026-12-03T16:00:00.000Z");
    expect(await deadline(theirs.attemptId)).toBeNull();
    expect(found(await assignmentForStudent(student.id, "UTC", id, DURING)).assignment).toMatchObject({
      minutes: 60,
      extraTime: 1.5,
    });
  });

  it("holds answers released after the due date until the latest extension has passed, for everyone", async () => {
    const { instructor, klass, student, classmate, id } = await setUp({ revealPolicy: "after_due" });
    await saveOverride(instructor, klass.id, id, override({ userId: student.id, dueAt: EXTENDED }));
    const done = found(await startAssignment(classmate.id, "UTC", id, DURING));
    await submitAttempt(classmate.id, done.attemptId, DURING);
    const seen = async (at: Date) => {
      const r = await attemptResults(classmate.id, done.attemptId, at);
      if (r.state !== "submitted") throw new Error(r.state);
      return r.assignment?.answersVisible;
    };
    expect(await seen(BETWEEN)).toBe(false);
    expect(await withheldQuestionIds(classmate.id, BETWEEN)).toEqual(new Set(IDS));
    // The extended student may still start, and their attempt ends at their own due date.
    const open = found(await startAssignment(student.id, "UTC", id, BETWEEN));
    const attempt = await db.examAttempt.findUniqueOrThrow({ where: { id: open.attemptId } });
    expect(attempt.deadline?.toISOString()).toBe("2026-12-09T15:20:00.000Z");
    expect(await seen(LATER)).toBe(true);
    expect(await withheldQuestionIds(classmate.id, LATER)).toEqual(new Set());
  });

  it("are set only by the class's instructor, only for its members, with a due date after the opening", async () => {
    const { instructor, klass, student, id } = await setUp();
    const other = { ...(await makeUser({ role: "instructor" })), timeZone: "UTC" };
    const outsider = await makeUser({ name: "Outsider" });
    const asStudent = { ...student, timeZone: "UTC" };
    const form = override({ userId: student.id, attemptsAllowed: 3 });
    for (const who of [other, asStudent]) {
      expect(await saveOverride(who, klass.id, id, form)).toMatchObject({ ok: false, reason: "not-found" });
      expect(await removeOverride(who, klass.id, id, student.id)).toMatchObject({ ok: false, reason: "not-found" });
      expect(await assignmentOverrides(who, klass.id, id)).toMatchObject({ ok: false, reason: "not-found" });
    }
    expect(await saveOverride(instructor, klass.id, id, { ...form, userId: outsider.id })).toEqual({
      ok: false,
      reason: "invalid",
      field: "userId",
      message: "That student is not in this class.",
    });
    expect(await saveOverride(instructor, klass.id, id, { ...form, dueAt: OPENS })).toMatchObject({
      ok: false,
      field: "dueAt",
      message: "The due date must be after the opening date, Dec 1, 2026, 8:00 AM CST.",
    });
    expect(await db.assignmentOverride.count({ where: { assignmentId: id } })).toBe(0);
    const admin = { ...(await makeUser({ role: "admin" })), timeZone: "UTC" };
    expect(await saveOverride(admin, klass.id, id, form)).toMatchObject({ ok: true });
  });

  it("validates the form: a change is required, minutes for another limit, dates in the instructor's zone", () => {
    const schema = overrideFormSchema("America/Chicago");
    const userId = "c".repeat(25);
    expect(schema.safeParse({ intent: "save-override", userId }).success).toBe(false);
    const minutes = schema.safeParse({ intent: "save-override", userId, timeLimit: "minutes", minutes: "" });
    expect(minutes.error?.issues.map((i) => i.path.join("."))).toEqual(["minutes"]);
    expect(schema.safeParse({ intent: "save-override", userId, attemptsAllowed: "0" }).success).toBe(false);
    expect(schema.parse({ intent: "save-override", userId, dueAt: "2026-12-10T16:00", timeLimit: "untimed" })).toEqual({
      userId,
      dueAt: EXTENDED,
      timeLimitMinutes: null,
      untimed: true,
      attemptsAllowed: null,
    });
  });
});
