import { describe, expect, it } from "vitest";
import { makeUser } from "../../tests/factories/users.ts";
import { endSession, requireRole, requireUser, restartSessions, startSession } from "./auth.server.ts";
import { db } from "./db.server.ts";

function requestWith(cookie: string | null, url = "http://localhost/classes?x=1") {
  const headers = new Headers();
  if (cookie) headers.set("Cookie", cookie.split(";")[0]);
  return new Request(url, { headers });
}

describe("sessions", () => {
  it("issues an httpOnly, SameSite=Lax cookie and validates it on the server", async () => {
    const user = await makeUser();
    const cookie = await startSession(user.id);
    expect(cookie).toMatch(/^charted_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect((await requireUser(requestWith(cookie))).id).toBe(user.id);
  });

  it("stores only a hash of the session token: a copied database opens no session", async () => {
    const user = await makeUser();
    const cookie = await startSession(user.id);
    const token = cookie.split(";")[0].split("=")[1];
    const [row] = await db.session.findMany({ where: { userId: user.id } });
    expect(row.id).not.toBe(token);
    expect(row.id).not.toContain(token);
    expect(await db.session.count({ where: { id: token } })).toBe(0);
    // Someone holding the stored id (a copy of the table) cannot use it as a cookie...
    await expect(requireUser(requestWith(`charted_session=${row.id}`))).rejects.toBeInstanceOf(Response);
    // ...while the browser's token still works, and a refreshed cookie still carries the token.
    expect((await requireUser(requestWith(cookie))).id).toBe(user.id);
  });

  it("redirects anonymous visitors to log in, remembering where they were going", async () => {
    const thrown = await requireUser(requestWith(null)).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(302);
    expect((thrown as Response).headers.get("Location")).toBe("/login?redirectTo=%2Fclasses%3Fx%3D1");
  });

  it("logging out ends the session on the server, not just in the browser", async () => {
    const user = await makeUser();
    const cookie = await startSession(user.id);
    const cleared = await endSession(requestWith(cookie));
    expect(cleared).toMatch(/Max-Age=0/i);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    // The old cookie no longer works even if a browser kept it.
    await expect(requireUser(requestWith(cookie))).rejects.toBeInstanceOf(Response);
  });

  it("a password change signs out other devices", async () => {
    const user = await makeUser();
    const phone = await startSession(user.id);
    const laptop = await restartSessions(user.id);
    await expect(requireUser(requestWith(phone))).rejects.toBeInstanceOf(Response);
    expect((await requireUser(requestWith(laptop))).id).toBe(user.id);
  });
});

describe("requireRole", () => {
  it("gives a student 403 on an instructor page", async () => {
    const student = await makeUser({ role: "student" });
    const thrown = await requireRole(requestWith(await startSession(student.id)), "instructor").catch(
      (e: unknown) => e,
    );
    expect((thrown as Response).status).toBe(403);
  });

  it("lets instructors and admins in", async () => {
    for (const role of ["instructor", "admin"] as const) {
      const user = await makeUser({ role });
      expect((await requireRole(requestWith(await startSession(user.id)), "instructor")).id).toBe(user.id);
    }
  });
});
