// The admin pages' loaders and actions as an admin's browser calls them: bad input is explained
// and changes nothing, refusals come back as messages, and each success redirects with its flag.
import { describe, expect, it } from "vitest";
import { makeUser } from "../factories/users.ts";
import { startSession } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import * as adminUsers from "~/routes/admin.users._index.tsx";
import * as adminUser from "~/routes/admin.users.$id.tsx";
import * as adminAudit from "~/routes/admin.audit.tsx";

const context = { clientIp: "127.0.0.1" };

function get(path: string, cookie: string) {
  return new Request(`http://localhost${path}`, { headers: { Cookie: cookie.split(";")[0] } });
}

function post(path: string, cookie: string, form: Record<string, string>) {
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { Cookie: cookie.split(";")[0] },
    body: new URLSearchParams(form),
  });
}

/** A returned `data(...)`: its status and body. */
function asData(value: unknown) {
  return value as { init: { status: number }; data: { formError?: string; fieldErrors: Record<string, string[]> } };
}

describe("account page actions", () => {
  it("needs the confirmation to disable, then disables and says so", async () => {
    const admin = await makeUser({ role: "admin" });
    const cookie = await startSession(admin.id);
    const user = await makeUser();
    const path = `/admin/users/${user.id}`;
    const params = { id: user.id };

    const unconfirmed = asData(
      await adminUser.action({ request: post(path, cookie, { intent: "disable" }), params, context }),
    );
    expect(unconfirmed.init.status).toBe(400);
    expect(unconfirmed.data.fieldErrors.confirm).toEqual([
      "Tick the box to confirm that this account should be disabled.",
    ]);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).disabledAt).toBeNull();

    const unknown = asData(
      await adminUser.action({ request: post(path, cookie, { intent: "delete" }), params, context }),
    );
    expect(unknown.init.status).toBe(400);
    expect(unknown.data.formError).toBe("That is not something this page can do.");

    const done = (await adminUser.action({
      request: post(path, cookie, { intent: "disable", confirm: "yes" }),
      params,
      context,
    })) as Response;
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe(`${path}?done=disable`);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).disabledAt).not.toBeNull();

    const page = await adminUser.loader({ request: get(`${path}?done=disable`, cookie), params, context });
    expect(page.done).toBe("disable");
    expect(page.account.disabledSince).not.toBeNull();
    expect(page.audit.rows[0]).toMatchObject({ who: admin.email, what: "Disabled the account" });
    expect(await db.auditEntry.count({ where: { targetId: user.id } })).toBe(1);
  });

  it("refuses to demote the last admin with a message, changing nothing", async () => {
    const admin = await makeUser({ role: "admin" });
    await db.user.updateMany({ where: { role: "admin", id: { not: admin.id } }, data: { role: "student" } });
    const cookie = await startSession(admin.id);
    const path = `/admin/users/${admin.id}`;
    const refused = asData(
      await adminUser.action({
        request: post(path, cookie, { intent: "role", role: "student" }),
        params: { id: admin.id },
        context,
      }),
    );
    expect(refused.init.status).toBe(409);
    expect(refused.data.formError).toMatch(/only enabled admin/);
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("admin");
    expect(await db.auditEntry.count({ where: { targetId: admin.id } })).toBe(0);
  });
});

describe("search pages", () => {
  it("lists matching accounts, and explains a malformed query instead of guessing", async () => {
    const admin = await makeUser({ role: "admin" });
    const cookie = await startSession(admin.id);
    const found = await makeUser({ name: "Marguerite Search-Target" });
    const listed = await adminUsers.loader({
      request: get("/admin/users?q=MARGUERITE&role=student&status=active", cookie),
      params: {},
      context,
    });
    expect(listed.errors).toBeNull();
    expect(listed.users.map((u) => u.id)).toEqual([found.id]);
    expect(listed.users[0]).toMatchObject({ role: "student", disabled: false, lastSeen: "Never" });

    const bad = await adminUsers.loader({ request: get("/admin/users?role=owner", cookie), params: {}, context });
    expect(bad.errors?.role).toEqual(["Choose a role from the list."]);
    expect(bad.users).toEqual([]);
  });

  it("filters the audit log by text and words each entry", async () => {
    const admin = await makeUser({ role: "admin" });
    const cookie = await startSession(admin.id);
    const user = await makeUser({ email: `audit-target-${Date.now()}@example.test` });
    await adminUser.action({
      request: post(`/admin/users/${user.id}`, cookie, { intent: "role", role: "instructor" }),
      params: { id: user.id },
      context,
    });
    const log = await adminAudit.loader({
      request: get(`/admin/audit?q=${encodeURIComponent(user.email.toUpperCase())}`, cookie),
      params: {},
      context,
    });
    expect(log.total).toBe(1);
    expect(log.entries[0]).toMatchObject({
      who: admin.email,
      what: "Changed the role",
      target: user.email,
      targetId: user.id,
      detail: "From student to instructor.",
    });
  });
});
