// Proving an address by email: the verification link (sent on sign-up, again on request) and,
// when sign-up hides which addresses have accounts, the notice to an address that already has
// one. A link names the address it was sent to: it proves nothing once the account moved on.
import { createAccountToken, findLiveToken, spendToken } from "~/models/account-token.server.ts";
import { findUserByEmail, findUserById, markEmailVerified } from "~/models/user.server.ts";
import { queueMail } from "~/mail/send.server.ts";
import { absoluteUrl } from "~/utils/app-url.server.ts";
import { waitMessage } from "./rate-limit.ts";
import { reserve } from "./throttle.server.ts";

export const VERIFY_LINK_TTL_MS = 24 * 3600_000;
export const VERIFY_PATH = "/verify-email";

type Recipient = { id: string; email: string; name: string };
type RateLimited = { ok: false; reason: "rate-limited"; minutes: number; message: string };

/** Creates a verification link for the account's current address and queues the email. */
export async function sendVerificationLink(user: Recipient, options: { now?: Date; newAccount?: boolean } = {}) {
  const now = options.now ?? new Date();
  const token = await createAccountToken({
    userId: user.id,
    kind: "verify-email",
    email: user.email,
    expiresAt: new Date(now.getTime() + VERIFY_LINK_TTL_MS),
  });
  await queueMail(
    {
      to: user.email,
      subject: "Confirm your email address for Charted",
      greeting: `Hello ${user.name},`,
      paragraphs: [
        options.newAccount
          ? "Thank you for creating a Charted account. Confirm that this address is yours to finish."
          : "Confirm that this address is yours, so you can always get back into your Charted account.",
      ],
      action: { label: "Confirm my address", url: absoluteUrl(VERIFY_PATH, { token }) },
      after: [
        "The link works once, for 24 hours.",
        options.newAccount
          ? "If you did not create a Charted account, ignore this email: without the link the account cannot be confirmed."
          : "If you did not ask for this, ignore this email.",
      ],
      reason: options.newAccount
        ? "someone created a Charted account with this address"
        : "someone asked to confirm the address of the Charted account that uses it",
    },
    user.id,
  );
}

/**
 * Sends the address's account a new verification link (the sign-in page's "send it again"). The
 * answer never depends on the account: unknown, verified and disabled accounts are sent nothing,
 * and so is an address past its allowance.
 */
export async function requestVerificationLink(input: {
  email: string;
  ip: string;
  now?: Date;
}): Promise<{ ok: true } | RateLimited> {
  const now = input.now ?? new Date();
  const byAddress = await reserve([{ throttle: "mailRequestsPerAddress", subject: input.ip }], now);
  if (!byAddress.ok) return rateLimited(byAddress.minutes);
  const email = input.email.toLowerCase();
  const byEmail = await reserve([{ throttle: "verifyLinkPerEmail", subject: email }], now);
  const user = await findUserByEmail(email);
  if (byEmail.ok && user && !user.disabledAt && !user.emailVerifiedAt) await sendVerificationLink(user, { now });
  return { ok: true };
}

/** The account page's "Send verification link": the owner is told plainly when they asked too often. */
export async function sendOwnVerificationLink(
  userId: string,
  now = new Date(),
): Promise<{ ok: true; email: string } | { ok: false; reason: "verified" | "not-found" } | RateLimited> {
  const user = await findUserById(userId);
  if (!user) return { ok: false, reason: "not-found" };
  if (user.emailVerifiedAt) return { ok: false, reason: "verified" };
  const reservation = await reserve([{ throttle: "verifyLinkPerEmail", subject: user.email }], now);
  if (!reservation.ok) return rateLimited(reservation.minutes);
  await sendVerificationLink(user, { now });
  return { ok: true, email: user.email };
}

/** Whether a verification link is still good (its page asks before it confirms). */
export async function verificationLinkIsLive(token: string, now = new Date()): Promise<boolean> {
  const row = await findLiveToken(token, "verify-email", now);
  const user = row && (await findUserById(row.userId));
  return Boolean(user && !user.disabledAt && user.email === row.email);
}

/** Follows a verification link: the account's address is confirmed (the route signs the browser in). */
export async function verifyEmail(
  token: string,
  now = new Date(),
): Promise<{ ok: true; userId: string } | { ok: false; reason: "invalid" }> {
  const used = await spendToken(token, "verify-email", now);
  if (!used) return { ok: false, reason: "invalid" };
  const user = await findUserById(used.userId);
  // A link sent to an address the account no longer uses proves nothing about the current one.
  if (!user || user.disabledAt || user.email !== used.email) return { ok: false, reason: "invalid" };
  await markEmailVerified(user.id, now);
  return { ok: true, userId: user.id };
}

/**
 * Sign-up with an address that already has an account: its owner hears about it (and how to get
 * in) instead of the form saying "taken". A few a day at most, so the form cannot flood an inbox.
 */
export async function sendSignupNotice(user: Recipient & { disabledAt: Date | null }, now = new Date()) {
  const reservation = await reserve([{ throttle: "signupNoticePerEmail", subject: user.email }], now);
  if (!reservation.ok || user.disabledAt) return;
  await queueMail(
    {
      to: user.email,
      subject: "Someone tried to create a Charted account with your address",
      greeting: `Hello ${user.name},`,
      paragraphs: [
        "Someone (perhaps you) tried to create a new Charted account with this email address. You already have an account, so no new one was made.",
      ],
      action: { label: "Log in to Charted", url: absoluteUrl("/login") },
      after: [
        `Forgot your password? Choose a new one here: ${absoluteUrl("/forgot-password")}`,
        "If this was not you, you can ignore this email: nothing changed in your account.",
      ],
      reason: "someone tried to create an account with this address",
    },
    user.id,
  );
}

function rateLimited(minutes: number): RateLimited {
  return { ok: false, reason: "rate-limited", minutes, message: waitMessage("requests for email links", minutes) };
}
