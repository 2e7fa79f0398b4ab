// Managing accounts (the admin area and the CLI share these functions), on a real database:
// search and paging, each action and its one audit entry, and the rule that the site always
// keeps an enabled admin, also when two admins act at the same moment.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser, TEST_PASSWORD } from "../../tests/factories/users.ts";
import { startTestSmtp, type TestSmtp } from "../../tests/support/smtp.ts";
import { logIn } from "~/auth/accounts.server.ts";
import { keyFor, reserve } from "~/auth/throttle.server.ts";
import { verifyPassword } from "~/auth/password.server.ts";
import { jobHandlers, jobRetries } from "~/jobs/handlers.server.ts";
import { runNextJob } from "~/jobs/worker.server.ts";
import { createAccountToken } from "~/models/account-token.server.ts";
import { ACCOUNT_ACTIONS } from "~/models/audit-actions.ts";
import type { AuditActor } from "~/models/audit.server.ts";
import { recordLoginFailure } from "~/models/login-failure.server.ts";
import { trustDevice } from "~/models/trusted-device.server.ts";
import { createUser } from "~/models/user.server.ts";
import { getUser, startSession } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { eraseAccount } from "~/models/account-erasure.server.ts";
import * as admin from "./users.server.ts";

const noWait = async () => {};
const actorOf = (user: { id: string; email: string }): AuditActor => ({ id: user.id, email: user.email });

