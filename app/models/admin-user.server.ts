// Accounts as the admin area and the admin CLI see them: search, one account's overview, and
// each administrative change written together with its audit entry in one transaction. Every
// change runs holding the enabled admins' rows (lockAdminRows) while the feature's guard decides,
// so two admins demoting each other at once cannot both succeed and leave the site without one.
import { Prisma } from "~/generated/prisma-sqlite/client.ts";
import { db } from "~/utils/db.server.ts";
import { parseRole, type Role } from "~/utils/roles.ts";
import { ACCOUNT_ACTIONS } from "./audit-actions.ts";
import { auditData, type AuditActor } from "./audit.server.ts";
import { lockAdminRows } from "./sql-dialect.server.ts";
import { containsLiteral } from "./text-search.server.ts";
import { ERASED_EMAIL_SUFFIX, isErasedUser } from "./erased-user.ts";

export type AccountStatus = "active" | "disabled";

export interface UserFilter {
  /** Part of the name or email, any case. */
  q?: string;
  role?: Role;
  status?: AccountStatus;
}

const ACCOUNT_SELECT = { id: true, name: true, email: true, role: true, disabledAt: true, createdAt: true } as const;

export interface AccountRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  disabledAt: Date | null;
  createdAt: Date;
  /** When any of the account's sessions was last used (null: none left). */
  lastSeenAt: Date | null;
}

