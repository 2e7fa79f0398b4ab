// Account use cases: register, log in (with rate limit), change password.
import { clearLoginFailures, pruneLoginFailures, recentLoginFailures, recordLoginFailure } from "~/models/login-failure.server.ts";
import { createUser, findUserByEmail, findUserById, setPasswordHash } from "~/models/user.server.ts";
import { hashPassword, isCommonPassword, verifyDummyPassword, verifyPassword } from "./password.server.ts";
import { LOGIN_WINDOW_MS, minutesUntilAllowed } from "./rate-limit.ts";

export const WRONG_CREDENTIALS = "Email or password is incorrect.";
export const COMMON_PASSWORD = "This password is too common: people guess it easily. Choose another.";

export type LoginResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid"; message: string }
  | { ok: false; reason: "rate-limited"; message: string; minutes: number };

export async function logIn(input: { email: string; password: string; ip: string; now?: Date }): Promise<LoginResult> {
  const now = input.now ?? new Date();
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const minutes = minutesUntilAllowed(await recentLoginFailures(input.email, input.ip, since), now);
  if (minutes > 0) {
    return {
      ok: false,
      reason: "rate-limited",
      minutes,
      message: `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    };
  }
  const user = await findUserByEmail(input.email);
  const valid = user ? await verifyPassword(user.passwordHash, input.password) : await verifyDummyPassword(input.password);
  if (!user || !valid) {
    await recordLoginFailure(input.email, input.ip, now);
    return { ok: false, reason: "invalid", message: WRONG_CREDENTIALS };
  }
  await clearLoginFailures(input.email);
  await pruneLoginFailures(since);
  return { ok: true, userId: user.id };
}

export type RegisterResult = { ok: true; userId: string } | { ok: false; field: "email" | "password"; message: string };

export async function register(input: { email: string; name: string; password: string; timeZone?: string }): Promise<RegisterResult> {
  if (isCommonPassword(input.password)) return { ok: false, field: "password", message: COMMON_PASSWORD };
  if (await findUserByEmail(input.email)) {
    return { ok: false, field: "email", message: "An account with this email already exists. Log in instead." };
  }
  const user = await createUser({
    email: input.email,
    name: input.name,
    passwordHash: await hashPassword(input.password),
    timeZone: validTimeZone(input.timeZone) ?? "UTC",
  });
  return { ok: true, userId: user.id };
}

export type ChangePasswordResult = { ok: true } | { ok: false; field: "currentPassword" | "newPassword"; message: string };

export async function changePassword(userId: string, currentPassword: string, newPassword: string): Promise<ChangePasswordResult> {
  const user = await findUserById(userId);
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
    return { ok: false, field: "currentPassword", message: "Your current password is not right." };
  }
  if (isCommonPassword(newPassword)) return { ok: false, field: "newPassword", message: COMMON_PASSWORD };
  await setPasswordHash(userId, await hashPassword(newPassword));
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