/** Runs an action and checks it wrote exactly one audit entry, with this actor, action and target. */
async function audited<T>(
  expected: { actor: AuditActor; action: string; target: { id: string; email: string } },
  act: () => Promise<T>,
) {
  const before = await db.auditEntry.count();
  const result = await act();
  expect(await db.auditEntry.count()).toBe(before + 1);
  const entry = await db.auditEntry.findFirstOrThrow({ orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  expect(entry).toMatchObject({
    actorId: expected.actor === "server shell" ? null : expected.actor.id,
    actorLabel: expected.actor === "server shell" ? "server shell" : expected.actor.email,
    action: expected.action,
    targetId: expected.target.id,
    targetLabel: expected.target.email,
  });
  return { result, detail: entry.detail ? (JSON.parse(entry.detail) as Record<string, unknown>) : null };
}

/** Runs an action that must be refused, and checks it wrote nothing to the log. */
async function refusedSilently<T>(act: () => Promise<T>) {
  const before = await db.auditEntry.count();
  const result = await act();
  expect(await db.auditEntry.count()).toBe(before);
  return result;
}

const cookieRequest = (cookie: string) =>
  new Request("http://localhost/", { headers: { Cookie: cookie.split(";")[0] } });

/** Leaves `keep` as the only enabled admins (earlier tests made others). */
async function onlyAdmins(...keep: { id: string }[]) {
  await db.user.updateMany({
    where: { role: "admin", id: { notIn: keep.map((k) => k.id) } },
    data: { role: "student" },
  });
}

const enabledAdmins = () => db.user.count({ where: { role: "admin", disabledAt: null } });

describe("finding accounts", () => {
  it("matches name or email in any case, literally, one page at a time, filtered by role and status", async () => {
    const tag = `Quill${Date.now()}`;
    const made = [];
    for (let i = 0; i < 30; i++) {
      made.push(
        await createUser({
          email: `${tag.toLowerCase()}-${i}@example.test`,
          name: i % 2 ? `Ada ${tag.toUpperCase()} ${i}` : `Bo Person ${i}`,
          passwordHash: "not-a-real-hash",
          role: i < 3 ? "instructor" : "student",
        }),
      );
    }
    const first = await admin.findUsers({ q: tag.toLowerCase() }, 1);
    const second = await admin.findUsers({ q: tag.toLowerCase() }, 2);
    expect(first.total).toBe(30);
    expect(first.rows).toHaveLength(admin.USERS_PAGE_SIZE);
    expect(second.rows).toHaveLength(30 - admin.USERS_PAGE_SIZE);
    const ids = [...first.rows, ...second.rows].map((r) => r.id);
    expect(new Set(ids).size).toBe(30);
    expect(new Set(ids)).toEqual(new Set(made.map((m) => m.id)));

    // A name in capitals is found by lower case; "%" and "_" are characters, not wildcards.
    expect((await admin.findUsers({ q: `ada ${tag.toLowerCase()}` }, 1)).total).toBe(15);
    expect((await admin.findUsers({ q: `${tag}%` }, 1)).total).toBe(0);
    expect((await admin.findUsers({ q: `${tag.toLowerCase()}-1_` }, 1)).total).toBe(0);

    expect((await admin.findUsers({ q: tag, role: "instructor" }, 1)).total).toBe(3);
    await db.user.update({ where: { id: made[5].id }, data: { disabledAt: new Date() } });
    const disabled = await admin.findUsers({ q: tag, status: "disabled" }, 1);
    expect(disabled.rows.map((r) => r.id)).toEqual([made[5].id]);
    expect((await admin.findUsers({ q: tag, status: "active" }, 1)).total).toBe(29);
  });

  it("shows when an account was last seen: its latest session", async () => {
    const user = await makeUser();
    const [none] = (await admin.findUsers({ q: user.email }, 1)).rows;
    expect(none.lastSeenAt).toBeNull();
    await startSession(user.id);
    const seen = new Date("2030-01-02T03:04:05Z");
    await startSession(user.id);
    await db.session.updateMany({ where: { userId: user.id }, data: { lastSeenAt: new Date("2029-12-31T00:00:00Z") } });
    const newest = await db.session.findFirstOrThrow({ where: { userId: user.id } });
    await db.session.update({ where: { id: newest.id }, data: { lastSeenAt: seen } });
    const [row] = (await admin.findUsers({ q: user.email }, 1)).rows;
    expect(row.lastSeenAt?.toISOString()).toBe(seen.toISOString());
  });
});

describe("roles", () => {
  it("changes a role and audits the old and new role", async () => {
    const boss = await makeUser({ role: "admin" });
    const student = await makeUser();
    const { result, detail } = await audited(
      { actor: actorOf(boss), action: ACCOUNT_ACTIONS.roleChanged, target: student },
      () => admin.changeRole(actorOf(boss), student.id, "instructor"),
    );
    expect(result.ok).toBe(true);
    expect(detail).toEqual({ from: "student", to: "instructor" });
    expect((await db.user.findUniqueOrThrow({ where: { id: student.id } })).role).toBe("instructor");

    const same = await refusedSilently(() => admin.changeRole(actorOf(boss), student.id, "instructor"));
    expect(same).toMatchObject({ ok: false, reason: "unchanged" });
    const missing = await refusedSilently(() => admin.changeRole(actorOf(boss), "nosuchaccount000000000", "admin"));
    expect(missing).toMatchObject({ ok: false, reason: "not-found" });
  });

  it("never demotes or disables the last enabled admin", async () => {
    const only = await makeUser({ role: "admin" });
    await onlyAdmins(only);
    const demote = await refusedSilently(() => admin.changeRole("server shell", only.id, "instructor"));
    expect(demote).toEqual({ ok: false, reason: "last-admin", message: admin.LAST_ADMIN });
    const disable = await refusedSilently(() => admin.disable("server shell", only.id));
    expect(disable).toMatchObject({ ok: false, reason: "last-admin" });
    expect(await enabledAdmins()).toBe(1);

    // A disabled admin does not count: with the second admin disabled, the first is still the last.
    const second = await makeUser({ role: "admin" });
    await admin.disable(actorOf(only), second.id);
    expect(await admin.changeRole(actorOf(second), only.id, "student")).toMatchObject({ reason: "last-admin" });
    // With a second enabled admin, one of the two may step down.
    await admin.enable(actorOf(only), second.id);
    expect(await admin.changeRole(actorOf(second), only.id, "student")).toMatchObject({ ok: true });
    expect(await enabledAdmins()).toBe(1);
  });

  it("two admins demoting each other at the same moment leave one admin", async () => {
    const a = await makeUser({ role: "admin" });
    const b = await makeUser({ role: "admin" });
    await onlyAdmins(a, b);
    const results = await Promise.all([
      admin.changeRole(actorOf(a), b.id, "student"),
      admin.changeRole(actorOf(b), a.id, "student"),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "last-admin", message: admin.LAST_ADMIN }]);
    expect(await enabledAdmins()).toBe(1);

    // A demotion and a disabling racing each other: the same.
    const c = await makeUser({ role: "admin" });
    const [survivor] = await db.user.findMany({ where: { role: "admin", disabledAt: null, id: { not: c.id } } });
    const raced = await Promise.all([
      admin.disable(actorOf(c), survivor.id),
      admin.changeRole(actorOf(survivor), c.id, "instructor"),
    ]);
    expect(raced.filter((r) => r.ok)).toHaveLength(1);
    expect(await enabledAdmins()).toBe(1);
  });
});

describe("disabling", () => {
  it("ends the account's sessions, forgets its browsers, refuses sign-in, and is undone by enabling", async () => {
    const boss = await makeUser({ role: "admin" });
    const user = await makeUser();
    const cookie = await startSession(user.id);
    await startSession(user.id);
    await trustDevice(user.id);
    expect(await getUser(cookieRequest(cookie))).toMatchObject({ id: user.id });

    const { result, detail } = await audited(
      { actor: actorOf(boss), action: ACCOUNT_ACTIONS.disabled, target: user },
      () => admin.disable(actorOf(boss), user.id),
    );
    expect(result.ok).toBe(true);
    expect(detail).toEqual({ sessionsEnded: 2 });
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.trustedDevice.count({ where: { userId: user.id } })).toBe(0);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).disabledAt).not.toBeNull();
    // The browser that was signed in is now anonymous.
    expect(await getUser(cookieRequest(cookie))).toBeNull();
    const refused = await logIn({ email: user.email, password: TEST_PASSWORD, ip: "10.70.0.1", wait: noWait });
    expect(refused).toMatchObject({ ok: false, reason: "disabled" });
    expect(await refusedSilently(() => admin.disable(actorOf(boss), user.id))).toMatchObject({ reason: "already" });

    const enabled = await audited({ actor: actorOf(boss), action: ACCOUNT_ACTIONS.enabled, target: user }, () =>
      admin.enable(actorOf(boss), user.id),
    );
    expect(enabled.result.ok).toBe(true);
    expect(await logIn({ email: user.email, password: TEST_PASSWORD, ip: "10.70.0.1", wait: noWait })).toMatchObject({
      ok: true,
    });
    expect(await refusedSilently(() => admin.enable(actorOf(boss), user.id))).toMatchObject({ reason: "already" });
  });

  it("an admin cannot disable their own account", async () => {
    const boss = await makeUser({ role: "admin" });
    await makeUser({ role: "admin" });
    const result = await refusedSilently(() => admin.disable(actorOf(boss), boss.id));
    expect(result).toMatchObject({ ok: false, reason: "self" });
    expect((await db.user.findUniqueOrThrow({ where: { id: boss.id } })).disabledAt).toBeNull();
  });
});

