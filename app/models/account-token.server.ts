// One-time email links (table AccountToken): password reset, email verification, change of
// address. The link carries a random token; the table holds only its SHA-256, so a copied
// database opens no link. Using a token is one conditional UPDATE: two clicks cannot both win.
import { randomBytes } from "node:crypto";
import { db } from "~/utils/db.server.ts";
import { hashSessionToken } from "~/utils/hashed-sessions.server.ts";

export const ACCOUNT_TOKEN_KINDS = ["password-reset", "verify-email", "change-email"] as const;
export type AccountTokenKind = (typeof ACCOUNT_TOKEN_KINDS)[number];

/** A fresh random token for a link (256 bits, URL-safe). */
export function newLinkToken(): string {
  return randomBytes(32).toString("base64url");
}

export async function createAccountToken(input: {
  userId: string;
  kind: AccountTokenKind;
  expiresAt: Date;
  email?: string;
}): Promise<string> {
  const token = newLinkToken();
  await db.accountToken.create({ data: { ...input, tokenHash: hashSessionToken(token) } });
  return token;
}

/** The token's row if it is of this kind, unused and unexpired (to show the form it opens). */
export function findLiveToken(token: string, kind: AccountTokenKind, now: Date) {
  return db.accountToken.findFirst({
    where: { tokenHash: hashSessionToken(token), kind, usedAt: null, expiresAt: { gt: now } },
    select: { userId: true, email: true, expiresAt: true },
  });
}

/** Marks a live token used and returns its row; null when it is unknown, used or expired. */
export async function spendToken(token: string, kind: AccountTokenKind, now: Date) {
  const tokenHash = hashSessionToken(token);
  const { count } = await db.accountToken.updateMany({
    where: { tokenHash, kind, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (count !== 1) return null;
  return db.accountToken.findUnique({ where: { tokenHash }, select: { userId: true, email: true } });
}

/** Kills the user's unused tokens of a kind (every reset link dies when the password changes). */
export function revokeTokens(userId: string, kind: AccountTokenKind) {
  return db.accountToken.deleteMany({ where: { userId, kind, usedAt: null } });
}

/** Tokens used or expired before `before` are kept no longer than that. */
export function pruneTokens(before: Date) {
  return db.accountToken.deleteMany({ where: { OR: [{ expiresAt: { lt: before } }, { usedAt: { lt: before } }] } });
}

/** The user's newest live token of a kind (the account page's "pending change to …"). */
export function findPendingToken(userId: string, kind: AccountTokenKind, now: Date) {
  return db.accountToken.findFirst({
    where: { userId, kind, usedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
    select: { email: true, expiresAt: true },
  });
}
