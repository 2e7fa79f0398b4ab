// "Request instructor access" (table InstructorRequest): a user's note, and an admin's decision.
// Deciding is one conditional UPDATE (a request is decided once), with the role change and the
// audit entry in the same transaction.
import type { auditData } from "~/models/audit.server.ts";
import { db } from "~/utils/db.server.ts";

export const REQUEST_STATUSES = ["pending", "approved", "declined"] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export type RequestDecision = Exclude<RequestStatus, "pending">;

type AuditRow = ReturnType<typeof auditData>;

export function createInstructorRequest(userId: string, note: string, now: Date) {
  return db.instructorRequest.create({ data: { userId, note, createdAt: now }, select: { id: true } });
}

/** The user's newest request, whatever its status (what their page shows). */
export function latestRequestOf(userId: string) {
  return db.instructorRequest.findFirst({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, note: true, status: true, createdAt: true, decidedAt: true },
  });
}

export function hasPendingRequest(userId: string) {
  return db.instructorRequest.count({ where: { userId, status: "pending" } }).then((n) => n > 0);
}

const requestView = {
  id: true,
  note: true,
  status: true,
  createdAt: true,
  decidedAt: true,
  user: { select: { id: true, name: true, email: true, role: true } },
  decidedBy: { select: { name: true } },
} as const;

export function findRequest(id: string) {
  return db.instructorRequest.findUnique({ where: { id }, select: requestView });
}

/** Pending requests, oldest first (up to `limit`), and the most recently decided ones. */
export async function requestQueue(limit: number, recentLimit: number) {
  const [pending, pendingCount, recent] = await Promise.all([
    db.instructorRequest.findMany({
      where: { status: "pending" },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: limit,
      select: requestView,
    }),
    db.instructorRequest.count({ where: { status: "pending" } }),
    db.instructorRequest.findMany({
      where: { status: { not: "pending" } },
      orderBy: [{ decidedAt: "desc" }, { id: "desc" }],
      take: recentLimit,
      select: requestView,
    }),
  ]);
  return { pending, pendingCount, recent };
}

/**
 * Decides a pending request. Approving makes a student an instructor (a higher role stays as it
 * is). False when the request is not pending any more: nothing changes.
 */
export function decideRequest(input: {
  id: string;
  decision: RequestDecision;
  decidedById: string;
  now: Date;
  audit: AuditRow;
}) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.instructorRequest.updateMany({
      where: { id: input.id, status: "pending" },
      data: { status: input.decision, decidedAt: input.now, decidedById: input.decidedById },
    });
    if (count !== 1) return false;
    if (input.decision === "approved") {
      const { userId } = await tx.instructorRequest.findUniqueOrThrow({
        where: { id: input.id },
        select: { userId: true },
      });
      await tx.user.updateMany({ where: { id: userId, role: "student" }, data: { role: "instructor" } });
    }
    await tx.auditEntry.create({ data: input.audit });
    return true;
  });
}
