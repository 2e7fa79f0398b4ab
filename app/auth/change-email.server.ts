// Changing an account's address: confirmed with the current password, then by a link sent to the
// NEW address (so nobody moves an account to an inbox they do not read), while the OLD address
// is told, in case it was not its owner asking. The request never says whether the new address
// has an account: following the link does, to whoever reads that inbox.
import {
  createAccountToken,
  findLiveToken,
  findPendingToken,
  revokeTokens,
  spendToken,
} from "~/models/account-token.server.ts";
import { changeEmail, findUserByEmail, findUserById } from "~/models/user.server.ts";
import { queueMail } from "~/mail/send.server.ts";
import { absoluteUrl } from "~/utils/app-url.server.ts";
import { verifyPassword } from "./password.server.ts";
import { waitMessage } from "./rate-limit.ts";
import { forget, reserve, waitOut } from "./throttle.server.ts";

export const CHANGE_EMAIL_TTL_MS = 24 * 3600_000;
export const CHANGE_EMAIL_PATH = "/change-email";

export type EmailChangeRequestResult =
  { ok: true; email: string } | { ok: false; field: "newEmail" | "currentPassword" | null; message: string };

export async function requestEmailChange(
  userId: string,
  input: { newEmail: string; currentPassword: string },
  opts: { now?: Date; wait?: (ms: number) => Promise<unknown> } = {},
): Promise<EmailChangeRequestResult> {
  const now = opts.now ?? new Date();
  // The same allowance as changing the password: a stolen session cannot guess it quickly.
  const check = await reserve([{ throttle: "passwordCheck", subject: userId }], now);
  if (!check.ok) {
    return { ok: false, field: "currentPassword", message: waitMessage("wrong current passwords", check.minutes) };
  }
  await waitOut(check, opts.wait);
  const user = await findUserById(userId);
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    return { ok: false, field: "currentPassword", message: "Your current password is not right." };
  }
  await forget("passwordCheck", userId);
  const newEmail = input.newEmail.toLowerCase();
  if (newEmail === user.email) return { ok: false, field: "newEmail", message: "That is already your address." };
  const allowance = await reserve([{ throttle: "emailChangePerUser", subject: userId }], now);
  if (!allowance.ok) return { ok: false, field: null, message: waitMessage("address changes", allowance.minutes) };
  // One pending change at a time: an earlier link stops working.
  await revokeTokens(userId, "change-email");
  const token = await createAccountToken({
    userId,
    kind: "change-email",
    email: newEmail,
    expiresAt: new Date(now.getTime() + CHANGE_EMAIL_TTL_MS),
  });
  await queueMail(
    {
      to: newEmail,
      subject: "Confirm your new email address for Charted",
      greeting: `Hello ${user.name},`,
      paragraphs: [`You asked to use this address for your Charted account instead of ${user.email}.`],
      action: { label: "Confirm my new address", url: absoluteUrl(CHANGE_EMAIL_PATH, { token }) },
      after: [
        "The link works once, for 24 hours. Until it is followed, your account keeps its current address.",
        "If you did not ask for this, ignore this email.",
      ],
      reason: "someone asked to move a Charted account to this address",
    },
    userId,
  );
  await queueMail(
    {
      to: user.email,
      subject: "Your Charted email address is being changed",
      greeting: `Hello ${user.name},`,
      paragraphs: [
        `Someone signed in to your Charted account asked to change its email address to ${newEmail}. The change happens when the link we sent to that address is followed.`,
      ],
      action: { label: "Reset your password", url: absoluteUrl("/forgot-password") },
      after: [
        "If this wasn't you, reset your password now: that signs everyone else out and cancels the change.",
        "If it was you, there is nothing to do here.",
      ],
      reason: "the address of the Charted account that uses this address is being changed",
    },
    userId,
  );
  return { ok: true, email: newEmail };
}

/** The account's change of address waiting for its link, if any. */
export async function pendingEmailChange(userId: string, now = new Date()) {
  const pending = await findPendingToken(userId, "change-email", now);
  return pending?.email ? { email: pending.email, expiresAt: pending.expiresAt } : null;
}

export async function cancelEmailChange(userId: string) {
  await revokeTokens(userId, "change-email");
}

/** The new address a live change link would move its account to (the page asks before it does). */
export async function emailChangeTarget(token: string, now = new Date()) {
  const row = await findLiveToken(token, "change-email", now);
  return row?.email ?? null;
}

export type EmailChangeResult =
  | { ok: true; userId: string; email: string }
  | { ok: false; reason: "invalid-link" }
  | { ok: false; reason: "taken"; email: string };

/** Follows a change link: the account moves to the new, now proven, address. */
export async function confirmEmailChange(token: string, now = new Date()): Promise<EmailChangeResult> {
  const row = await findLiveToken(token, "change-email", now);
  const user = row && (await findUserById(row.userId));
  if (!row?.email || !user || user.disabledAt) return { ok: false, reason: "invalid-link" };
  const email = row.email;
  const holder = await findUserByEmail(email);
  if (holder && holder.id !== user.id) return { ok: false, reason: "taken", email };
  if (!(await spendToken(token, "change-email", now))) return { ok: false, reason: "invalid-link" };
  if ((await changeEmail(user.id, email, now)) === "taken") return { ok: false, reason: "taken", email };
  // Links sent to the old address (a reset, a verification) no longer speak for this account.
  await Promise.all([
    revokeTokens(user.id, "password-reset"),
    revokeTokens(user.id, "verify-email"),
    revokeTokens(user.id, "change-email"),
  ]);
  return { ok: true, userId: user.id, email };
}
