import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server.ts";
import { makeUser, TEST_PASSWORD } from "../../tests/factories/users.ts";
import { changePassword, COMMON_PASSWORD, logIn, register, WRONG_CREDENTIALS } from "./accounts.server.ts";
import { verifyPassword } from "./password.server.ts";
import { THROTTLES } from "./rate-limit.ts";

const MAX_FAILURES_PER_EMAIL = THROTTLES.loginPerEmail.limit;

const noWait = async () => {};

describe("register", () => {
  it("creates a student with an argon2id hash and the browser's time zone", async () => {
    const result = await register({
      email: "new@example.test",
      name: "Nia",
      password: "a long enough phrase",
      timeZone: "America/Chicago",
      ip: "10.20.0.1",
    });
    expect(result.ok).toBe(true);
    const user = await db.user.findUniqueOrThrow({ where: { email: "new@example.test" } });
    expect(user.role).toBe("student");
    expect(user.timeZone).toBe("America/Chicago");
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user.passwordHash, "a long enough phrase")).toBe(true);
  });

  it("refuses a common password and writes nothing", async () => {
    const result = await register({
      email: "common@example.test",
      name: "C",
      password: "password1234",
      ip: "10.20.0.1",
    });
    expect(result).toEqual({ ok: false, field: "password", message: COMMON_PASSWORD });
    expect(await db.user.count({ where: { email: "common@example.test" } })).toBe(0);
  });

  it("refuses a second account for the same email", async () => {
    const existing = await makeUser();
    const result = await register({
      email: existing.email,
      name: "Again",
      password: "another long phrase",
      ip: "10.20.0.1",
    });
    expect(result.ok).toBe(false);
    expect(await db.user.count({ where: { email: existing.email } })).toBe(1);
  });

  it("falls back to UTC for an unknown time zone", async () => {
    await register({
      email: "tz@example.test",
      name: "T",
      password: "a long enough phrase",
      timeZone: "Mars/Olympus",
      ip: "10.20.0.1",
    });
    expect((await db.user.findUniqueOrThrow({ where: { email: "tz@example.test" } })).timeZone).toBe("UTC");
  });
});

describe("logIn", () => {
  it("accepts the right password", async () => {
    const user = await makeUser();
    expect(await logIn({ email: user.email, password: TEST_PASSWORD, ip: "10.0.0.1" })).toMatchObject({
      ok: true,
      userId: user.id,
    });
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
      await logIn({
        email: user.email,
        password: "wrong guess",
        ip: `10.1.0.${i}`,
        now: new Date(start.getTime() + i * 1000),
        wait: noWait,
      });
    }
    const blocked = await logIn({
      email: user.email,
      password: TEST_PASSWORD,
      ip: "10.9.9.9",
      now: new Date(start.getTime() + 60_000),
    });
    expect(blocked).toMatchObject({ ok: false, reason: "rate-limited", minutes: 14 });
    expect(blocked.ok === false && blocked.message).toBe("Too many failed sign-in attempts. Try again in 14 minutes.");
    const later = await logIn({
      email: user.email,
      password: TEST_PASSWORD,
      ip: "10.9.9.9",
      now: new Date(start.getTime() + 16 * 60_000),
    });
    expect(later).toMatchObject({ ok: true, userId: user.id });
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

describe("throttles under concurrency (the try is counted before the check)", () => {
  it("a burst of 200 parallel wrong sign-ins checks at most the limit of passwords, and the right one is then refused", async () => {
    const user = await makeUser();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        logIn({
          email: user.email,
          password: `wrong guess ${i}`,
          ip: `10.40.${Math.floor(i / 250)}.${i % 250}`,
          wait: noWait,
        }),
      ),
    );
    // Every checked wrong password is recorded as a failure: no more than the limit were checked.
    expect(await db.loginFailure.count({ where: { email: user.email } })).toBeLessThanOrEqual(
      THROTTLES.loginPerEmail.limit,
    );
    expect(results.filter((r) => !r.ok && r.reason === "rate-limited").length).toBeGreaterThanOrEqual(
      200 - THROTTLES.loginPerEmail.limit,
    );
    expect(await logIn({ email: user.email, password: TEST_PASSWORD, ip: "10.41.0.1" })).toMatchObject({
      ok: false,
      reason: "rate-limited",
    });
  });

  it("a classroom of 30 behind one address, each mistyping twice, still signs in", async () => {
    const students = await Promise.all(Array.from({ length: 30 }, () => makeUser()));
    for (const s of students) {
      await logIn({ email: s.email, password: "typo one", ip: "10.50.0.1", wait: noWait });
      await logIn({ email: s.email, password: "typo two", ip: "10.50.0.1", wait: noWait });
    }
    const results = await Promise.all(
      students.map((s) => logIn({ email: s.email, password: TEST_PASSWORD, ip: "10.50.0.1", wait: noWait })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
  });

  it("throttles the current-password check on the account page", async () => {
    const user = await makeUser();
    const guesses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        changePassword(user.id, `guess number ${i}`, "a brand new phrase", { wait: noWait }),
      ),
    );
    expect(guesses.filter((g) => !g.ok && /Too many/.test(g.message)).length).toBeGreaterThanOrEqual(
      50 - THROTTLES.passwordCheck.limit,
    );
    const right = await changePassword(user.id, TEST_PASSWORD, "a brand new phrase");
    expect(right).toMatchObject({
      ok: false,
      field: "currentPassword",
      message: expect.stringMatching(/^Too many wrong current passwords\. Try again in \d+ minutes?\.$/),
    });
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(stored.passwordHash, TEST_PASSWORD)).toBe(true);
  });

  it("throttles sign-ups per network address", async () => {
    const ip = "10.60.0.1";
    const limit = THROTTLES.signupPerAddress.limit;
    const made = await Promise.all(
      Array.from({ length: limit + 5 }, (_, i) =>
        register({ email: `burst-${i}@example.test`, name: "B", password: "a long enough phrase", ip }),
      ),
    );
    expect(made.filter((r) => r.ok).length).toBe(limit);
    expect(made.find((r) => !r.ok)).toMatchObject({
      field: null,
      reason: "rate-limited",
      message: expect.stringMatching(/^Too many new accounts from your network\. Try again in \d+ minutes?\.$/),
    });
    expect(await db.user.count({ where: { email: { startsWith: "burst-" } } })).toBe(limit);
  });
});

