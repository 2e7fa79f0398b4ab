// "Delete my account" on a real database (SQLite and PostgreSQL), through the route's action as
// the browser posts it: bad input and a wrong password change nothing; a deletion leaves no
// personal row and no trace of the address or name, signs the account out everywhere, and the
// learner's answers still count in the item statistics; the last admin and an instructor whose
// classes still have students are refused.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { makeCard, makeQuestion } from "../../tests/fixtures/content.ts";
import { giveHistory, HISTORY_LESSON } from "../../tests/factories/history.ts";
import { makeUser, TEST_PASSWORD } from "../../tests/factories/users.ts";
import { createAssignment } from "~/assignments/manage.server.ts";
import { assignmentResults, gradebookCsv, studentWork } from "~/assignments/results.server.ts";
import { startAssignment } from "~/assignments/student.server.ts";
import { logIn, register } from "~/auth/accounts.server.ts";
import { verifyPassword } from "~/auth/password.server.ts";
import { THROTTLES } from "~/auth/rate-limit.ts";
import { classesJoinedBy, classRoster, createClassFor, joinWithCode, removeStudent } from "~/classes/classes.server.ts";
import { saveAnswer, submitAttempt } from "~/exam/attempts.server.ts";
import { createAccountToken } from "~/models/account-token.server.ts";
import { ACCOUNT_DELETED_ACTION, PERSONAL_DATA } from "~/models/account-erasure.server.ts";
import { recordAudit } from "~/models/audit.server.ts";
import { syncCards, syncQuestions } from "~/models/bank.server.ts";
import { ERASED_NAME, erasedEmail } from "~/models/erased-user.ts";
import { saveOptimization } from "~/models/fsrs-optimization.server.ts";
import { enqueueJob } from "~/models/job.server.ts";
import { recordLoginFailure } from "~/models/login-failure.server.ts";
import { trustDevice } from "~/models/trusted-device.server.ts";
import * as dataPage from "~/routes/account_.data.tsx";
import { getUser } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { deleteAccount, deletionBlockers } from "./delete.server.ts";

beforeAll(async () => {
  await syncQuestions(
    Array.from({ length: 12 }, (_, i) =>
      makeQuestion(`LAW-K01-${String(i + 1).padStart(3, "0")}`, { answer: "A", lesson: HISTORY_LESSON }),
    ),
  );
  await syncCards([makeCard("LAW-C0001")]);
});

