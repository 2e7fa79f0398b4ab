// Session rows as the account page and the admin area see them: the signed-in devices of an
// account. lucia creates, validates and ends sessions (app/utils/session.server.ts); ids here
// are the stored SHA-256 of each browser's token, never the token itself. ("Last seen" is
// written by app/utils/session.server.ts, beside lucia's own session writes.)
import { db } from "~/utils/db.server.ts";

export function listSessions(userId: string, now = new Date()) {
  return db.session.findMany({
    where: { userId, expiresAt: { gt: now } },
    orderBy: [{ lastSeenAt: "desc" }, { id: "asc" }],
    select: { id: true, userAgent: true, ip: true, createdAt: true, lastSeenAt: true },
  });
}

/** Ends one of the user's sessions (by stored id); false when it was not theirs or is gone. */
export async function deleteSessionOf(userId: string, storedId: string) {
  const { count } = await db.session.deleteMany({ where: { id: storedId, userId } });
  return count === 1;
}

export async function deleteSessionsOf(userId: string, exceptStoredId?: string) {
  const { count } = await db.session.deleteMany({
    where: { userId, ...(exceptStoredId ? { id: { not: exceptStoredId } } : {}) },
  });
  return count;
}
