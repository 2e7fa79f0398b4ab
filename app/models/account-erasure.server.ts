// Deleting an account at its holder's request (app/account/delete.server.ts has the rules): one
// transaction removes every personal row and anonymises the User row, which stays so that the
// learner's answers (ExamAttempt, AttemptItem) still count in item statistics without naming
// anyone. PERSONAL_DATA below says what happens to each table that points at a user; a test
// checks it against prisma/schema.prisma, so a new table cannot be forgotten here.
import { db } from "~/utils/db.server.ts";
import { ERASED_NAME, erasedEmail } from "./erased-user.ts";
import { lockAdminRows, lockUserRow } from "./sql-dialect.server.ts";

/** Every relation of User (prisma/schema.prisma) and what deleting the account does to it. */
export const PERSONAL_DATA = {
  sessions: "deleted (every browser is signed out)",
  trustedDevices: "deleted",
  accountTokens: "deleted (links in old emails stop working)",
  preferences: "deleted",
  reviewCards: "deleted (with any text the learner wrote)",
  reviewLogs: "deleted",
  fsrsOptimizations: "deleted",
  lessonCompletions: "deleted",
  activityDays: "deleted",
  activityRollup: "deleted",
  jobs: "deleted (queued mail to the account is not sent)",
  contentReports: "deleted (the reports and the editors' replies)",
  memberships: "deleted (the learner leaves every class roster)",
  classRemovals: "deleted",
  instructorRequests: "deleted",
  invitationsSent: "deleted unless accepted; accepted ones no longer name the sender",
  invitationsUsed: "deleted (they hold the account's address)",
  attempts: "kept, anonymous: they count in item statistics (assignment results leave the account out)",
  classesTaught: "kept under the anonymous account and closed (archived)",
  authoredQuestions: "kept under the anonymous account (past attempts show their text); no one else can use them",
  resolvedReports: "kept, no longer naming the editor",
  requestsDecided: "kept, no longer naming the administrator",
  auditActions: "kept: an administrator's actions stay attributable (labels keep the address they had)",
  assignmentOverrides: "deleted (extensions and extra attempts granted to the learner)",
  ltiAccounts: "deleted (the links from learning platforms' users to this account)",
  planDays: "deleted (the day-by-day plan snapshots)",
} as const;

/** The audit action recorded when a holder deletes their account. */
export const ACCOUNT_DELETED_ACTION = "account.deleted";
/** Who the audit log says acted: not the address, which is what the holder asked to forget. */
export const ACCOUNT_HOLDER_LABEL = "the account holder";

/** A password hash no password matches (not an argon2 string: verification fails at once). */
const UNUSABLE_PASSWORD_HASH = "!deleted";

type Client = Pick<typeof db, "user" | "class">;

/** Live classes the account teaches that still have students (deleting would strand them). */
export function classesWithStudents(userId: string, client: Client = db) {
  return client.class.findMany({
    where: { instructorId: userId, archivedAt: null, memberships: { some: {} } },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, _count: { select: { memberships: true } } },
  });
}

/** Whether this account is the only enabled admin (deleting it would leave the site with none). */
export async function isLastEnabledAdmin(userId: string, client: Client = db) {
  const user = await client.user.findUnique({ where: { id: userId }, select: { role: true, disabledAt: true } });
  if (user?.role !== "admin" || user.disabledAt) return false;
  const others = await client.user.count({ where: { role: "admin", disabledAt: null, id: { not: userId } } });
  return others === 0;
}

export type ErasureResult =
  | { ok: true; formerEmail: string; closedClasses: number }
  | { ok: false; reason: "not-found" | "last-admin" }
  | { ok: false; reason: "has-students"; classes: { name: string; students: number }[] };

/**
 * Erases the account in one transaction, after checking (under lock) that it is not the last
 * enabled admin and, unless `closeClasses`, teaches no live class with students. The enabled
 * admins' rows are locked first (then the user's), in the same order as the admin area's role
 * changes, so a concurrent demotion and deletion cannot both pass the last-admin check.
 */
export function eraseAccount(userId: string, options: { closeClasses: boolean; now: Date }): Promise<ErasureResult> {
  const { now } = options;
  return db.$transaction(async (tx) => {
    await tx.$executeRaw(lockAdminRows());
    await tx.$executeRaw(lockUserRow(userId));
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true, role: true } });
    if (!user || user.email === erasedEmail(userId)) return { ok: false as const, reason: "not-found" as const };
    if (await isLastEnabledAdmin(userId, tx)) return { ok: false as const, reason: "last-admin" as const };
    const stranded = await classesWithStudents(userId, tx);
    if (stranded.length && !options.closeClasses)
      return {
        ok: false as const,
        reason: "has-students" as const,
        classes: stranded.map((c) => ({ name: c.name, students: c._count.memberships })),
      };

    const own = { where: { userId } };
    const { count: closedClasses } = await tx.class.updateMany({
      where: { instructorId: userId, archivedAt: null },
      data: { archivedAt: now },
    });
    await tx.session.deleteMany(own);
    await tx.trustedDevice.deleteMany(own);
    await tx.accountToken.deleteMany(own);
    await tx.preferences.deleteMany(own);
    await tx.reviewLog.deleteMany(own);
    await tx.reviewCard.deleteMany(own);
    await tx.fsrsOptimization.deleteMany(own);
    await tx.lessonCompletion.deleteMany(own);
    await tx.activityDay.deleteMany(own);
    await tx.activityRollup.deleteMany(own);
    await tx.job.deleteMany(own);
    await tx.classMembership.deleteMany(own);
    await tx.classRemoval.deleteMany(own);
    await tx.assignmentOverride.deleteMany(own);
    await tx.ltiAccount.deleteMany(own);
    await tx.planDay.deleteMany(own);
    await tx.instructorRequest.deleteMany(own);
    await tx.instructorRequest.updateMany({ where: { decidedById: userId }, data: { decidedById: null } });
    await tx.contentReport.deleteMany({ where: { reporterId: userId } });
    await tx.contentReport.updateMany({ where: { resolvedById: userId }, data: { resolvedById: null } });
    await tx.invitation.deleteMany({
      where: { OR: [{ invitedById: userId, acceptedAt: null }, { acceptedById: userId }] },
    });
    await tx.invitation.updateMany({ where: { invitedById: userId }, data: { invitedById: null } });
    await tx.loginFailure.deleteMany({ where: { email: user.email } });
    // Admins' past actions on this account stay in the log, without the address.
    await tx.auditEntry.updateMany({ where: { targetId: userId }, data: { targetLabel: ERASED_NAME } });
    await tx.auditEntry.create({
      data: {
        actorId: userId,
        actorLabel: ACCOUNT_HOLDER_LABEL,
        action: ACCOUNT_DELETED_ACTION,
        targetId: userId,
        targetLabel: null,
        detail: JSON.stringify({ role: user.role, closedClasses }),
        createdAt: now,
      },
    });
    await tx.user.update({
      where: { id: userId },
      data: {
        email: erasedEmail(userId),
        name: ERASED_NAME,
        passwordHash: UNUSABLE_PASSWORD_HASH,
        role: "student",
        timeZone: "UTC",
        accommodationFactor: 1,
        emailVerifiedAt: null,
        disabledAt: now,
      },
    });
    return { ok: true as const, formerEmail: user.email, closedClasses };
  });
}
