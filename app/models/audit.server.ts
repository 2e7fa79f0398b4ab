// The audit log (table AuditEntry): every administrative action, from the admin area or the
// server's shell (`npm run admin`). Written in the same breath as the action; read by admins.
import { db } from "~/utils/db.server.ts";

/** Who acted: a signed-in admin, or the operator at the server's shell (the CLI). */
export type AuditActor = { id: string; email: string } | "server shell";

export interface AuditRecord {
  actor: AuditActor;
  action: string;
  target?: { id: string; email: string } | null;
  detail?: Record<string, unknown>;
}

export function recordAudit(entry: AuditRecord, now = new Date()) {
  return db.auditEntry.create({ data: auditData(entry, now) });
}

/** The row to insert, for callers that write it inside their own transaction. */
export function auditData(entry: AuditRecord, now = new Date()) {
  const actor = entry.actor;
  return {
    actorId: actor === "server shell" ? null : actor.id,
    actorLabel: actor === "server shell" ? "server shell" : actor.email,
    action: entry.action,
    targetId: entry.target?.id ?? null,
    targetLabel: entry.target?.email ?? null,
    detail: entry.detail ? JSON.stringify(entry.detail) : null,
    createdAt: now,
  };
}

export async function listAudit(options: { page: number; pageSize: number; targetId?: string; query?: string }) {
  const where = {
    ...(options.targetId ? { targetId: options.targetId } : {}),
    ...(options.query
      ? {
          OR: [
            { actorLabel: { contains: options.query } },
            { targetLabel: { contains: options.query } },
            { action: { contains: options.query } },
          ],
        }
      : {}),
  };
  const [total, rows] = await Promise.all([
    db.auditEntry.count({ where }),
    db.auditEntry.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (options.page - 1) * options.pageSize,
      take: options.pageSize,
      select: {
        id: true,
        actorLabel: true,
        action: true,
        targetId: true,
        targetLabel: true,
        detail: true,
        createdAt: true,
      },
    }),
  ]);
  return { total, rows };
}
