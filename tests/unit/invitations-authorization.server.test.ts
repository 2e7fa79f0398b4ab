// Who may use the invitation pages: every loader and action of the admin invitations and
// requests pages, the instructor-access page, the accept page and the class page's invitation
// actions, called as each kind of visitor would call them.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { makeUser } from "../factories/users.ts";
import { createClassFor } from "~/classes/classes.server.ts";
import { inviteRoster } from "~/invitations/class-invitations.server.ts";
import { inviteInstructor } from "~/invitations/instructor-invitations.server.ts";
import { requestInstructorAccess } from "~/invitations/requests.server.ts";
import * as adminInvitationsRoute from "~/routes/admin.invitations.tsx";
import * as adminRequestsRoute from "~/routes/admin.requests.tsx";
import * as classRoute from "~/routes/classes.$id.tsx";
import * as instructorAccessRoute from "~/routes/instructor-access.tsx";
import * as acceptRoute from "~/routes/invitations.accept.tsx";
import { startSession } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";

type Handler = (args: LoaderFunctionArgs | ActionFunctionArgs) => Promise<unknown>;
type Who = "anonymous" | "student" | "instructor" | "otherInstructor" | "admin";
const WHO: Who[] = ["anonymous", "student", "instructor", "otherInstructor", "admin"];

/** "allowed" when the handler answers (data or a returned redirect), else what it threw. */
async function outcome(
  handler: Handler,
  path: string,
  cookie: string | null,
  options: { params?: Record<string, string>; form?: Record<string, string> } = {},
) {
  const headers = new Headers();
  if (cookie) headers.set("Cookie", cookie.split(";")[0]!);
  const init: RequestInit = options.form
    ? { method: "POST", headers, body: new URLSearchParams(options.form) }
    : { headers };
  try {
    await handler({
      request: new Request(`http://localhost${path}`, init),
      params: options.params ?? {},
      context: { clientIp: "198.51.100.7" },
    });
    return "allowed";
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    if (thrown.status === 302) {
      const location = thrown.headers.get("Location") ?? "";
      return location.startsWith("/login") ? "login" : `redirect ${location}`;
    }
    return thrown.status;
  }
}

