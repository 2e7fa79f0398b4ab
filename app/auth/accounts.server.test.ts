import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server.ts";
import { makeUser, TEST_PASSWORD } from "../../tests/factories/users.ts";
import { changePassword, COMMON_PASSWORD, logIn, register, WRONG_CREDENTIALS } from "./accounts.server.ts";
import { verifyPassword } from "./password.server.ts";
import { MAX_FAILURES_PER_EMAIL } from "./rate-limit.ts";

describe("register", () => {
  it("creates a student with an argon2id hash and the browser's time zone", async () => {
    const result = await register({ email: "new@example.test", name: "Nia", password: "a long enough phrase", timeZone: "America/Chicago" });
    expect(result.ok).toBe(true);
    const user = await db.user.findUniqueOrThrow({ where: { email: "new@example.test" } });
    expect(user.role).toBe("student");
    expect(user.timeZone).toBe("America/Chicago");
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user.passwordHash, "a long enough phrase")).toBe(true);
  });

  it("refuses a common password and writes nothing", async () => {
    const result = await register({ email: "common@example.test", name: "C", password: "password1234" });
    expect(result).toEqual({ ok: false, field: "password", message: COMMON_PASSWORD });
    expect(await db.user.count({ where: { email: "common@example.test" } })).toBe(0);
  });

  it("refuses a second account for the same email", async () => {
    const existing = await makeUser();
    const result = await register({ email: existing.email, name: "Again", password: "another long phrase" });
    expect(result.ok).toBe(false);
    expect(await db.user.count({ where: { email: existing.email } })).toBe(1);
  });

  it("falls back to UTC for an unknown time zone", async () => {
    await register({ email: "tz@example.test", name: "T", password: "a long enough phrase", timeZone: "Mars/Olympus" });
    expect((await db.user.findUniqueOrThrow({ where: { email: "tz@example.test" } })).timeZone).toBe("UTC");
  });
});

describe("logIn", () => {
  it("accepts the right password", async () => {
    const user = await makeUser();
    expect(await logIn({ email: user.email, password: TEST_PASSWORD, ip: "10.0.0.1" })).toEqual({ ok: true, userId: user.id });
  });

  it("says the same thing for an unknown email and a wrong password", async () => {
    const user = await makeUser();
    const wrong = await logIn({ email: user.email, password: "not the password", ip: "10.0.0.2" });
    const unknown = await logIn({ email: "nobody@example.test", password: "whatever it is", ip: "10.0.0.2" });
    expect(wrong).toEqual({ ok: false, reason: "invalid", message: WRONG_CREDENTIALS });
    expect(unknown).toEqual(wrong);
  });

  it("locks an email after repeated failures, even with the right password, and says for how long", async () => {
    const user = await makeUser();
    const start = new Date("2026-05-01T10:00:00Z");
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      await logIn({ email: user.email, password: "wrong guess", ip: `10.1.0.${i}`, now: new Date(start.getTime() + i * 1000) });
    }
    const blocked = await logIn({ email: user.email, password: TEST_PASSWORD, ip: "10.9.9.9", now: new Date(start.getTime() + 60_000) });
    expect(blocked).toMatchObject({ ok: false, reason: "rate-limited", minutes: 14 });
    expect(blocked.ok === false && blocked.message).toBe("Too many failed sign-in attempts. Try again in 14 minutes.");
    const later = await logIn({ email: user.email, password: TEST_PASSWORD, ip: "10.9.9.9", now: new Date(start.getTime() + 16 * 60_000) });
    expect(later).toEqual({ ok: true, userId: user.id });
    expect(await db.loginFailure.count({ where: { email: user.email } })).toBe(0);
  });
});

describe("changePassword", () => {
  it("requires the current password", async () => {
    const user = await makeUser();
    const result = await changePassword(user.id, "not my password", "a brand new phrase");
    expect(result).toMatchObject({ ok: false, field: "currentPassword" });
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(stored.passwordHash, TEST_PASSWORD)).toBe(true);
  });

  it("stores the new password", async () => {
    const user = await makeUser();
    expect(await changePassword(user.id, TEST_PASSWORD, "a brand new phrase")).toEqual({ ok: true });
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(stored.passwordHash, "a brand new phrase")).toBe(true);
  });
});