/** Posts the delete form as the browser would (signed in with `cookie`); a thrown Response is returned. */
async function post(cookie: string, fields: Record<string, string>) {
  const request = new Request("http://localhost/account/data", {
    method: "POST",
    headers: { cookie },
    body: new URLSearchParams(fields),
  });
  try {
    return await dataPage.action({ request, params: {}, context: { clientIp: "203.0.113.9" } });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

function statusOf(result: unknown): number {
  if (result instanceof Response) return result.status;
  return (result as { init?: { status?: number } }).init?.status ?? 200;
}

function fieldErrorsOf(result: unknown): Record<string, string[]> {
  return (result as { data: { fieldErrors: Record<string, string[]> } }).data.fieldErrors;
}

/** The account's rows in every table deletion empties, by table. */
async function personalRows(userId: string) {
  const own = { where: { userId } };
  return {
    sessions: await db.session.count(own),
    trustedDevices: await db.trustedDevice.count(own),
    accountTokens: await db.accountToken.count(own),
    preferences: await db.preferences.count(own),
    reviewCards: await db.reviewCard.count(own),
    reviewLogs: await db.reviewLog.count(own),
    fsrsOptimizations: await db.fsrsOptimization.count(own),
    lessonCompletions: await db.lessonCompletion.count(own),
    activityDays: await db.activityDay.count(own),
    activityRollup: await db.activityRollup.count(own),
    jobs: await db.job.count(own),
    contentReports: await db.contentReport.count({ where: { reporterId: userId } }),
    memberships: await db.classMembership.count(own),
    classRemovals: await db.classRemoval.count(own),
    instructorRequests: await db.instructorRequest.count(own),
    invitations: await db.invitation.count({ where: { OR: [{ invitedById: userId }, { acceptedById: userId }] } }),
  };
}

/** Everything a refused deletion must leave as it was. */
async function snapshot(userId: string) {
  return JSON.stringify({
    user: await db.user.findUnique({ where: { id: userId } }),
    rows: await personalRows(userId),
    attempts: await db.examAttempt.count({ where: { userId } }),
    classes: await db.class.findMany({ where: { instructorId: userId }, select: { archivedAt: true } }),
    audit: await db.auditEntry.count(),
  });
}

/** Every table's rows as text: to prove the address and name are nowhere. */
async function wholeDatabase() {
  const tables = await Promise.all([
    db.user.findMany(),
    db.preferences.findMany(),
    db.job.findMany(),
    db.session.findMany(),
    db.loginFailure.findMany(),
    db.authThrottle.findMany(),
    db.trustedDevice.findMany(),
    db.lessonCompletion.findMany(),
    db.examAttempt.findMany(),
    db.reviewCard.findMany(),
    db.reviewLog.findMany(),
    db.fsrsOptimization.findMany(),
    db.class.findMany(),
    db.classRemoval.findMany(),
    db.classMembership.findMany(),
    db.assignment.findMany(),
    db.activityDay.findMany(),
    db.activityRollup.findMany(),
    db.contentReport.findMany(),
    db.accountToken.findMany(),
    db.invitation.findMany(),
    db.instructorRequest.findMany(),
    db.auditEntry.findMany(),
  ]);
  return JSON.stringify(tables).toLowerCase();
}

async function classWith(instructorId: string, studentIds: string[], name = "Evening cohort") {
  const klass = await createClassFor(instructorId, name);
  const { joinCode } = await db.class.findUniqueOrThrow({ where: { id: klass.id } });
  for (const id of studentIds) expect(await joinWithCode(id, joinCode, "10.30.0.1")).toMatchObject({ ok: true });
  return klass;
}

/** An assignment of six questions both students answer (the first gets the first three right). */
async function takenAssignment(instructor: { id: string; role: "instructor" }, classId: string, studentIds: string[]) {
  const now = new Date();
  const created = await createAssignment(instructor, classId, {
    title: "Week 1",
    source: "items",
    domains: [],
    questionIds: ["LAW-K01-001", "LAW-K01-002", "LAW-K01-003", "LAW-K01-004", "LAW-K01-005", "LAW-K01-006"],
    itemCount: 6,
    timed: false,
    minutes: undefined,
    opensAt: new Date(now.getTime() - 3600_000),
    dueAt: new Date(now.getTime() + 7 * 86_400_000),
    attemptsAllowed: 1,
    revealPolicy: "after_submit",
  });
  if (!created.ok) throw new Error(created.message);
  for (const [s, studentId] of studentIds.entries()) {
    const started = await startAssignment(studentId, "UTC", created.id, now);
    if (!started.ok) throw new Error(started.message);
    const items = await db.attemptItem.findMany({
      where: { attemptId: started.attemptId },
      select: { position: true, questionVersion: { select: { questionId: true } } },
    });
    for (const i of items) {
      const right = s === 0 ? Number(i.questionVersion.questionId.slice(-1)) <= 3 : i.position % 2 === 0;
      await saveAnswer(studentId, started.attemptId, i.position + 1, { selectedIndex: right ? 0 : 2 }, now);
    }
    await submitAttempt(studentId, started.attemptId, now);
  }
  return created.id;
}

describe("deleting an account", () => {
  it("says what happens to every relation of User in prisma/schema.prisma", () => {
    const schema = readFileSync("prisma/schema.prisma", "utf8");
    const userModel = /model User \{([\s\S]*?)\n\}/.exec(schema)![1];
    const models = new Set([...schema.matchAll(/^model (\w+) \{/gm)].map((m) => m[1]));
    const relations = userModel
      .split("\n")
      .map((line) => line.trim().split(/\s+/))
      .filter(([name, type]) => name && type && models.has(type.replace(/[[\]?]/g, "")))
      .map(([name]) => name);
    expect(relations.length).toBeGreaterThan(20);
    expect(Object.keys(PERSONAL_DATA).sort()).toEqual(relations.sort());
  });

  it("changes nothing on bad input or a wrong password", async () => {
    const learner = await makeUser();
    const { cookie } = await giveHistory(learner.id, "KEEP");
    const before = await snapshot(learner.id);
    const valid = { currentPassword: TEST_PASSWORD, confirmation: "DELETE" };
    for (const [fields, field] of [
      [{ ...valid, confirmation: "delete" }, "confirmation"],
      [{ ...valid, confirmation: "" }, "confirmation"],
      [{ currentPassword: TEST_PASSWORD }, "confirmation"],
      [{ ...valid, confirmation: learner.email }, "confirmation"],
      [{ ...valid, currentPassword: "" }, "currentPassword"],
      [{ ...valid, currentPassword: "x".repeat(100_001) }, "currentPassword"],
      [{ ...valid, currentPassword: "not my password" }, "currentPassword"],
      [{ ...valid, closeClasses: "on" }, "closeClasses"],
      [{ ...valid, closeClasses: '\'; DROP TABLE "User";--' }, "closeClasses"],
    ] as const) {
      const result = await post(cookie, fields);
      expect(statusOf(result), JSON.stringify(fields).slice(0, 80)).toBe(400);
      expect(fieldErrorsOf(result)[field], field).toEqual([expect.any(String)]);
    }
    expect(await snapshot(learner.id)).toBe(before);
    expect(await getUser(new Request("http://localhost/", { headers: { cookie } }))).toMatchObject({ id: learner.id });
  });

  it("removes every personal row, forgets the address and name, and keeps the answers anonymous", async () => {
    const instructor = { ...(await makeUser({ role: "instructor" })), role: "instructor" as const };
    const admin = await makeUser({ role: "admin" });
    const learner = await makeUser({ name: "Lena Forgotten", email: `lena-${Date.now()}@example.test` });
    const classmate = await makeUser();
    const { cookie } = await giveHistory(learner.id, "LENA");
    const klass = await classWith(instructor.id, [learner.id, classmate.id]);
    const left = await classWith(instructor.id, [learner.id], "Morning cohort");
    await removeStudent(left.id, learner.id);
    const assignmentId = await takenAssignment(instructor, klass.id, [learner.id, classmate.id]);
    // Rows in the other tables that point at the account or hold its address.
    await trustDevice(learner.id);
    await createAccountToken({
      userId: learner.id,
      kind: "verify-email",
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    await enqueueJob({ kind: "send-mail", userId: learner.id, payload: { to: learner.email } });
    await recordLoginFailure(learner.email, "10.0.0.9", new Date());
    await db.invitation.create({
      data: {
        tokenHash: `invite-${learner.id}`,
        kind: "class",
        email: learner.email,
        name: "Lena Forgotten",
        classId: klass.id,
        invitedById: instructor.id,
        expiresAt: new Date(Date.now() + 86_400_000),
        acceptedAt: new Date(),
        acceptedById: learner.id,
      },
    });
    await recordAudit({
      actor: { id: admin.id, email: admin.email },
      action: "user.role-changed",
      target: { id: learner.id, email: learner.email },
    });
    const statsBefore = await assignmentResults(instructor, klass.id, assignmentId);
    if (!statsBefore.ok) throw new Error("no results");
    expect(statsBefore.rows.map((r) => r.id).sort()).toEqual([learner.id, classmate.id].sort());

    const result = await post(cookie, { currentPassword: TEST_PASSWORD, confirmation: " DELETE " });
    expect(statusOf(result)).toBe(302);
    expect((result as Response).headers.get("Location")).toBe("/?deleted=account");
    expect((result as Response).headers.get("Set-Cookie")).toMatch(/charted_session=;.*Max-Age=0/i);

    // An optimizer run that was training meanwhile writes nothing back.
    await saveOptimization(learner.id, {
      reviewCount: 1000,
      trainingItems: 800,
      logLossBefore: 0.4,
      rmseBefore: 0.05,
      logLossAfter: 0.3,
      rmseAfter: 0.04,
      parameters: [0.5, 1.5],
      adopted: true,
    });
    // Every personal table is empty for the account.
    expect(Object.values(await personalRows(learner.id))).toEqual(
      Object.values(await personalRows(learner.id)).map(() => 0),
    );
    // The row that is left names no one and opens to no password.
    const row = await db.user.findUniqueOrThrow({ where: { id: learner.id } });
    expect(row).toMatchObject({
      email: erasedEmail(learner.id),
      name: ERASED_NAME,
      role: "student",
      emailVerifiedAt: null,
      disabledAt: expect.any(Date),
    });
    expect(await verifyPassword(row.passwordHash, TEST_PASSWORD)).toBe(false);
    const everything = await wholeDatabase();
    for (const forgotten of [learner.email, "lena forgotten", "lena own front", "lena thinks"])
      expect(everything).not.toContain(forgotten);

    // Signed out everywhere; the old address and password open nothing; the address is free again.
    expect(await getUser(new Request("http://localhost/", { headers: { cookie } }))).toBeNull();
    expect(
      await logIn({ email: learner.email, password: TEST_PASSWORD, ip: "10.0.0.1", wait: async () => {} }),
    ).toMatchObject({ ok: false, reason: "invalid" });
    expect(
      await logIn({ email: erasedEmail(learner.id), password: TEST_PASSWORD, ip: "10.0.0.1", wait: async () => {} }),
    ).toMatchObject({ ok: false });

    // The audit log: the deletion, by "the account holder", with no address; earlier entries lose it too.
    const audit = await db.auditEntry.findMany({ where: { targetId: learner.id }, orderBy: { createdAt: "asc" } });
    expect(audit).toMatchObject([
      { action: "user.role-changed", actorLabel: admin.email, targetLabel: ERASED_NAME },
      { action: ACCOUNT_DELETED_ACTION, actorLabel: "the account holder", targetLabel: null },
    ]);

    // The class: off the roster; the answers still count in the item statistics, as no one.
    expect((await classRoster(klass.id)).map((r) => r.id)).toEqual([classmate.id]);
    const statsAfter = await assignmentResults(instructor, klass.id, assignmentId);
    if (!statsAfter.ok) throw new Error("no results");
    expect(statsAfter.rows.map((r) => r.id)).toEqual([classmate.id]);
    expect(statsAfter.analysed).toBe(2);
    expect(statsAfter.items.map((i) => [i.questionId, i.responses, i.difficulty, i.optionCounts])).toEqual(
      statsBefore.items.map((i) => [i.questionId, i.responses, i.difficulty, i.optionCounts]),
    );
    expect(statsAfter.items.every((i) => i.responses === 2)).toBe(true);
    const csv = await gradebookCsv(instructor, klass.id, assignmentId);
    if (!csv.ok) throw new Error("no gradebook");
    expect(csv.csv).not.toContain(ERASED_NAME);
    expect(csv.csv).not.toContain("deleted.invalid");
    expect(await studentWork(instructor, klass.id, assignmentId, learner.id)).toMatchObject({
      ok: false,
      reason: "not-found",
    });

    expect(
      await register({ email: learner.email, name: "Lena Again", password: "a brand new phrase 7", ip: "10.0.0.2" }),
    ).toMatchObject({ ok: true });
  });

  it("refuses to delete the last enabled admin, atomically", async () => {
    // Only the admins made here are enabled.
    await db.user.updateMany({ where: { role: "admin" }, data: { disabledAt: new Date() } });
    const first = await makeUser({ role: "admin" });
    expect(await deletionBlockers(first.id)).toMatchObject({ lastAdmin: true });
    const before = await snapshot(first.id);
    expect(await deleteAccount(first.id, { currentPassword: TEST_PASSWORD, closeClasses: false })).toMatchObject({
      ok: false,
      reason: "last-admin",
      message: expect.stringMatching(/only administrator/),
    });
    expect(await snapshot(first.id)).toBe(before);

    // Two admins delete themselves at once: one goes, the other is refused as the last.
    const second = await makeUser({ role: "admin" });
    expect(await deletionBlockers(first.id)).toMatchObject({ lastAdmin: false });
    const results = await Promise.all(
      [first, second].map((a) => deleteAccount(a.id, { currentPassword: TEST_PASSWORD, closeClasses: false })),
    );
    expect(results.map((r) => (r.ok ? "deleted" : r.reason)).sort()).toEqual(["deleted", "last-admin"]);
    expect(await db.user.count({ where: { role: "admin", disabledAt: null } })).toBe(1);
  });

  it("refuses an instructor whose classes still have students, unless they close them", async () => {
    const instructor = await makeUser({ role: "instructor" });
    const student = await makeUser();
    const klass = await classWith(instructor.id, [student.id]);
    const empty = await classWith(instructor.id, [], "Empty class");
    expect(await deletionBlockers(instructor.id)).toEqual({
      lastAdmin: false,
      classesWithStudents: [{ name: "Evening cohort", students: 1 }],
    });
    const before = await snapshot(instructor.id);
    expect(await deleteAccount(instructor.id, { currentPassword: TEST_PASSWORD, closeClasses: false })).toMatchObject({
      ok: false,
      reason: "has-students",
      message: expect.stringContaining("Evening cohort (1 student)"),
    });
    expect(await snapshot(instructor.id)).toBe(before);
    expect(await classesJoinedBy(student.id)).toHaveLength(1);

    expect(await deleteAccount(instructor.id, { currentPassword: TEST_PASSWORD, closeClasses: true })).toEqual({
      ok: true,
      closedClasses: 2,
    });
    const closed = await db.class.findMany({ where: { id: { in: [klass.id, empty.id] } } });
    expect(closed.map((c) => c.archivedAt)).toEqual([expect.any(Date), expect.any(Date)]);
    // The student keeps their own account and answers; the closed class is gone from their list.
    expect(await classesJoinedBy(student.id)).toEqual([]);
  });

  it("takes the password-check allowance like every password confirmation", async () => {
    const learner = await makeUser();
    const now = new Date();
    const quick = { now, wait: async () => {} };
    for (let i = 0; i < THROTTLES.passwordCheck.limit; i++)
      expect(await deleteAccount(learner.id, { currentPassword: "guess", closeClasses: false }, quick)).toMatchObject({
        reason: "wrong-password",
      });
    expect(
      await deleteAccount(learner.id, { currentPassword: TEST_PASSWORD, closeClasses: false }, quick),
    ).toMatchObject({ ok: false, reason: "rate-limited", message: expect.stringMatching(/Try again in 15 minutes/) });
    expect(await db.user.findUniqueOrThrow({ where: { id: learner.id } })).toMatchObject({ disabledAt: null });
  });
});