describe("progressive delay (before the password is checked, right or wrong)", () => {
  it("waits longer after each failure past the first three for an account, and a success wipes the slate", async () => {
    const user = await makeUser();
    const waits: number[] = [];
    const record = async (ms: number) => waits.push(ms);
    for (let i = 0; i < 6; i++)
      await logIn({ email: user.email, password: `wrong ${i}`, ip: `10.90.0.${i}`, wait: record });
    expect(waits).toEqual([250, 500, 1000]);
    // The right password waits too (an early answer would tell a guesser it was wrong)...
    expect(await logIn({ email: user.email, password: TEST_PASSWORD, ip: "10.90.1.1", wait: record })).toMatchObject({
      ok: true,
    });
    expect(waits).toEqual([250, 500, 1000, 2000]);
    // ...and then the account starts afresh.
    await logIn({ email: user.email, password: "one typo", ip: "10.90.1.1", wait: record });
    expect(waits).toHaveLength(4);
  });

  it("the current-password check slows down the same way", async () => {
    const user = await makeUser();
    const waits: number[] = [];
    for (let i = 0; i < 5; i++)
      await changePassword(user.id, `guess ${i}`, "a brand new phrase", { wait: async (ms) => waits.push(ms) });
    expect(waits).toEqual([250, 500]);
  });
});

describe("device cookies (the owner is never locked out by strangers)", () => {
  it("changing the password keeps this browser trusted and forgets the others", async () => {
    const user = await makeUser();
    const signIn = async (ip: string) => {
      const r = await logIn({ email: user.email, password: TEST_PASSWORD, ip });
      if (!r.ok) throw new Error(r.message);
      return r.deviceToken;
    };
    const mine = await signIn("10.95.0.1");
    const theirs = await signIn("10.95.0.2");
    expect(await db.trustedDevice.count({ where: { userId: user.id } })).toBe(2);
    expect(await changePassword(user.id, TEST_PASSWORD, "a brand new phrase", { deviceToken: mine })).toEqual({
      ok: true,
    });
    expect(await db.trustedDevice.count({ where: { userId: user.id } })).toBe(1);
    // The forgotten browser is a stranger again: strangers' lockout applies to it.
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        logIn({ email: user.email, password: `x ${i}`, ip: "198.51.100.9", wait: noWait }),
      ),
    );
    expect(
      await logIn({
        email: user.email,
        password: "a brand new phrase",
        ip: "10.95.0.2",
        deviceToken: theirs,
        wait: noWait,
      }),
    ).toMatchObject({ ok: false, reason: "rate-limited" });
    expect(
      await logIn({
        email: user.email,
        password: "a brand new phrase",
        ip: "10.95.0.1",
        deviceToken: mine,
        wait: noWait,
      }),
    ).toMatchObject({ ok: true, deviceToken: mine });
  });

  it("after strangers lock an account, the owner's browser that signed in before still gets in", async () => {
    const user = await makeUser();
    const first = await logIn({ email: user.email, password: TEST_PASSWORD, ip: "10.80.0.1" });
    if (!first.ok) throw new Error(first.message);
    const device = first.deviceToken;
    // A stranger's parallel burst of wrong passwords locks the account for untrusted clients.
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        logIn({ email: user.email, password: `guess ${i}`, ip: "198.51.100.7", wait: noWait }),
      ),
    );
    expect(await logIn({ email: user.email, password: TEST_PASSWORD, ip: "10.80.0.2" })).toMatchObject({
      reason: "rate-limited",
    });
    // The owner's own browser is not blocked...
    expect(
      await logIn({ email: user.email, password: TEST_PASSWORD, ip: "10.80.0.1", deviceToken: device }),
    ).toMatchObject({ ok: true, deviceToken: device });
    // ...but a device cookie is only good for its own account, and has its own small allowance.
    const other = await makeUser();
    expect(
      await logIn({ email: other.email, password: TEST_PASSWORD, ip: "10.80.0.3", deviceToken: device }),
    ).toMatchObject({ ok: true });
    const guesses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        logIn({ email: user.email, password: `mine ${i}`, ip: "10.80.0.1", deviceToken: device, wait: noWait }),
      ),
    );
    expect(guesses.filter((g) => !g.ok && g.reason === "invalid").length).toBeLessThanOrEqual(
      THROTTLES.loginPerTrustedDevice.limit,
    );
  });
});
