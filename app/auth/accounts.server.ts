// Account use cases: register, log in (with rate limit), change password.
import { revokeTokens } from "~/models/account-token.server.ts";
import { clearLoginFailures, pruneLoginFailures, recordLoginFailure } from "~/models/login-failure.server.ts";
import { deviceOwner, revokeOtherDevices, trustDevice } from "~/models/trusted-device.server.ts";
import {
  createUserIfFree,
  findUserByEmail,
  findUserById,
  markEmailVerified,
  setPasswordHash,
} from "~/models/user.server.ts";
import { emailVerificationRequired, signUpByEmailLink } from "./email-policy.server.ts";
import { sendSignupNotice, sendVerificationLink } from "./email-verification.server.ts";
import { hashPassword, isCommonPassword, verifyDummyPassword, verifyPassword } from "./password.server.ts";
import { THROTTLES, waitMessage } from "./rate-limit.ts";
import { forget, giveBack, reserve, waitOut } from "./throttle.server.ts";

export const WRONG_CREDENTIALS = "Email or password is incorrect.";
export const ACCOUNT_DISABLED =
  "This account is disabled. Ask the administrator of this Charted site to enable it again.";
export const COMMON_PASSWORD = "This password is too common: people guess it easily. Choose another.";
export const EMAIL_NOT_VERIFIED =
  "Confirm your email address before you log in: follow the link in the email we sent when you signed up.";

export type LoginResult =
  | { ok: true; userId: string; deviceToken: string }
  | { ok: false; reason: "invalid" | "disabled" | "unverified"; message: string }
  | { ok: false; reason: "rate-limited"; message: string; minutes: number };

export async function logIn(input: {
  email: string;
  password: string;
  ip: string;
  deviceToken?: string | null;
  now?: Date;
  /** How the progressive delay is waited out (tests record it instead). */
  wait?: (ms: number) => Promise<unknown>;
}): Promise<LoginResult> {
  const now = input.now ?? new Date();
  const email = input.email.toLowerCase();
  const user = await findUserByEmail(input.email);
  // A browser that signed in to this account before (OWASP device cookies) has its own allowance:
  // strangers guessing this account's password cannot lock its owner out.
  const device =
    user && input.deviceToken && (await deviceOwner(input.deviceToken, now)) === user.id ? input.deviceToken : null;
  // The try is counted before the password is checked: parallel guesses cannot all slip in.
  const reservation = await reserve(
    device
      ? [{ throttle: "loginPerTrustedDevice", subject: device }]
      : [
          { throttle: "loginPerEmail", subject: email },
          { throttle: "loginPerAddress", subject: input.ip },
        ],
    now,
  );
  if (!reservation.ok) {
    return {
      ok: false,
      reason: "rate-limited",
      minutes: reservation.minutes,
      message: waitMessage("failed sign-in attempts", reservation.minutes),
    };
  }
  // Past a few failures, each try waits longer before it is checked (per account and address).
  await waitOut(reservation, input.wait);
  const valid = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyDummyPassword(input.password);
  if (!user || !valid) {
    await recordLoginFailure(input.email, input.ip, now);
    return { ok: false, reason: "invalid", message: WRONG_CREDENTIALS };
  }
  // Said only to someone who knows the password: it reveals nothing to a guesser.
  if (user.disabledAt) return { ok: false, reason: "disabled", message: ACCOUNT_DISABLED };
  if (!user.emailVerifiedAt && emailVerificationRequired()) {
    return { ok: false, reason: "unverified", message: EMAIL_NOT_VERIFIED };
  }
  // The owner is in: their slate is wiped, and a success costs a shared address nothing.
  if (device) await forget("loginPerTrustedDevice", device);
  else await Promise.all([forget("loginPerEmail", email), giveBack("loginPerAddress", input.ip)]);
  await clearLoginFailures(input.email);
  await pruneLoginFailures(new Date(now.getTime() - THROTTLES.loginPerEmail.windowMs));
  // This browser is trusted for the account from now on (a new token unless it had one).
  return { ok: true, userId: user.id, deviceToken: device ?? (await trustDevice(user.id)) };
}

