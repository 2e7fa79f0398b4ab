// Browsers that have signed in to an account (device cookies): stored by the token's SHA-256.
import { randomBytes } from "node:crypto";
import { db } from "~/utils/db.server.ts";
import { hashSessionToken as hash } from "~/utils/hashed-sessions.server.ts";

/** The account this device token was issued to (and marks it used), or null. */
export async function deviceOwner(token: string, now: Date): Promise<string | null> {
  const row = await db.trustedDevice.findUnique({ where: { tokenHash: hash(token) }, select: { userId: true } });
  if (!row) return null;
  await db.trustedDevice.update({ where: { tokenHash: hash(token) }, data: { lastUsedAt: now } });
  return row.userId;
}

/** A new token for this browser and account. */
export async function trustDevice(userId: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.trustedDevice.create({ data: { tokenHash: hash(token), userId } });
  return token;
}

/** Forgets every browser trusted for this account except the one holding `keep` (if any). */
export function revokeOtherDevices(userId: string, keep: string | null) {
  return db.trustedDevice.deleteMany({ where: { userId, ...(keep ? { tokenHash: { not: hash(keep) } } : {}) } });
}
