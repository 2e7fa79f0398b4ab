// Invitations by email (table Invitation): to become an instructor (from an admin) or to join a
// class (from its instructor). The link carries a random token; the table holds only its SHA-256.
// A link is used once: accepting is one conditional UPDATE, so two clicks cannot both win.
import type { auditData } from "~/models/audit.server.ts";
import { db } from "~/utils/db.server.ts";

import { INVITATION_STATUSES, type InvitationKind, type InvitationStatus } from "./invitation-kinds.ts";

export type { InvitationKind, InvitationStatus } from "./invitation-kinds.ts";

type AuditRow = ReturnType<typeof auditData>;

/** The rows in one status at `now`, defined once for lists, counts and conditional updates. */
function statusWhere(status: InvitationStatus, now: Date) {
  switch (status) {
    case "pending":
      return { acceptedAt: null, revokedAt: null, expiresAt: { gt: now } };
    case "accepted":
      return { acceptedAt: { not: null } };
    case "revoked":
      return { acceptedAt: null, revokedAt: { not: null } };
    case "expired":
      return { acceptedAt: null, revokedAt: null, expiresAt: { lte: now } };
  }
}

/** A row's status at `now` (the same rules as statusWhere). */
export function invitationStatus(
  row: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now: Date,
): InvitationStatus {
  if (row.acceptedAt) return "accepted";
  if (row.revokedAt) return "revoked";
  return row.expiresAt > now ? "pending" : "expired";
}

export interface NewInvitation {
  kind: InvitationKind;
  email: string;
  name: string | null;
  classId: string | null;
  invitedById: string;
  tokenHash: string;
  expiresAt: Date;
}

/**
 * Creates an invitation and revokes the pending ones it replaces (same kind, address and class),
 * with the audit entry, if any, in the same transaction.
 */
export function createInvitation(
  input: NewInvitation,
  now: Date,
  audit?: (invitation: { id: string; email: string }, replaced: number) => AuditRow,
) {
  return db.$transaction(async (tx) => {
    const replaced = await tx.invitation.updateMany({
      where: { kind: input.kind, email: input.email, classId: input.classId, ...statusWhere("pending", now) },
      data: { revokedAt: now },
    });
    const invitation = await tx.invitation.create({
      data: { ...input, createdAt: now },
      select: { id: true, email: true },
    });
    if (audit) await tx.auditEntry.create({ data: audit(invitation, replaced.count) });
    return { id: invitation.id, replaced: replaced.count };
  });
}

const invitationView = {
  id: true,
  kind: true,
  email: true,
  name: true,
  classId: true,
  createdAt: true,
  expiresAt: true,
  acceptedAt: true,
  revokedAt: true,
  invitedBy: { select: { name: true } },
  class: {
    select: { id: true, name: true, instructorId: true, archivedAt: true, instructor: { select: { name: true } } },
  },
} as const;

/** The invitation a link opens (any status: the page says why a dead link is dead). */
export function findInvitationByTokenHash(tokenHash: string) {
  return db.invitation.findUnique({ where: { tokenHash }, select: invitationView });
}

export function findInvitation(id: string) {
  return db.invitation.findUnique({ where: { id }, select: invitationView });
}

/**
 * Marks a pending invitation accepted by `userId` and applies what it grants, in one
 * transaction: an instructor invitation makes a student an instructor (never lowers a higher
 * role); `verifyEmail` records that the account's address is proven (the link went to it).
 * False when the link is no longer pending (used, revoked or expired): nothing changes.
 */
export function acceptInvitation(input: {
  tokenHash: string;
  userId: string;
  now: Date;
  verifyEmail: boolean;
  audit?: AuditRow;
}) {
  const { tokenHash, userId, now } = input;
  return db.$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { tokenHash, ...statusWhere("pending", now) },
      data: { acceptedAt: now, acceptedById: userId },
    });
    if (count !== 1) return false;
    const { kind } = await tx.invitation.findUniqueOrThrow({ where: { tokenHash }, select: { kind: true } });
    if (kind === "instructor") {
      await tx.user.updateMany({ where: { id: userId, role: "student" }, data: { role: "instructor" } });
    }
    if (input.verifyEmail) {
      await tx.user.updateMany({ where: { id: userId, emailVerifiedAt: null }, data: { emailVerifiedAt: now } });
    }
    if (input.audit) await tx.auditEntry.create({ data: input.audit });
    return true;
  });
}

/** Revokes a pending invitation of this kind (and class); the audit entry is written with it. */
export function revokeInvitation(
  where: { id: string; kind: InvitationKind; classId?: string },
  now: Date,
  audit?: AuditRow,
) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { ...where, ...statusWhere("pending", now) },
      data: { revokedAt: now },
    });
    if (count === 1 && audit) await tx.auditEntry.create({ data: audit });
    return count === 1;
  });
}

/** A pending invitation gets a new link (the old one stops working) and a new expiry. */
export async function renewInvitation(
  where: { id: string; kind: InvitationKind; classId?: string },
  tokenHash: string,
  expiresAt: Date,
  now: Date,
) {
  const { count } = await db.invitation.updateMany({
    where: { ...where, ...statusWhere("pending", now) },
    data: { tokenHash, expiresAt },
  });
  return count === 1;
}

/** One page of invitations of a kind in a status, newest first, with the count in each status. */
export async function listInvitations(
  kind: InvitationKind,
  status: InvitationStatus,
  now: Date,
  page: { page: number; pageSize: number },
) {
  const where = { kind, ...statusWhere(status, now) };
  const [rows, ...counts] = await Promise.all([
    db.invitation.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page.page - 1) * page.pageSize,
      take: page.pageSize,
      select: { ...invitationView, acceptedBy: { select: { name: true, email: true } } },
    }),
    ...INVITATION_STATUSES.map((s) => db.invitation.count({ where: { kind, ...statusWhere(s, now) } })),
  ]);
  return {
    rows,
    counts: Object.fromEntries(INVITATION_STATUSES.map((s, i) => [s, counts[i]!])) as Record<InvitationStatus, number>,
  };
}

export function pendingClassInvitations(classId: string, now: Date) {
  return db.invitation.findMany({
    where: { kind: "class", classId, ...statusWhere("pending", now) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, email: true, name: true, createdAt: true, expiresAt: true },
  });
}

/** Which of these addresses already have a pending invitation to the class. */
export async function pendingClassInvitationEmails(classId: string, emails: string[], now: Date) {
  const rows = await db.invitation.findMany({
    where: { kind: "class", classId, email: { in: emails }, ...statusWhere("pending", now) },
    select: { email: true },
  });
  return new Set(rows.map((r) => r.email));
}
