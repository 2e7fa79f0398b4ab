// The audit log (table AuditEntry): every administrative action, from the admin area or the
// server's shell (`npm run admin`). Written in the same breath as the action; read by admins.
import { Prisma } from "~/generated/prisma-sqlite/client.ts";
import { db } from "~/utils/db.server.ts";
import { containsLiteral } from "./text-search.server.ts";

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

const AUDIT_TEXT_COLUMNS = ["actorLabel", "targetLabel", "action", "detail"];

/**
 * One page of the log, newest first: all of it, one account's entries (`targetId`), or those
 * whose actor, target, action or details contain `query` (any case, literally).
 */
export async function listAudit(options: { page: number; pageSize: number; targetId?: string; query?: string }) {
  const conditions: Prisma.Sql[] = [];
  if (options.targetId) conditions.push(Prisma.sql`"targetId" = ${options.targetId}`);
  if (options.query) {
    const term = options.query;
    const columns = AUDIT_TEXT_COLUMNS.map((c) => containsLiteral(Prisma.raw(`"${c}"`), term));
    conditions.push(Prisma.sql`(${Prisma.join(columns, " OR ")})`);
  }
  const where = conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  const [counted, picked] = await Promise.all([
    db.$queryRaw<{ n: number | bigint }[]>`SELECT COUNT(*) AS "n" FROM "AuditEntry" ${where}`,
    db.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "AuditEntry" ${where}
      ORDER BY "createdAt" DESC, "id" DESC
      LIMIT ${options.pageSize} OFFSET ${(options.page - 1) * options.pageSize}`,
  ]);
  const entries = await db.auditEntry.findMany({
    where: { id: { in: picked.map((r) => r.id) } },
    select: {
      id: true,
      actorLabel: true,
      action: true,
      targetId: true,
      targetLabel: true,
      detail: true,
      createdAt: true,
    },
  });
  const byId = new Map(entries.map((e) => [e.id, e]));
  const rows = picked.flatMap((r) => byId.get(r.id) ?? []);
  return { total: Number(counted[0]?.n ?? 0), rows };
}
