// Class membership an instructor controls: removing a student closes their open assignment work
// and stops the code admitting them; rotating the code retires the old one at once; a removed
// student comes back only when the instructor allows it.
import { beforeAll, describe, expect, it } from "vitest";
import { makeQuestion } from "../../tests/fixtures/content.ts";
import { makeUser } from "../../tests/factories/users.ts";
import { practiceForm } from "../../tests/factories/practice.ts";
import { createAssignment } from "~/assignments/manage.server.ts";
import { startAssignment } from "~/assignments/student.server.ts";
import { saveAnswer, startPractice } from "~/exam/attempts.server.ts";
import { syncQuestions } from "~/models/bank.server.ts";
import * as classPage from "~/routes/classes.$id.tsx";
import { startSession } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { createClassFor, joinWithCode } from "./classes.server.ts";

beforeAll(async () => {
  await syncQuestions(Array.from({ length: 10 }, (_, i) => makeQuestion(`LAW-K01-${String(i + 1).padStart(3, "0")}`)));
});

async function setUp() {
  const instructor = await makeUser({ role: "instructor" });
  const student = await makeUser();
  const klass = await createClassFor(instructor.id, "Evening CMAA");
  const code = async () => (await db.class.findUniqueOrThrow({ where: { id: klass.id } })).joinCode;
  expect(await joinWithCode(student.id, await code(), "10.30.0.1")).toMatchObject({ ok: true });
  const cookie = (await startSession(instructor.id)).split(";")[0];
  const post = async (fields: Record<string, string>, asCookie = cookie) => {
    const request = new Request(`http://localhost/classes/${klass.id}`, {
      method: "POST",
      headers: { cookie: asCookie },
      body: new URLSearchParams(fields),
    });
    try {
      return (await classPage.action({
        request,
        params: { id: klass.id },
        context: { clientIp: "203.0.113.9" },
      })) as unknown;
    } catch (thrown) {
      return thrown;
    }
  };
  return { instructor, student, klass, code, post };
}

const REMOVED = /Your instructor removed you from this class.*Ask your instructor/;

describe("removing a student", () => {
  it("submits their open attempts at the class's assignments with what they saved, and the code stops admitting them", async () => {
    const { instructor, student, klass, code, post } = await setUp();
    const quiz = await createAssignment(instructor, klass.id, {
      title: "Week 1",
      source: "domains",
      domains: ["LAW"],
      questionIds: [],
      itemCount: 5,
      timed: true,
      minutes: 30,
      opensAt: new Date(Date.now() - 86_400_000),
      dueAt: new Date(Date.now() + 7 * 86_400_000),
      attemptsAllowed: 1,
      revealPolicy: "after_submit",
    });
    if (!quiz.ok) throw new Error(quiz.message);
    const started = await startAssignment(student.id, "UTC", quiz.id);
    if (!started.ok) throw new Error(started.message);
    const item = await db.attemptItem.findFirstOrThrow({
      where: { attemptId: started.attemptId, position: 0 },
      include: { questionVersion: true },
    });
    expect(
      await saveAnswer(student.id, started.attemptId, 1, { selectedIndex: item.questionVersion.answerIndex }),
    ).toEqual({ ok: true });
    // Their own practice is not the class's business: it stays open.
    const practice = await startPractice(student.id, practiceForm());
    if (!practice.ok) throw new Error(practice.message);

    expect(await post({ intent: "remove", userId: student.id })).toMatchObject({
      ok: true,
      message: expect.stringContaining("submitted with the answers they had saved"),
    });

    const closed = await db.examAttempt.findUniqueOrThrow({ where: { id: started.attemptId } });
    expect(closed).toMatchObject({ status: "submitted", scoredCorrect: 1, scoredTotal: 5 });
    expect(closed.submittedAt).not.toBeNull();
    expect(await db.examAttempt.findUniqueOrThrow({ where: { id: practice.attemptId } })).toMatchObject({
      status: "in_progress",
    });
    expect(await db.classMembership.count({ where: { classId: klass.id, userId: student.id } })).toBe(0);

    expect(await joinWithCode(student.id, await code(), "10.30.0.1")).toEqual({
      ok: false,
      message: expect.stringMatching(REMOVED),
    });
    expect(await db.classMembership.count({ where: { classId: klass.id, userId: student.id } })).toBe(0);
  });

  it("lets a student who left on their own join again (only a removal blocks)", async () => {
    const { student, klass, code } = await setUp();
    await db.classMembership.deleteMany({ where: { classId: klass.id, userId: student.id } });
    expect(await joinWithCode(student.id, await code(), "10.30.0.1")).toMatchObject({ ok: true });
  });
});

describe("join codes", () => {
  it("rotating retires the old code at once; a removed student rejoins only when the instructor allows it", async () => {
    const { student, klass, code, post } = await setUp();
    const old = await code();
    expect(await post({ intent: "rotate-code" })).toMatchObject({
      ok: true,
      message: expect.stringContaining("The old code and link no longer work"),
    });
    const fresh = await code();
    expect(fresh).not.toBe(old);
    const newcomer = await makeUser();
    expect(await joinWithCode(newcomer.id, old, "10.30.0.1")).toEqual({
      ok: false,
      message: "No class has that code. Check it with your instructor.",
    });
    expect(await joinWithCode(newcomer.id, fresh, "10.30.0.1")).toMatchObject({ ok: true });

    await post({ intent: "remove", userId: student.id });
    // A new code does not re-admit a removed student by itself...
    await post({ intent: "rotate-code" });
    expect(await joinWithCode(student.id, await code(), "10.30.0.1")).toEqual({
      ok: false,
      message: expect.stringMatching(REMOVED),
    });
    // ...the instructor's "allow to rejoin" does.
    expect(await post({ intent: "allow-rejoin", userId: student.id })).toMatchObject({ ok: true });
    expect(await joinWithCode(student.id, await code(), "10.30.0.1")).toMatchObject({ ok: true });
    expect(await db.classMembership.count({ where: { classId: klass.id, userId: student.id } })).toBe(1);
  });

  it("only the class's instructor can rotate its code or re-admit", async () => {
    const { klass, code, post, student } = await setUp();
    const before = await code();
    const other = await makeUser({ role: "instructor" });
    const otherCookie = (await startSession(other.id)).split(";")[0];
    expect(await post({ intent: "rotate-code" }, otherCookie)).toMatchObject({ status: 404 });
    expect(await code()).toBe(before);
    await post({ intent: "remove", userId: student.id });
    expect(await post({ intent: "allow-rejoin", userId: student.id }, otherCookie)).toMatchObject({ status: 404 });
    expect(await db.classRemoval.count({ where: { classId: klass.id } })).toBe(1);
  });
});