describe("invitations authorization", () => {
  it("each role gets exactly what it may use", async () => {
    const student = await makeUser({ role: "student" });
    const instructor = await makeUser({ role: "instructor" });
    const otherInstructor = await makeUser({ role: "instructor" });
    const admin = await makeUser({ role: "admin" });
    const klass = await createClassFor(instructor.id, "Evening cohort");
    const classRef = { id: klass.id, name: "Evening cohort", instructorId: instructor.id };
    await inviteRoster(instructor, classRef, "pending-student@example.test", { allowRemoved: false });
    const classInvitation = await db.invitation.findFirstOrThrow({ where: { classId: klass.id } });
    const invited = await inviteInstructor(admin, { email: "future-teacher@example.test", name: null });
    if (!invited.ok) throw new Error(invited.message);
    const token = new URL(invited.url).searchParams.get("token")!;
    const requester = await makeUser({ role: "student" });
    await requestInstructorAccess(requester, "I teach the Tuesday evening CMAA course.");
    const request = await db.instructorRequest.findFirstOrThrow({ where: { userId: requester.id } });

    const cookies: Record<Who, string | null> = {
      anonymous: null,
      student: await startSession(student.id),
      instructor: await startSession(instructor.id),
      otherInstructor: await startSession(otherInstructor.id),
      admin: await startSession(admin.id),
    };
    const adminOnly = { anonymous: "login", student: 403, instructor: 403, otherInstructor: 403, admin: "allowed" };
    const signedIn = {
      anonymous: "login",
      student: "allowed",
      instructor: "allowed",
      otherInstructor: "allowed",
      admin: "allowed",
    };
    const everyone = { ...signedIn, anonymous: "allowed" };
    const classOwner = {
      anonymous: "login",
      student: 403,
      instructor: "allowed",
      otherInstructor: 404,
      admin: "allowed",
    };
    const classPath = `/classes/${klass.id}`;
    const acceptPath = `/invitations/accept?token=${token}`;

    const cases: [
      string,
      Handler,
      string,
      { params?: Record<string, string>; form?: Record<string, string> },
      object,
    ][] = [
      ["admin invitations page", adminInvitationsRoute.loader as Handler, "/admin/invitations", {}, adminOnly],
      [
        "admin invites",
        adminInvitationsRoute.action as Handler,
        "/admin/invitations",
        { form: { intent: "invite", email: "not-an-address" } },
        adminOnly,
      ],
      [
        "admin revokes",
        adminInvitationsRoute.action as Handler,
        "/admin/invitations",
        { form: { intent: "revoke", invitationId: "c".repeat(25) } },
        { ...adminOnly, admin: 404 },
      ],
      ["admin requests page", adminRequestsRoute.loader as Handler, "/admin/requests", {}, adminOnly],
      [
        "admin decides",
        adminRequestsRoute.action as Handler,
        "/admin/requests",
        { form: { intent: "decline", requestId: request.id, reason: "Tell us your school." } },
        adminOnly,
      ],
      ["instructor access page", instructorAccessRoute.loader as Handler, "/instructor-access", {}, signedIn],
      [
        "request instructor access",
        instructorAccessRoute.action as Handler,
        "/instructor-access",
        { form: { note: "I teach the Monday CMAA course." } },
        signedIn,
      ],
      ["accept page", acceptRoute.loader as Handler, acceptPath, {}, everyone],
      // Accepting needs an account: a visitor is sent to log in (and back).
      [
        "accept with this account",
        acceptRoute.action as Handler,
        acceptPath,
        { form: { intent: "accept", token: "x".repeat(43) } },
        { ...signedIn, anonymous: "login" },
      ],
      [
        "class roster upload",
        classRoute.action as Handler,
        classPath,
        { params: { id: klass.id }, form: { intent: "invite-roster", roster: "" } },
        classOwner,
      ],
      [
        "class invitation resend",
        classRoute.action as Handler,
        classPath,
        { params: { id: klass.id }, form: { intent: "resend-invitation", invitationId: classInvitation.id } },
        classOwner,
      ],
      [
        "class invitation revoke",
        classRoute.action as Handler,
        classPath,
        { params: { id: klass.id }, form: { intent: "revoke-invitation", invitationId: "c".repeat(25) } },
        classOwner,
      ],
      // Last: it ends the caller's session.
      [
        "log out and use another account",
        acceptRoute.action as Handler,
        acceptPath,
        { form: { intent: "logout", token } },
        everyone,
      ],
    ];
    for (const [name, handler, path, options, expected] of cases) {
      const actual: Record<string, unknown> = {};
      for (const who of WHO) actual[who] = await outcome(handler, path, cookies[who], options);
      expect({ route: name, ...actual }).toEqual({ route: name, ...expected });
    }

    // What the refused callers tried changed nothing; the allowed ones did what they asked.
    expect(await db.instructorRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      status: "declined",
      decidedById: admin.id,
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: student.id } })).role).toBe("student");
    expect(await db.instructorRequest.count({ where: { userId: student.id, status: "pending" } })).toBe(1);
    expect(await db.instructorRequest.count({ where: { userId: instructor.id } })).toBe(0);
    expect(await db.invitation.count({ where: { classId: klass.id, revokedAt: null } })).toBe(1);
    expect(await db.invitation.count({ where: { email: "future-teacher@example.test", acceptedAt: null } })).toBe(1);
  });

  it("the class roster action refuses another class's instructor and changes nothing", async () => {
    const instructor = await makeUser({ role: "instructor" });
    const otherInstructor = await makeUser({ role: "instructor" });
    const klass = await createClassFor(instructor.id, "Morning cohort");
    const roster = "Pat Person, pat@example.test";
    const form = { intent: "invite-roster", roster };
    expect(
      await outcome(classRoute.action as Handler, `/classes/${klass.id}`, await startSession(otherInstructor.id), {
        params: { id: klass.id },
        form,
      }),
    ).toBe(404);
    expect(await db.invitation.count({ where: { classId: klass.id } })).toBe(0);
    expect(
      await outcome(classRoute.action as Handler, `/classes/${klass.id}`, await startSession(instructor.id), {
        params: { id: klass.id },
        form,
      }),
    ).toBe("allowed");
    expect(await db.invitation.count({ where: { classId: klass.id, email: "pat@example.test" } })).toBe(1);
  });
});