function matching(filter: UserFilter): Prisma.Sql {
  // Accounts their holders deleted are anonymous rows kept for item statistics, not people.
  const conditions: Prisma.Sql[] = [Prisma.sql`"email" NOT LIKE ${`%${ERASED_EMAIL_SUFFIX}`}`];
  if (filter.q) {
    conditions.push(
      Prisma.sql`(${containsLiteral(Prisma.sql`"name"`, filter.q)} OR ${containsLiteral(Prisma.sql`"email"`, filter.q)})`,
    );
  }
  if (filter.role) conditions.push(Prisma.sql`"role" = ${filter.role}`);
  if (filter.status === "active") conditions.push(Prisma.sql`"disabledAt" IS NULL`);
  if (filter.status === "disabled") conditions.push(Prisma.sql`"disabledAt" IS NOT NULL`);
  return Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}`;
}

/** One page of the accounts matching `filter`, newest first, and how many match in all. */
export async function searchUsers(
  filter: UserFilter,
  page: number,
  pageSize: number,
): Promise<{ total: number; rows: AccountRow[] }> {
  const where = matching(filter);
  const [counted, picked] = await Promise.all([
    db.$queryRaw<{ n: number | bigint }[]>`SELECT COUNT(*) AS "n" FROM "User" ${where}`,
    db.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "User" ${where}
      ORDER BY "createdAt" DESC, "id" DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
  ]);
  const ids = picked.map((r) => r.id);
  const [users, seen] = await Promise.all([
    db.user.findMany({ where: { id: { in: ids } }, select: ACCOUNT_SELECT }),
    lastSeen(ids),
  ]);
  const byId = new Map(users.map((u) => [u.id, u]));
  const rows = ids.flatMap((id) => {
    const user = byId.get(id);
    return user ? [{ ...user, role: parseRole(user.role), lastSeenAt: seen.get(id) ?? null }] : [];
  });
  return { total: Number(counted[0]?.n ?? 0), rows };
}

async function lastSeen(userIds: string[]): Promise<Map<string, Date | null>> {
  if (!userIds.length) return new Map();
  const rows = await db.session.groupBy({
    by: ["userId"],
    where: { userId: { in: userIds } },
    _max: { lastSeenAt: true },
  });
  return new Map(rows.map((r) => [r.userId, r._max.lastSeenAt]));
}

/** One account with its signed-in session count and last use, or null. */
export async function accountOverview(userId: string, now = new Date()) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { ...ACCOUNT_SELECT, emailVerifiedAt: true, timeZone: true },
  });
  if (!user || isErasedUser(user)) return null;
  const [sessions, seen] = await Promise.all([
    db.session.count({ where: { userId, expiresAt: { gt: now } } }),
    lastSeen([userId]),
  ]);
  return { ...user, role: parseRole(user.role), sessions, lastSeenAt: seen.get(userId) ?? null };
}

export async function findAccountByEmail(email: string) {
  const user = await db.user.findUnique({ where: { email }, select: ACCOUNT_SELECT });
  return user ? { ...user, role: parseRole(user.role) } : null;
}

export async function listAdminAccounts() {
  const admins = await db.user.findMany({
    where: { role: "admin" },
    orderBy: [{ email: "asc" }],
    select: ACCOUNT_SELECT,
  });
  return admins.map((a) => ({ ...a, role: parseRole(a.role) }));
}

/** Which of these ids are accounts that still exist. */
export async function accountsExisting(ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.user.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true } });
  return new Set(rows.map((r) => r.id));
}

/** The account a change is about, as its guard sees it. */
export interface AccountTarget {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabledAt: Date | null;
}

/** Decides, while the admins' rows are held, whether a change may go ahead: a refusal or null. */
export type Guard<R extends string> = (target: AccountTarget, enabledAdmins: number) => R | null;

export type ChangeOutcome<R extends string, T extends object = object> =
  ({ ok: true; target: AccountTarget } & T) | { ok: false; reason: R | "not-found" };

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];
type Write<T> = (tx: Tx, target: AccountTarget) => Promise<{ result: T; detail?: Record<string, unknown> }>;

/** One change to one account and its audit entry, atomically, if the guard allows it. */
function guardedChange<R extends string, T extends object>(
  input: { userId: string; actor: AuditActor; action: string; now: Date },
  guard: Guard<R>,
  write: Write<T>,
): Promise<ChangeOutcome<R, T>> {
  return db.$transaction(async (tx): Promise<ChangeOutcome<R, T>> => {
    await tx.$executeRaw(lockAdminRows());
    const row = await tx.user.findUnique({
      where: { id: input.userId },
      select: { id: true, email: true, name: true, role: true, disabledAt: true },
    });
    if (!row || isErasedUser(row)) return { ok: false, reason: "not-found" };
    const target = { ...row, role: parseRole(row.role) };
    const enabledAdmins = await tx.user.count({ where: { role: "admin", disabledAt: null } });
    const refusal = guard(target, enabledAdmins);
    if (refusal !== null) return { ok: false, reason: refusal };
    const { result, detail } = await write(tx, target);
    await tx.auditEntry.create({
      data: auditData({ actor: input.actor, action: input.action, target, detail }, input.now),
    });
    return { ok: true, target, ...result };
  });
}

/** Ends every session of the account (and its trusted browsers, which skip the login throttle);
 * returns how many sessions were live. */
async function signOutIn(tx: Tx, userId: string, now: Date, devices: boolean) {
  const live = await tx.session.count({ where: { userId, expiresAt: { gt: now } } });
  await tx.session.deleteMany({ where: { userId } });
  if (devices) await tx.trustedDevice.deleteMany({ where: { userId } });
  return live;
}

export function setRole<R extends string>(
  input: { userId: string; role: Role; actor: AuditActor; now?: Date },
  guard: Guard<R>,
) {
  const now = input.now ?? new Date();
  return guardedChange({ ...input, action: ACCOUNT_ACTIONS.roleChanged, now }, guard, async (tx, target) => {
    await tx.user.update({ where: { id: target.id }, data: { role: input.role } });
    return { result: { from: target.role, to: input.role }, detail: { from: target.role, to: input.role } };
  });
}

/** Disables the account: it cannot sign in, its sessions end and its browsers are no longer trusted. */
export function disableAccount<R extends string>(
  input: { userId: string; actor: AuditActor; now?: Date },
  guard: Guard<R>,
) {
  const now = input.now ?? new Date();
  return guardedChange({ ...input, action: ACCOUNT_ACTIONS.disabled, now }, guard, async (tx, target) => {
    await tx.user.update({ where: { id: target.id }, data: { disabledAt: now } });
    const sessionsEnded = await signOutIn(tx, target.id, now, true);
    return { result: { sessionsEnded }, detail: { sessionsEnded } };
  });
}

export function enableAccount<R extends string>(
  input: { userId: string; actor: AuditActor; now?: Date },
  guard: Guard<R>,
) {
  const now = input.now ?? new Date();
  return guardedChange({ ...input, action: ACCOUNT_ACTIONS.enabled, now }, guard, async (tx, target) => {
    await tx.user.update({ where: { id: target.id }, data: { disabledAt: null } });
    return { result: {} };
  });
}

/** Signs the account out on every device (it can sign in again with its password). */
export function endSessions<R extends string>(
  input: { userId: string; actor: AuditActor; now?: Date },
  guard: Guard<R>,
) {
  const now = input.now ?? new Date();
  return guardedChange({ ...input, action: ACCOUNT_ACTIONS.signedOut, now }, guard, async (tx, target) => {
    const sessionsEnded = await signOutIn(tx, target.id, now, false);
    return { result: { sessionsEnded }, detail: { sessionsEnded } };
  });
}

/** Sets a new password: every session ends, trusted browsers and unused reset links are revoked. */
export function replacePassword<R extends string>(
  input: { userId: string; passwordHash: string; actor: AuditActor; now?: Date },
  guard: Guard<R>,
) {
  const now = input.now ?? new Date();
  return guardedChange({ ...input, action: ACCOUNT_ACTIONS.passwordSet, now }, guard, async (tx, target) => {
    await tx.user.update({ where: { id: target.id }, data: { passwordHash: input.passwordHash } });
    const sessionsEnded = await signOutIn(tx, target.id, now, true);
    await tx.accountToken.deleteMany({ where: { userId: target.id, kind: "password-reset", usedAt: null } });
    return { result: { sessionsEnded }, detail: { sessionsEnded } };
  });
}

/** Records an unlock (its sign-in throttles were cleared by the caller) and enables the account if disabled. */
export function unlockAccount<R extends string>(
  input: { userId: string; actor: AuditActor; now?: Date },
  guard: Guard<R>,
) {
  const now = input.now ?? new Date();
  return guardedChange({ ...input, action: ACCOUNT_ACTIONS.unlocked, now }, guard, async (tx, target) => {
    const reEnabled = target.disabledAt !== null;
    if (reEnabled) await tx.user.update({ where: { id: target.id }, data: { disabledAt: null } });
    return { result: { reEnabled }, detail: { reEnabled } };
  });
}

export type CreateAccountResult = { ok: true; id: string } | { ok: false; reason: "exists" };

/** Creates an account (with its preferences row) and audits it; refused when the email is taken. */
export async function createAccountAudited(
  input: { email: string; name: string; passwordHash: string; role: Role; emailVerifiedAt: Date | null },
  actor: AuditActor,
  now = new Date(),
): Promise<CreateAccountResult> {
  try {
    return await db.$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
        return { ok: false, reason: "exists" } as const;
      }
      const user = await tx.user.create({ data: { ...input, preferences: { create: {} } }, select: { id: true } });
      await tx.auditEntry.create({
        data: auditData(
          {
            actor,
            action: ACCOUNT_ACTIONS.created,
            target: { id: user.id, email: input.email },
            detail: { role: input.role },
          },
          now,
        ),
      });
      return { ok: true, id: user.id } as const;
    });
  } catch (error) {
    // Two creations of one address at once: the unique index lets one through.
    if ((error as { code?: string }).code === "P2002") return { ok: false, reason: "exists" };
    throw error;
  }
}
