// Managing accounts, for the admin area (/admin/users) and the server shell (`npm run admin`):
// both call these functions, so the rules hold whichever way an admin acts. The rules: the site
// always keeps one enabled admin, an admin cannot disable their own account, and a disabled
// account gets no reset link. Each change and its audit entry are written together.
import { hashPassword, isCommonPassword } from "~/auth/password.server.ts";
import { sendPasswordReset } from "~/auth/password-reset.server.ts";
import { COMMON_PASSWORD } from "~/auth/accounts.server.ts";
import { forget } from "~/auth/throttle.server.ts";
import * as accounts from "~/models/admin-user.server.ts";
import { ACCOUNT_ACTIONS } from "~/models/audit-actions.ts";
import { listAudit, recordAudit, type AuditActor } from "~/models/audit.server.ts";
import { clearLoginFailures } from "~/models/login-failure.server.ts";
import { notFound, type NotFound } from "~/utils/results.ts";
import type { Role } from "~/utils/roles.ts";

export const USERS_PAGE_SIZE = 25;
/** How many of an account's audit entries its page shows (the audit log has the rest). */
export const ACCOUNT_AUDIT_ENTRIES = 20;

export const LAST_ADMIN =
  "This is the only enabled admin account. Make another account an admin first, so someone can still run this site.";
export const NO_SUCH_ACCOUNT = "There is no such account.";

type Refusal = { ok: false; reason: string; message: string };
export type AdminResult<T extends object = object> = ({ ok: true } & T) | NotFound | Refusal;

const refused = (reason: string, message: string): Refusal => ({ ok: false, reason, message });

/** The account is the last enabled admin: no change may take that away. */
const isLastAdmin = (target: accounts.AccountTarget, enabledAdmins: number) =>
  target.role === "admin" && target.disabledAt === null && enabledAdmins <= 1;

const isActor = (actor: AuditActor, userId: string) => actor !== "server shell" && actor.id === userId;

const A_ROLE: Record<Role, string> = { student: "a student", instructor: "an instructor", admin: "an admin" };

/** Maps a guarded change's outcome to the feature's result, with each refusal's message. */
function outcome<T extends object>(
  result: accounts.ChangeOutcome<string, T>,
  messages: Record<string, string>,
): AdminResult<T> {
  if (result.ok) return result;
  if (result.reason === "not-found") return notFound(NO_SUCH_ACCOUNT);
  return refused(result.reason, messages[result.reason] ?? "That change could not be made.");
}

export function findUsers(filter: accounts.UserFilter, page: number) {
  return accounts.searchUsers(filter, page, USERS_PAGE_SIZE);
}

/** One account for its admin page: details, live sessions and the latest audit entries about it. */
export async function accountDetails(userId: string) {
  const account = await accounts.accountOverview(userId);
  if (!account) return notFound(NO_SUCH_ACCOUNT);
  const audit = await listAudit({ page: 1, pageSize: ACCOUNT_AUDIT_ENTRIES, targetId: userId });
  return { ok: true as const, account, audit };
}

export const findAccountByEmail = (email: string) => accounts.findAccountByEmail(email);
export const listAdmins = () => accounts.listAdminAccounts();

export async function changeRole(actor: AuditActor, userId: string, role: Role) {
  const result = await accounts.setRole({ userId, role, actor }, (target, admins) => {
    if (target.role === role) return "unchanged";
    if (isLastAdmin(target, admins)) return "last-admin";
    return null;
  });
  return outcome(result, { unchanged: `This account is already ${A_ROLE[role]}.`, "last-admin": LAST_ADMIN });
}

export async function disable(actor: AuditActor, userId: string) {
  if (isActor(actor, userId)) {
    return refused("self", "You cannot disable your own account. Another admin can, if it must be done.");
  }
  const result = await accounts.disableAccount({ userId, actor }, (target, admins) => {
    if (target.disabledAt) return "already";
    if (isLastAdmin(target, admins)) return "last-admin";
    return null;
  });
  return outcome(result, { already: "This account is already disabled.", "last-admin": LAST_ADMIN });
}

export async function enable(actor: AuditActor, userId: string) {
  const result = await accounts.enableAccount({ userId, actor }, (target) => (target.disabledAt ? null : "already"));
  return outcome(result, { already: "This account is not disabled." });
}

export async function signOutEverywhere(actor: AuditActor, userId: string) {
  return outcome(await accounts.endSessions({ userId, actor }, () => null), {});
}

/** Emails the account a password reset link (as the forgot-password page would), audited. */
export async function sendResetLink(actor: AuditActor, userId: string): Promise<AdminResult> {
  const account = await accounts.accountOverview(userId);
  if (!account) return notFound(NO_SUCH_ACCOUNT);
  if (account.disabledAt) {
    return refused("disabled", "This account is disabled, so it cannot sign in. Enable it first, then send the link.");
  }
  await sendPasswordReset(account, { byAdmin: true });
  // After the mail is queued (its own write): the log never claims a link that was not sent.
  await recordAudit({ actor, action: ACCOUNT_ACTIONS.resetSent, target: account });
  return { ok: true };
}

/** Password rules beyond length (the forms' schemas check that): the same as sign-up. */
function passwordProblem(password: string): string | null {
  return isCommonPassword(password) ? COMMON_PASSWORD : null;
}

/** Sets a password chosen by the operator: the account is signed out everywhere and its reset links die. */
export async function setPassword(
  actor: AuditActor,
  userId: string,
  password: string,
): Promise<AdminResult<{ sessionsEnded: number }>> {
  const problem = passwordProblem(password);
  if (problem) return refused("weak-password", problem);
  const passwordHash = await hashPassword(password);
  return outcome(await accounts.replacePassword({ userId, passwordHash, actor }, () => null), {});
}

/** Clears the account's sign-in throttles and failures and enables it again if it was disabled. */
export async function unlock(actor: AuditActor, userId: string): Promise<AdminResult<{ reEnabled: boolean }>> {
  const account = await accounts.accountOverview(userId);
  if (!account) return notFound(NO_SUCH_ACCOUNT);
  await Promise.all([
    forget("loginPerEmail", account.email),
    forget("passwordCheck", account.id),
    clearLoginFailures(account.email),
  ]);
  return outcome(await accounts.unlockAccount({ userId, actor }, () => null), {});
}

/**
 * Creates an admin account (the first one of a fresh install comes from the server shell). The
 * operator vouches for the address, so it counts as verified: the admin can sign in even where
 * sign-in waits for a verified address.
 */
export async function createAdmin(
  actor: AuditActor,
  input: { email: string; name: string; password: string },
  now = new Date(),
): Promise<AdminResult<{ id: string }>> {
  const problem = passwordProblem(input.password);
  if (problem) return refused("weak-password", problem);
  const created = await accounts.createAccountAudited(
    {
      email: input.email,
      name: input.name,
      passwordHash: await hashPassword(input.password),
      role: "admin",
      emailVerifiedAt: now,
    },
    actor,
    now,
  );
  if (!created.ok) {
    return refused("exists", "An account with this email already exists. Make it an admin with promote instead.");
  }
  return created;
}