describe("sessions and passwords", () => {
  it("signs an account out everywhere", async () => {
    const boss = await makeUser({ role: "admin" });
    const user = await makeUser();
    const cookies = [await startSession(user.id), await startSession(user.id)];
    const { result, detail } = await audited(
      { actor: actorOf(boss), action: ACCOUNT_ACTIONS.signedOut, target: user },
      () => admin.signOutEverywhere(actorOf(boss), user.id),
    );
    expect(result).toMatchObject({ ok: true, sessionsEnded: 2 });
    expect(detail).toEqual({ sessionsEnded: 2 });
    for (const cookie of cookies) expect(await getUser(cookieRequest(cookie))).toBeNull();
    // Only signed out: the password still works.
    expect(await logIn({ email: user.email, password: TEST_PASSWORD, ip: "10.70.0.2", wait: noWait })).toMatchObject({
      ok: true,
    });
  });

  it("sets a password: sessions end, reset links die, common passwords are refused", async () => {
    const user = await makeUser();
    const cookie = await startSession(user.id);
    await createAccountToken({ userId: user.id, kind: "password-reset", expiresAt: new Date(Date.now() + 3600_000) });
    const common = await refusedSilently(() => admin.setPassword("server shell", user.id, "password1234"));
    expect(common).toMatchObject({ ok: false, reason: "weak-password" });

    const { result } = await audited({ actor: "server shell", action: ACCOUNT_ACTIONS.passwordSet, target: user }, () =>
      admin.setPassword("server shell", user.id, "a brand new phrase"),
    );
    expect(result).toMatchObject({ ok: true, sessionsEnded: 1 });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(row.passwordHash, "a brand new phrase")).toBe(true);
    expect(await getUser(cookieRequest(cookie))).toBeNull();
    expect(await db.accountToken.count({ where: { userId: user.id, kind: "password-reset", usedAt: null } })).toBe(0);
  });

  it("unlocks sign-in: failures and the address's throttle are cleared, a disabled account enabled", async () => {
    const boss = await makeUser({ role: "admin" });
    const user = await makeUser();
    const now = new Date();
    for (let i = 0; i < 3; i++) {
      await reserve([{ throttle: "loginPerEmail", subject: user.email }], now);
      await recordLoginFailure(user.email, "10.70.0.3", now);
    }
    await admin.disable(actorOf(boss), user.id);
    const { result, detail } = await audited(
      { actor: "server shell", action: ACCOUNT_ACTIONS.unlocked, target: user },
      () => admin.unlock("server shell", user.id),
    );
    expect(result).toMatchObject({ ok: true, reEnabled: true });
    expect(detail).toEqual({ reEnabled: true });
    expect(await db.authThrottle.count({ where: { key: keyFor("loginPerEmail", user.email) } })).toBe(0);
    expect(await db.loginFailure.count({ where: { email: user.email } })).toBe(0);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).disabledAt).toBeNull();
  });
});

