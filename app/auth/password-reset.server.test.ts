// Account recovery and email ownership end to end, with mail delivered by the job worker to a
// real SMTP server: the links are taken from the messages and followed through the routes'
// loaders and actions, as a browser would.
import type { ParsedMail } from "mailparser";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { makeUser, TEST_PASSWORD } from "../../tests/factories/users.ts";
import { startTestSmtp, type TestSmtp } from "../../tests/support/smtp.ts";
import { jobHandlers, jobRetries } from "~/jobs/handlers.server.ts";
import { runNextJob } from "~/jobs/worker.server.ts";
import { findPendingToken } from "~/models/account-token.server.ts";
import * as accountRoute from "~/routes/account.tsx";
import * as changeEmailRoute from "~/routes/change-email.tsx";
import * as forgotRoute from "~/routes/forgot-password.tsx";
import * as loginRoute from "~/routes/login.tsx";
import * as registerRoute from "~/routes/register.tsx";
import * as resetRoute from "~/routes/reset-password.tsx";
import * as verifyRoute from "~/routes/verify-email.tsx";
import { currentSessionStoredId, getUser, startSession } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { changePassword, EMAIL_NOT_VERIFIED, logIn, register } from "./accounts.server.ts";
import { verifyPassword } from "./password.server.ts";
import { requestPasswordReset, resetPassword } from "./password-reset.server.ts";
import { THROTTLES } from "./rate-limit.ts";

const NEW_PASSWORD = "a fresh evening phrase";
const noWait = async () => {};
let ipCounter = 0;
/** A network address of its own for each test, so per-address throttles do not carry over. */
const freshIp = () => `198.51.100.${++ipCounter}`;

type RouteArgs = { request: Request; params: Record<string, string>; context: { clientIp: string } };
type Handler = (args: RouteArgs) => Promise<unknown>;

