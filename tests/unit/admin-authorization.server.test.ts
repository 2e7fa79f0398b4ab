// Who may use the admin area: every loader and action under /admin called as each kind of
// visitor would call it. Only admins get in; anyone signed out is sent to log in; students and
// instructors are refused, and their requests change nothing.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { makeUser } from "../factories/users.ts";
import { startSession } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import * as adminLayout from "~/routes/admin.tsx";
import * as adminIndex from "~/routes/admin._index.tsx";
import * as adminUsers from "~/routes/admin.users._index.tsx";
import * as adminUser from "~/routes/admin.users.$id.tsx";
import * as adminAudit from "~/routes/admin.audit.tsx";

type Handler = (args: LoaderFunctionArgs | ActionFunctionArgs) => Promise<unknown>;

async function outcome(
  handler: Handler,
  path: string,
  cookie: string | null,
  params: Record<string, string> = {},
  form?: Record<string, string>,
) {
  const headers = new Headers();
  if (cookie) headers.set("Cookie", cookie.split(";")[0]);
  const init: RequestInit = form ? { method: "POST", headers, body: new URLSearchParams(form) } : { headers };
  try {
    await handler({
      request: new Request(`http://localhost${path}`, init),
      params,
      context: { clientIp: "127.0.0.1" },
    });
    return "allowed";
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    if (thrown.status === 302)
      return thrown.headers.get("Location")?.startsWith("/login")
        ? "login"
        : `redirect ${thrown.headers.get("Location")}`;
    return thrown.status;
  }
}

describe("admin area authorization", () => {
  it("lets admins in and nobody else, for every loader and action", async () => {
    const student = await makeUser({ role: "student" });
    const instructor = await makeUser({ role: "instructor" });
    const admin = await makeUser({ role: "admin" });
    const target = await makeUser({ role: "student" });
    const cookies = {
      anonymous: null,
      student: await startSession(student.id),
      instructor: await startSession(instructor.id),
      admin: await startSession(admin.id),
    };
    const adminOnly = { anonymous: "login", student: 403, instructor: 403, admin: "allowed" };
    const userPath = `/admin/users/${target.id}`;
    const cases: [string, Handler, string, Record<string, string>, Record<string, string>?][] = [
      ["layout loader", adminLayout.loader as Handler, "/admin", {}],
      ["index loader", adminIndex.loader as Handler, "/admin", {}],
      ["users loader", adminUsers.loader as Handler, "/admin/users?q=test&role=student", {}],
      ["audit loader", adminAudit.loader as Handler, "/admin/audit?q=user", {}],
      ["user loader", adminUser.loader as Handler, userPath, { id: target.id }],
      ["user action", adminUser.action as Handler, userPath, { id: target.id }, { intent: "role", role: "admin" }],
    ];
    for (const [name, handler, path, params, form] of cases) {
      const actual: Record<string, unknown> = {};
      for (const [who, cookie] of Object.entries(cookies)) {
        // Only the admin's try may change anything: before it, the target is still a student.
        if (form) expect((await db.user.findUniqueOrThrow({ where: { id: target.id } })).role).toBe("student");
        actual[who] = await outcome(handler, path, cookie, params, form);
      }
      expect({ route: name, ...actual }).toEqual({ route: name, ...adminOnly });
    }
    expect((await db.user.findUniqueOrThrow({ where: { id: target.id } })).role).toBe("admin");
    // One audit entry: the admin's change; the refused requests wrote nothing.
    expect(await db.auditEntry.count({ where: { targetId: target.id } })).toBe(1);
  });

  it("answers 404 for an account that does not exist or a malformed id", async () => {
    const admin = await makeUser({ role: "admin" });
    const cookie = await startSession(admin.id);
    for (const id of ["abcdefghijklmnopqrstuvwx", "not an id"]) {
      expect(await outcome(adminUser.loader as Handler, `/admin/users/${id}`, cookie, { id })).toBe(404);
      expect(
        await outcome(adminUser.action as Handler, `/admin/users/${id}`, cookie, { id }, { intent: "enable" }),
      ).toBe(404);
    }
  });

  it("a disabled admin's old session gets nowhere", async () => {
    const admin = await makeUser({ role: "admin" });
    const cookie = await startSession(admin.id);
    await db.user.update({ where: { id: admin.id }, data: { disabledAt: new Date() } });
    expect(await outcome(adminUsers.loader as Handler, "/admin/users", cookie)).toBe("login");
  });
});