describe("password reset links from an admin", () => {
  let smtp: TestSmtp;
  const savedSmtp = process.env.SMTP_URL;
  beforeAll(async () => {
    smtp = await startTestSmtp();
    process.env.SMTP_URL = smtp.url;
  });
  afterAll(async () => {
    if (savedSmtp === undefined) delete process.env.SMTP_URL;
    else process.env.SMTP_URL = savedSmtp;
    await smtp.close();
  });

  it("queues the reset mail, which a worker delivers with a working link", async () => {
    const boss = await makeUser({ role: "admin" });
    const user = await makeUser();
    const { result } = await audited({ actor: actorOf(boss), action: ACCOUNT_ACTIONS.resetSent, target: user }, () =>
      admin.sendResetLink(actorOf(boss), user.id),
    );
    expect(result.ok).toBe(true);
    const job = await db.job.findFirstOrThrow({ where: { userId: user.id, kind: "send-mail" } });
    expect(job.status).toBe("queued");
    expect(await db.accountToken.count({ where: { userId: user.id, kind: "password-reset" } })).toBe(1);

    while (await runNextJob(jobHandlers, "admin-test", new Date(), jobRetries)) {
      /* deliver everything queued */
    }
    const mail = await smtp.waitFor(user.email);
    expect(mail.text).toContain("An administrator of Charted sent you a link");
    expect(mail.text).toMatch(/\/reset-password\?token=[A-Za-z0-9_-]{43}/);
  });

  it("sends no link to a disabled account", async () => {
    const boss = await makeUser({ role: "admin" });
    const user = await makeUser();
    await admin.disable(actorOf(boss), user.id);
    const result = await refusedSilently(() => admin.sendResetLink(actorOf(boss), user.id));
    expect(result).toMatchObject({ ok: false, reason: "disabled" });
    expect(await db.job.count({ where: { userId: user.id, kind: "send-mail" } })).toBe(0);
  });
});

describe("creating an admin", () => {
  it("creates a verified admin with preferences, audited; refuses a taken address and common passwords", async () => {
    const email = `first-admin-${Date.now()}@example.test`;
    const before = await db.auditEntry.count();
    const created = await admin.createAdmin("server shell", {
      email,
      name: "First Admin",
      password: "a strong phrase 9",
    });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(await db.auditEntry.count()).toBe(before + 1);
    const entry = await db.auditEntry.findFirstOrThrow({ where: { targetId: created.id } });
    expect(entry).toMatchObject({ actorLabel: "server shell", actorId: null, action: ACCOUNT_ACTIONS.created });
    const user = await db.user.findUniqueOrThrow({ where: { id: created.id }, include: { preferences: true } });
    expect(user).toMatchObject({ role: "admin", name: "First Admin" });
    expect(user.emailVerifiedAt).not.toBeNull();
    expect(user.preferences).not.toBeNull();

    const again = await refusedSilently(() =>
      admin.createAdmin("server shell", { email, name: "Again", password: "a strong phrase 9" }),
    );
    expect(again).toMatchObject({ ok: false, reason: "exists" });
    const common = await refusedSilently(() =>
      admin.createAdmin("server shell", { email: `x${email}`, name: "X", password: "password1234" }),
    );
    expect(common).toMatchObject({ ok: false, reason: "weak-password" });
  });

  it("leaves accounts their holders deleted out of the list and out of reach of every action", async () => {
    const boss = await makeUser({ role: "admin", name: "Erasure Boss" });
    const gone = await makeUser({ name: "Gone Gwen" });
    const erased = await eraseAccount(gone.id, { closeClasses: false, now: new Date() });
    expect(erased.ok).toBe(true);
    const listed = await admin.findUsers({ q: "deleted" }, 1);
    expect(listed.rows.map((r) => r.id)).not.toContain(gone.id);
    expect((await admin.findUsers({}, 1)).rows.map((r) => r.id)).not.toContain(gone.id);
    const actor = actorOf(boss);
    const before = await db.auditEntry.count();
    for (const result of [
      await admin.accountDetails(gone.id),
      await admin.changeRole(actor, gone.id, "instructor"),
      await admin.enable(actor, gone.id),
      await admin.signOutEverywhere(actor, gone.id),
      await admin.sendResetLink(actor, gone.id),
      await admin.unlock(actor, gone.id),
    ]) {
      expect(result).toMatchObject({ ok: false, reason: "not-found" });
    }
    expect(await db.auditEntry.count()).toBe(before);
    expect(await db.user.findUniqueOrThrow({ where: { id: gone.id } })).toMatchObject({ role: "student" });
  });
});