/** Calls a loader or action as Remix would; a thrown Response (a redirect) is returned. */
async function call(handler: Handler, request: Request, ip = "203.0.113.1"): Promise<unknown> {
  try {
    return await handler({ request, params: {}, context: { clientIp: ip } });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const get = (url: string, cookie?: string) =>
  new Request(new URL(url, "http://localhost"), { headers: cookie ? { Cookie: cookie } : {} });

function post(url: string, fields: Record<string, string>, cookie?: string) {
  const headers = new Headers({ "content-type": "application/x-www-form-urlencoded" });
  if (cookie) headers.set("Cookie", cookie);
  return new Request(new URL(url, "http://localhost"), { method: "POST", headers, body: new URLSearchParams(fields) });
}

/** A redirect's target and the session cookie it sets (name=value), if any. */
function redirected(result: unknown) {
  expect(result).toBeInstanceOf(Response);
  const response = result as Response;
  expect(response.status).toBe(302);
  const session = response.headers.getSetCookie().find((c) => c.startsWith("charted_session="));
  return { location: response.headers.get("Location"), cookie: session?.split(";")[0] ?? null };
}

/** The body and status of a `data()` answer. */
function answer(result: unknown) {
  expect(result).not.toBeInstanceOf(Response);
  const { data, init } = result as { data: Record<string, unknown>; init?: { status?: number } | null };
  return { ...data, status: init?.status ?? 200 };
}

const cookieOf = async (userId: string, userAgent?: string) =>
  (await startSession(userId, { userAgent, ip: "192.0.2.7" })).split(";")[0];

describe("account mail", () => {
  let smtp: TestSmtp;
  const saved = { SMTP_URL: process.env.SMTP_URL, REQUIRE_EMAIL_VERIFICATION: process.env.REQUIRE_EMAIL_VERIFICATION };

  beforeAll(async () => {
    smtp = await startTestSmtp();
  });
  afterAll(async () => {
    await smtp.close();
  });
  // Every test starts with mail configured and verification optional.
  afterEach(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });
  const useSmtp = () => {
    process.env.SMTP_URL = smtp.url;
    delete process.env.REQUIRE_EMAIL_VERIFICATION;
  };

  /** Runs the job worker until the queue is empty: queued mail reaches the SMTP server. */
  async function deliverMail() {
    while (await runNextJob(jobHandlers, "test", new Date(), jobRetries)) {
      /* next job */
    }
  }

  const mailsTo = (address: string) =>
    smtp.received.filter((mail) =>
      (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).some((a) =>
        a.value.some((v) => v.address === address),
      ),
    );

  function lastMailTo(address: string): ParsedMail {
    const mail = mailsTo(address).at(-1);
    if (!mail) throw new Error(`no mail to ${address}`);
    return mail;
  }

  /** The link to `path` in a message (both parts carry it; the text part is plain). */
  function linkIn(mail: ParsedMail, path: string): string {
    const link = (mail.text ?? "").match(new RegExp(`https?://\\S+${path}\\?token=[A-Za-z0-9_-]+`))?.[0];
    if (!link) throw new Error(`no ${path} link in "${mail.subject}"`);
    expect(mail.html || "").toContain(link);
    return link;
  }

  describe("password reset", () => {
    it("mails a link that sets a new password, signs this browser in and every other one out", async () => {
      useSmtp();
      const user = await makeUser();
      const otherDevice = await cookieOf(user.id);
      const ip = freshIp();

      const requested = redirected(await call(forgotRoute.action, post("/forgot-password", { email: user.email }), ip));
      expect(requested.location).toBe("/forgot-password?sent=1");
      await deliverMail();
      const mail = lastMailTo(user.email);
      expect(mail.subject).toBe("Reset your Charted password");
      const link = linkIn(mail, "/reset-password");

      // The page opens with the form, and tells browsers to send no Referer from it.
      expect(await call(resetRoute.loader, get(link))).toEqual({ token: new URL(link).searchParams.get("token") });
      expect(new Headers(resetRoute.headers({} as never)).get("Referrer-Policy")).toBe("no-referrer");

      const token = new URL(link).searchParams.get("token")!;
      const form = { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD };
      const done = redirected(await call(resetRoute.action, post(link, form), ip));
      expect(done.location).toBe("/account?done=password-reset");
      expect(done.cookie).toBeTruthy();

      // This browser is signed in; the other device is not, and only this session is left.
      expect((await getUser(get("/account", done.cookie!)))?.id).toBe(user.id);
      expect(await getUser(get("/account", otherDevice))).toBeNull();
      expect(await db.session.count({ where: { userId: user.id } })).toBe(1);
      const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
      expect(stored.emailVerifiedAt).not.toBeNull();

      expect(await logIn({ email: user.email, password: NEW_PASSWORD, ip: freshIp() })).toMatchObject({ ok: true });
      expect(await logIn({ email: user.email, password: TEST_PASSWORD, ip: freshIp(), wait: noWait })).toMatchObject({
        ok: false,
        reason: "invalid",
      });

      // The link worked once.
      expect(await call(resetRoute.loader, get(link))).toEqual({ token: null });
      const again = answer(
        await call(
          resetRoute.action,
          post(link, { ...form, password: "yet another phrase", confirmPassword: "yet another phrase" }),
        ),
      );
      expect(again).toMatchObject({ status: 400, expired: true });
      expect(
        await verifyPassword((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash, NEW_PASSWORD),
      ).toBe(true);
    });

    it("answers an unknown address exactly like a known one, and mails nothing to it", async () => {
      useSmtp();
      const known = await makeUser();
      const unknown = `nobody-${Date.now()}@example.test`;
      const ip = freshIp();
      const tokensBefore = await db.accountToken.count();
      const forKnown = redirected(await call(forgotRoute.action, post("/forgot-password", { email: known.email }), ip));
      const forUnknown = redirected(await call(forgotRoute.action, post("/forgot-password", { email: unknown }), ip));
      expect(forUnknown).toEqual(forKnown);
      await deliverMail();
      expect(mailsTo(known.email)).toHaveLength(1);
      expect(mailsTo(unknown)).toHaveLength(0);
      expect(await db.accountToken.count()).toBe(tokensBefore + 1);
    });

    it("sends nothing to a disabled account", async () => {
      useSmtp();
      const user = await makeUser();
      await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
      expect(await requestPasswordReset({ email: user.email, ip: freshIp() })).toEqual({ ok: true });
      await deliverMail();
      expect(mailsTo(user.email)).toHaveLength(0);
    });

    it("refuses an expired link, a tampered one, and keeps a link good when the new password is refused", async () => {
      useSmtp();
      const user = await makeUser();
      await requestPasswordReset({ email: user.email, ip: freshIp() });
      await deliverMail();
      const link = linkIn(lastMailTo(user.email), "/reset-password");
      const token = new URL(link).searchParams.get("token")!;

      // Tampered: one character changed.
      const tampered = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
      expect(await call(resetRoute.loader, get(`/reset-password?token=${tampered}`))).toEqual({ token: null });
      const refused = answer(
        await call(
          resetRoute.action,
          post("/reset-password", { token: tampered, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
        ),
      );
      expect(refused).toMatchObject({ status: 400, expired: true });

      // A common password is refused next to its field, and the link still works.
      const common = answer(
        await call(resetRoute.action, post(link, { token, password: "password1234", confirmPassword: "password1234" })),
      );
      expect(common).toMatchObject({
        status: 400,
        expired: false,
        fieldErrors: { password: [expect.stringMatching(/too common/)] },
      });
      expect(await call(resetRoute.loader, get(link))).toEqual({ token });

      // Expired: an hour and a minute later.
      const later = new Date(Date.now() + 61 * 60_000);
      expect(await resetPassword({ token, password: NEW_PASSWORD, now: later })).toEqual({
        ok: false,
        reason: "invalid-link",
      });
      const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
      expect(await verifyPassword(stored.passwordHash, TEST_PASSWORD)).toBe(true);
    });

    it("limits mails per address silently and requests per network address openly", async () => {
      useSmtp();
      const user = await makeUser();
      const ip = freshIp();
      const start = new Date();
      for (let i = 0; i < THROTTLES.resetPerEmail.limit + 2; i++) {
        const at = new Date(start.getTime() + i * 1000);
        expect(await requestPasswordReset({ email: user.email, ip, now: at })).toEqual({ ok: true });
      }
      await deliverMail();
      expect(mailsTo(user.email)).toHaveLength(THROTTLES.resetPerEmail.limit);

      const busyIp = freshIp();
      for (let i = 0; i < THROTTLES.mailRequestsPerAddress.limit; i++) {
        const email = `stranger-${i}-${Date.now()}@example.test`;
        expect(await requestPasswordReset({ email, ip: busyIp })).toEqual({ ok: true });
      }
      const blocked = answer(await call(forgotRoute.action, post("/forgot-password", { email: user.email }), busyIp));
      expect(blocked).toMatchObject({
        status: 429,
        formError: "Too many requests for email links. Try again in 15 minutes.",
      });
    });

    it("changing the password on the account page kills outstanding reset links", async () => {
      useSmtp();
      const user = await makeUser();
      await requestPasswordReset({ email: user.email, ip: freshIp() });
      await deliverMail();
      const link = linkIn(lastMailTo(user.email), "/reset-password");
      expect(await changePassword(user.id, TEST_PASSWORD, NEW_PASSWORD, { wait: noWait })).toEqual({ ok: true });
      expect(await call(resetRoute.loader, get(link))).toEqual({ token: null });
      const token = new URL(link).searchParams.get("token")!;
      expect(await resetPassword({ token, password: "an attacker's phrase" })).toEqual({
        ok: false,
        reason: "invalid-link",
      });
    });
  });

  describe("sign-up with mail configured", () => {
    const signUp = (email: string, ip = freshIp()) =>
      call(
        registerRoute.action,
        post("/register", { name: "Nova Reader", email, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
        ip,
      );

    it("mails a new address a link that confirms it and signs the browser in", async () => {
      useSmtp();
      const email = `new-${Date.now()}@example.test`;
      const page = redirected(await signUp(email));
      expect(page).toEqual({ location: "/register?check=email", cookie: null });
      const created = await db.user.findUniqueOrThrow({ where: { email } });
      expect(created.emailVerifiedAt).toBeNull();

      await deliverMail();
      const link = linkIn(lastMailTo(email), "/verify-email");
      const token = new URL(link).searchParams.get("token")!;
      // Opening the link only asks (mail scanners open links): nothing is confirmed yet.
      expect(await call(verifyRoute.loader, get(link))).toEqual({ token });
      expect((await db.user.findUniqueOrThrow({ where: { email } })).emailVerifiedAt).toBeNull();

      const confirmed = redirected(await call(verifyRoute.action, post(link, { token })));
      expect(confirmed.location).toBe("/account?done=email-verified");
      expect((await getUser(get("/", confirmed.cookie!)))?.id).toBe(created.id);
      expect((await db.user.findUniqueOrThrow({ where: { email } })).emailVerifiedAt).not.toBeNull();
      expect(answer(await call(verifyRoute.action, post(link, { token })))).toMatchObject({
        status: 400,
        expired: true,
      });
    });

    it("answers a taken address with the same page and tells its owner instead", async () => {
      useSmtp();
      const owner = await makeUser();
      const fresh = redirected(await signUp(`other-${Date.now()}@example.test`));
      const taken = redirected(await signUp(owner.email));
      expect(taken).toEqual(fresh);
      expect(await db.user.count({ where: { email: owner.email } })).toBe(1);
      const stored = await db.user.findUniqueOrThrow({ where: { id: owner.id } });
      expect(await verifyPassword(stored.passwordHash, TEST_PASSWORD)).toBe(true);

      await deliverMail();
      const notice = lastMailTo(owner.email);
      expect(notice.subject).toBe("Someone tried to create a Charted account with your address");
      expect(notice.text).toMatch(/https?:\/\/\S+\/login\b/);
      expect(notice.text).toMatch(/https?:\/\/\S+\/forgot-password\b/);
    });

    it("without mail (and without required verification) signs up at once and says when an address is taken", async () => {
      delete process.env.SMTP_URL;
      delete process.env.REQUIRE_EMAIL_VERIFICATION;
      const owner = await makeUser();
      const result = await register({
        email: `instant-${Date.now()}@example.test`,
        name: "I",
        password: NEW_PASSWORD,
        ip: freshIp(),
      });
      expect(result).toMatchObject({ ok: true, userId: expect.any(String) });
      const taken = await register({ email: owner.email, name: "I", password: NEW_PASSWORD, ip: freshIp() });
      expect(taken).toMatchObject({ ok: false, field: "email" });
    });

    it("with verification required, an unconfirmed account is told so after the right password only, and can get a new link", async () => {
      useSmtp();
      process.env.REQUIRE_EMAIL_VERIFICATION = "true";
      const email = `unconfirmed-${Date.now()}@example.test`;
      await signUp(email);
      await deliverMail();
      expect(mailsTo(email)).toHaveLength(1);

      const wrong = await logIn({ email, password: "not the password", ip: freshIp(), wait: noWait });
      expect(wrong).toMatchObject({ ok: false, reason: "invalid" });
      const right = answer(await call(loginRoute.action, post("/login", { email, password: NEW_PASSWORD }), freshIp()));
      expect(right).toMatchObject({ status: 400, formError: EMAIL_NOT_VERIFIED, unverified: true });

      const resent = redirected(
        await call(loginRoute.action, post("/login", { intent: "resend-verification", email }), freshIp()),
      );
      expect(resent.location).toBe("/login?sent=verification");
      // The same answer for an address with no account.
      const unknown = redirected(
        await call(
          loginRoute.action,
          post("/login", { intent: "resend-verification", email: `x-${email}` }),
          freshIp(),
        ),
      );
      expect(unknown).toEqual(resent);
      await deliverMail();
      expect(mailsTo(email)).toHaveLength(2);
      expect(mailsTo(`x-${email}`)).toHaveLength(0);

      const link = linkIn(lastMailTo(email), "/verify-email");
      redirected(await call(verifyRoute.action, post(link, { token: new URL(link).searchParams.get("token")! })));
      expect(await logIn({ email, password: NEW_PASSWORD, ip: freshIp() })).toMatchObject({ ok: true });
    });
  });

  describe("change of address", () => {
    it("confirms by a link to the new address, tells the old one, and moves the account when followed", async () => {
      useSmtp();
      const user = await makeUser();
      const cookie = await cookieOf(user.id);
      const newEmail = `moved-${Date.now()}@example.test`;

      const wrong = answer(
        await call(
          accountRoute.action,
          post("/account", { intent: "change-email", newEmail, currentPassword: "not my password" }, cookie),
        ),
      );
      expect(wrong).toMatchObject({
        status: 400,
        intent: "change-email",
        fieldErrors: { currentPassword: [expect.any(String)] },
      });
      expect(await findPendingToken(user.id, "change-email", new Date())).toBeNull();

      const asked = redirected(
        await call(
          accountRoute.action,
          post(
            "/account",
            { intent: "change-email", newEmail: newEmail.toUpperCase(), currentPassword: TEST_PASSWORD },
            cookie,
          ),
        ),
      );
      expect(asked.location).toBe("/account?done=email-change-sent");
      const page = (await call(accountRoute.loader, get("/account", cookie))) as Awaited<
        ReturnType<typeof accountRoute.loader>
      >;
      expect(page.pendingEmail?.email).toBe(newEmail);

      await deliverMail();
      const notice = lastMailTo(user.email);
      expect(notice.subject).toBe("Your Charted email address is being changed");
      expect(notice.text).toContain(newEmail);
      const link = linkIn(lastMailTo(newEmail), "/change-email");
      const token = new URL(link).searchParams.get("token")!;
      expect(await call(changeEmailRoute.loader, get(link))).toEqual({ token, email: newEmail });

      const moved = redirected(await call(changeEmailRoute.action, post(link, { token })));
      expect(moved.location).toBe("/account?done=email-changed");
      const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
      expect(stored.email).toBe(newEmail);
      expect(stored.emailVerifiedAt).not.toBeNull();
      expect(await logIn({ email: newEmail, password: TEST_PASSWORD, ip: freshIp() })).toMatchObject({ ok: true });
      expect(answer(await call(changeEmailRoute.action, post(link, { token })))).toMatchObject({ expired: true });
    });

    it("says clearly when the new address was taken before the link was followed", async () => {
      useSmtp();
      const user = await makeUser();
      const cookie = await cookieOf(user.id);
      const newEmail = `contested-${Date.now()}@example.test`;
      await call(
        accountRoute.action,
        post("/account", { intent: "change-email", newEmail, currentPassword: TEST_PASSWORD }, cookie),
      );
      await deliverMail();
      const link = linkIn(lastMailTo(newEmail), "/change-email");
      await makeUser({ email: newEmail });
      const refused = answer(
        await call(changeEmailRoute.action, post(link, { token: new URL(link).searchParams.get("token")! })),
      );
      expect(refused).toMatchObject({ status: 409, message: expect.stringContaining(newEmail) });
      expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(user.email);
    });
  });

  describe("signed-in devices", () => {
    it("lists the account's sessions in plain words and signs out one of them, never another account's", async () => {
      const user = await makeUser();
      const stranger = await makeUser();
      const here = await cookieOf(
        user.id,
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
      );
      const phone = await cookieOf(
        user.id,
        "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36",
      );
      const strangers = await cookieOf(stranger.id);

      const page = (await call(accountRoute.loader, get("/account", here))) as Awaited<
        ReturnType<typeof accountRoute.loader>
      >;
      expect(page.devices.map((d) => [d.device, d.current, d.ip])).toEqual([
        ["Chrome on Linux", true, "192.0.2.7"],
        ["Chrome on Android", false, "192.0.2.7"],
      ]);

      // Another account's session id matches nothing, and that session lives on.
      const strangerId = (await currentSessionStoredId(get("/", strangers)))!;
      const refused = answer(
        await call(accountRoute.action, post("/account", { intent: "sign-out-device", sessionId: strangerId }, here)),
      );
      expect(refused).toMatchObject({ status: 404 });
      expect((await getUser(get("/", strangers)))?.id).toBe(stranger.id);

      const phoneId = (await currentSessionStoredId(get("/", phone)))!;
      const signedOut = redirected(
        await call(accountRoute.action, post("/account", { intent: "sign-out-device", sessionId: phoneId }, here)),
      );
      expect(signedOut.location).toBe("/account?done=device-signed-out");
      expect(await getUser(get("/", phone))).toBeNull();
      expect((await getUser(get("/", here)))?.id).toBe(user.id);
    });

    it("signs out every other device and keeps this one", async () => {
      const user = await makeUser();
      const stranger = await makeUser();
      const here = await cookieOf(user.id);
      const others = [await cookieOf(user.id), await cookieOf(user.id)];
      const strangers = await cookieOf(stranger.id);
      const result = redirected(await call(accountRoute.action, post("/account", { intent: "sign-out-others" }, here)));
      expect(result.location).toBe("/account?done=others-signed-out");
      for (const cookie of others) expect(await getUser(get("/", cookie))).toBeNull();
      expect((await getUser(get("/", here)))?.id).toBe(user.id);
      expect((await getUser(get("/", strangers)))?.id).toBe(stranger.id);
    });
  });
});