export type RegisterResult =
  | { ok: true; userId: string; checkEmail?: undefined }
  /** Sign-up by emailed link: the browser is told to check its inbox, whatever the address. */
  | { ok: true; userId: null; checkEmail: true }
  | { ok: false; field: "email" | "password"; message: string }
  | { ok: false; field: null; reason: "rate-limited"; message: string };

export async function register(input: {
  email: string;
  name: string;
  password: string;
  timeZone?: string;
  ip: string;
  now?: Date;
  /** The address was already shown to be the registrant's (they followed a link sent to it, e.g.
   * an invitation): the account is created at once and counts as confirmed. */
  addressProven?: boolean;
}): Promise<RegisterResult> {
  const reservation = await reserve([{ throttle: "signupPerAddress", subject: input.ip }], input.now ?? new Date());
  if (!reservation.ok) {
    return {
      ok: false,
      field: null,
      reason: "rate-limited",
      message: waitMessage("new accounts from your network", reservation.minutes),
    };
  }
  if (isCommonPassword(input.password)) return { ok: false, field: "password", message: COMMON_PASSWORD };
  const email = input.email.toLowerCase();
  // Hashed whether or not the address is taken, so the answer takes as long either way.
  const passwordHash = await hashPassword(input.password);
  const existing = await findUserByEmail(email);
  const newUser = { email, name: input.name, passwordHash, timeZone: validTimeZone(input.timeZone) ?? "UTC" };
  if (signUpByEmailLink() && !input.addressProven) {
    // The inbox learns the outcome, the browser only "check your email": the form reveals no accounts.
    const created = existing ? null : await createUserIfFree(newUser);
    if (created) await sendVerificationLink(created, { now: input.now, newAccount: true });
    else {
      // Taken, perhaps a moment ago by a parallel sign-up: its owner is told.
      const owner = existing ?? (await findUserByEmail(email));
      if (owner) await sendSignupNotice(owner, input.now);
    }
    return { ok: true, userId: null, checkEmail: true };
  }
  // Without mail nobody could receive a link, so sign-up is immediate and says when an address
  // is taken (as the sign-in form's "log in instead" would anyway).
  const user = existing ? null : await createUserIfFree(newUser);
  if (!user) {
    return { ok: false, field: "email", message: "An account with this email already exists. Log in instead." };
  }
  if (input.addressProven) await markEmailVerified(user.id, input.now ?? new Date());
  return { ok: true, userId: user.id };
}

export type ChangePasswordResult =
  { ok: true } | { ok: false; field: "currentPassword" | "newPassword"; message: string };

export async function changePassword(
  userId: string,
  currentPassword: string,
  newPassword: string,
  opts: { now?: Date; deviceToken?: string | null; wait?: (ms: number) => Promise<unknown> } = {},
): Promise<ChangePasswordResult> {
  const now = opts.now ?? new Date();
  // Counted before the check, like sign-in: a stolen session cannot guess the password quickly.
  const reservation = await reserve([{ throttle: "passwordCheck", subject: userId }], now);
  if (!reservation.ok) {
    return {
      ok: false,
      field: "currentPassword",
      message: waitMessage("wrong current passwords", reservation.minutes),
    };
  }
  await waitOut(reservation, opts.wait);
  const user = await findUserById(userId);
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
    return { ok: false, field: "currentPassword", message: "Your current password is not right." };
  }
  await forget("passwordCheck", userId);
  if (isCommonPassword(newPassword)) return { ok: false, field: "newPassword", message: COMMON_PASSWORD };
  await setPasswordHash(userId, await hashPassword(newPassword));
  // A reset link sent earlier must not undo the change.
  await revokeTokens(userId, "password-reset");
  // Other browsers lose their trusted standing (they are signed out too); this one keeps it.
  await revokeOtherDevices(userId, opts.deviceToken ?? null);
  return { ok: true };
}

/** An IANA zone the runtime knows, or undefined (the browser sends it on registration). */
export function validTimeZone(zone: string | undefined): string | undefined {
  if (!zone) return undefined;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}
