// Who may set a student's override: the assignment page's action called as each kind of visitor.
import type { ActionFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { makeUser } from "../factories/users.ts";
import { makeQuestion } from "../fixtures/content.ts";
import { createAssignment } from "~/assignments/manage.server.ts";
import { createClassFor, joinWithCode } from "~/classes/classes.server.ts";
import { syncQuestions } from "~/models/bank.server.ts";
import { startSession } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import * as assignmentRoute from "~/routes/classes.$id_.assignments.$aid.tsx";

async function post(path: string, params: Record<string, string>, cookie: string | null, body: Record<string, string>) {
  const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded" });
  if (cookie) headers.set("Cookie", cookie.split(";")[0]);
  const args = {
    request: new Request(`http://localhost${path}`, { method: "POST", headers, body: new URLSearchParams(body) }),
    params,
    context: { clientIp: "127.0.0.1" },
  } as unknown as ActionFunctionArgs;
  try {
    const result = (await assignmentRoute.action(args)) as unknown;
    if (result instanceof Response)
      return result.status === 302 ? `redirect ${result.headers.get("Location")}` : result.status;
    return (result as { init?: { status?: number } }).init?.status ?? "allowed";
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    if (thrown.status === 302)
      return thrown.headers.get("Location")?.startsWith("/login")
        ? "login"
        : `redirect ${thrown.headers.get("Location")}`;
    return thrown.status;
  }
}

describe("overrides authorization", () => {
  it("only the class's instructor or an admin sets or removes overrides, and only for members", async () => {
    await syncQuestions([makeQuestion("LAW-K08-001", { lesson: "hipaa-privacy-and-patient-rights" })]);
    const [student, otherStudent, instructor, otherInstructor, admin] = [
      await makeUser({ role: "student" }),
      await makeUser({ role: "student" }),
      await makeUser({ role: "instructor" }),
      await makeUser({ role: "instructor" }),
      await makeUser({ role: "admin" }),
    ];
    const klass = await createClassFor(instructor.id, "Override cohort");
    const { joinCode } = await db.class.findUniqueOrThrow({ where: { id: klass.id } });
    await joinWithCode(student.id, joinCode, "10.30.0.1");
    const created = await createAssignment(instructor, klass.id, {
      title: "Quiz",
      source: "items",
      domains: [],
      questionIds: ["LAW-K08-001"],
      itemCount: undefined,
      timed: false,
      minutes: undefined,
      opensAt: new Date("2026-01-01T00:00:00Z"),
      dueAt: new Date("2099-01-01T00:00:00Z"),
      attemptsAllowed: 1,
      revealPolicy: "after_submit",
    });
    if (!created.ok) throw new Error(created.message);
    const aid = created.id;
    const path = `/classes/${klass.id}/assignments/${aid}`;
    const params = { id: klass.id, aid };
    const save = { intent: "save-override", userId: student.id, attemptsAllowed: "3" };
    const remove = { intent: "remove-override", userId: student.id };
    const count = () => db.assignmentOverride.count({ where: { assignmentId: aid } });

    const refused = {
      anonymous: [null, "login"],
      student: [await startSession(student.id), 403],
      otherStudent: [await startSession(otherStudent.id), 403],
      otherInstructor: [await startSession(otherInstructor.id), 404],
    } as const;
    for (const [who, [cookie, expected]] of Object.entries(refused)) {
      expect({ who, outcome: await post(path, params, cookie, save) }).toEqual({ who, outcome: expected });
    }
    expect(await count()).toBe(0);

    const own = await startSession(instructor.id);
    // Not a member of the class: refused with a message, nothing saved.
    expect(await post(path, params, own, { ...save, userId: otherStudent.id })).toBe(400);
    expect(await count()).toBe(0);
    expect(await post(path, params, own, save)).toBe(`redirect ${path}?override=saved#overrides-heading`);
    expect(await db.assignmentOverride.findFirstOrThrow({ where: { assignmentId: aid } })).toMatchObject({
      userId: student.id,
      attemptsAllowed: 3,
    });

    for (const [who, [cookie, expected]] of Object.entries(refused)) {
      expect({ who, outcome: await post(path, params, cookie, remove) }).toEqual({ who, outcome: expected });
    }
    expect(await count()).toBe(1);
    expect(await post(path, params, await startSession(admin.id), remove)).toBe(
      `redirect ${path}?override=removed#overrides-heading`,
    );
    expect(await count()).toBe(0);
  });
});
