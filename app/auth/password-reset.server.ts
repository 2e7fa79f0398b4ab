// Password reset by email: a one-time link (random token, stored hashed) that lasts an hour and
// dies when used, when the password changes or when the address does. The request form and the
// reset form are routes forgot-password and reset-password; admins send the same link from the
// admin area.
import { createAccountToken, findLiveToken, revokeTokens, spendToken } from "~/models/account-token.server.ts";
import { deleteSessionsOf } from "~/models/session-record.server.ts";
import { deviceOwner, revokeOtherDevices, trustDevice } from "~/models/trusted-device.server.ts";
import { findUserByEmail, findUserById, markEmailVerified, setPasswordHash } from "~/models/user.server.ts";
import { queueMail } from "~/mail/send.server.ts";
import { absoluteUrl } from "~/utils/app-url.server.ts";
import { COMMON_PASSWORD } from "./accounts.server.ts";
import { hashPassword, isCommonPassword } from "./password.server.ts";
import { waitMessage } from "./rate-limit.ts";
import { forget, reserve } from "./throttle.server.ts";

export const RESET_LINK_TTL_MS = 60 * 60_000;
export const RESET_PATH = "/reset-password";

/** Creates a reset link for the account and queues the email that carries it. */
export async function sendPasswordReset(
  user: { id: string; email: string; name: string },
  options: { now?: Date; byAdmin?: boolean } = {},
): Promise<void> {
  const now = options.now ?? new Date();
  const token = await createAccountToken({
    userId: user.id,
    kind: "password-reset",
    expiresAt: new Date(now.getTime() + RESET_LINK_TTL_MS),
  });
  await queueMail(
    {
      to: user.email,
      subject: "Reset your Charted password",
      greeting: `Hello ${user.name},`,
      paragraphs: [
        options.byAdmin
          ? "An administrator of Charted sent you a link to choose a new password for your account."
          : "Someone (we hope you) asked to reset the password of your Charted account.",
      ],
      action: { label: "Choose a new password", url: absoluteUrl(RESET_PATH, { token }) },
      after: [
        "The link works once, for one hour. Choosing a new password signs you out on every other device.",
        "If you did not ask for this, ignore this email: your password stays as it is.",
      ],
      reason: options.byAdmin
        ? "an administrator sent a password reset for this account"
        : "someone asked to reset the password of the account with this address",
    },
    user.id,
  );
}

export type ResetRequestResult = { ok: true } | { ok: false; reason: "rate-limited"; minutes: number; message: string };

/**
 * "Forgot password?": the answer is the same whether or not an account uses the address (and
 * the mail itself goes out later, from the job queue). Too many requests from one network
 * address are refused openly; too many for one address are answered the same but send nothing.
 */
export async function requestPasswordReset(input: {
  email: string;
  ip: string;
  now?: Date;
}): Promise<ResetRequestResult> {
  const now = input.now ?? new Date();
  const byAddress = await reserve([{ throttle: "mailRequestsPerAddress", subject: input.ip }], now);
  if (!byAddress.ok) {
    return {
      ok: false,
      reason: "rate-limited",
      minutes: byAddress.minutes,
      message: waitMessage("requests for email links", byAddress.minutes),
    };
  }
  const email = input.email.toLowerCase();
  const byEmail = await reserve([{ throttle: "resetPerEmail", subject: email }], now);
  const user = await findUserByEmail(email);
  // A disabled account gets no link: a new password would not let it in.
  if (byEmail.ok && user && !user.disabledAt) await sendPasswordReset(user, { now });
  return { ok: true };
}

/** Whether a reset link is still good (the reset page shows its form or "request a new one"). */
export async function resetLinkIsLive(token: string, now = new Date()): Promise<boolean> {
  const row = await findLiveToken(token, "password-reset", now);
  if (!row) return false;
  const user = await findUserById(row.userId);
  return Boolean(user && !user.disabledAt);
}

export type ResetPasswordResult =
  | { ok: true; userId: string; deviceToken: string }
  | { ok: false; reason: "invalid-link" }
  | { ok: false; reason: "common-password"; message: string };

/**
 * Sets a new password through a reset link. The link is used up in one conditional update (two
 * tabs cannot both use it); every other reset link and any pending change of address die, every
 * session ends and every other trusted browser is forgotten: whoever knew the old password is
 * out. The route then signs this browser in. Following the link also proves the address.
 */
export async function resetPassword(input: {
  token: string;
  password: string;
  deviceToken?: string | null;
  now?: Date;
}): Promise<ResetPasswordResult> {
  const now = input.now ?? new Date();
  // Bad input changes nothing: the link stays good for a second try.
  if (isCommonPassword(input.password)) return { ok: false, reason: "common-password", message: COMMON_PASSWORD };
  if (!(await resetLinkIsLive(input.token, now))) return { ok: false, reason: "invalid-link" };
  const passwordHash = await hashPassword(input.password);
  const used = await spendToken(input.token, "password-reset", now);
  if (!used) return { ok: false, reason: "invalid-link" };
  const user = await findUserById(used.userId);
  if (!user || user.disabledAt) return { ok: false, reason: "invalid-link" };
  await setPasswordHash(user.id, passwordHash);
  // Other reset links die, and so does a pending change of address (someone else may have asked for it).
  await Promise.all([revokeTokens(user.id, "password-reset"), revokeTokens(user.id, "change-email")]);
  await deleteSessionsOf(user.id);
  const device =
    input.deviceToken && (await deviceOwner(input.deviceToken, now)) === user.id ? input.deviceToken : null;
  await revokeOtherDevices(user.id, device);
  await markEmailVerified(user.id, now);
  // The owner is back in: failed sign-ins counted against the address no longer hold them up.
  await forget("loginPerEmail", user.email);
  return { ok: true, userId: user.id, deviceToken: device ?? (await trustDevice(user.id)) };
}
