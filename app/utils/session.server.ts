// lucia sessions: an opaque token in an httpOnly cookie, the session row (keyed by the token's
// SHA-256) in the database, so any app process can validate it and a copied database opens none. Sessions last 30 days and slide: lucia extends a session that
// is past half its life, and we resend the cookie then.
import { Prisma } from "~/generated/prisma-sqlite/client.ts";
import { col, sql } from "./sql.server.ts";
import { PrismaAdapter } from "@lucia-auth/adapter-prisma";
import { Lucia, TimeSpan, type DatabaseSession, type DatabaseUser } from "lucia";
import { db } from "./db.server.ts";
import { withHashedSessionIds } from "./hashed-sessions.server.ts";
import { parseRole } from "~/utils/roles.ts";

// lucia's Prisma adapter reads a session and then its user: two queries on every request. One
// join reads both (and only the columns lucia maps below).
const adapter = withHashedSessionIds(
  Object.assign(new PrismaAdapter(db.session as never, db.user as never), { getSessionAndUser: sessionWithUser }),
);

const { dateOrNull } = col;

async function sessionWithUser(storedId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
  const [row] = await sql.rows<Record<string, unknown>>(Prisma.sql`
    SELECT "s"."userId", "s"."expiresAt", "s"."userAgent", "s"."ip", "s"."lastSeenAt",
      "u"."email", "u"."name", "u"."role", "u"."timeZone", "u"."disabledAt", "u"."onboardedAt"
    FROM "Session" AS "s" JOIN "User" AS "u" ON "u"."id" = "s"."userId"
    WHERE "s"."id" = ${storedId}`);
  if (!row) return [null, null];
  const userId = String(row.userId);
  return [
    {
      id: storedId,
      userId,
      expiresAt: new Date(row.expiresAt as string | Date),
      attributes: {
        userAgent: (row.userAgent as string | null) ?? null,
        ip: (row.ip as string | null) ?? null,
        lastSeenAt: dateOrNull(row.lastSeenAt) ?? undefined,
      },
    },
    {
      id: userId,
      attributes: {
        email: String(row.email),
        name: String(row.name),
        role: String(row.role),
        timeZone: String(row.timeZone),
        disabledAt: dateOrNull(row.disabledAt),
        onboardedAt: dateOrNull(row.onboardedAt),
      },
    },
  ];
}

// Secure by default in production; COOKIE_SECURE=false allows plain-HTTP deployments on a LAN.
export const secureCookie = process.env.COOKIE_SECURE
  ? process.env.COOKIE_SECURE === "true"
  : process.env.NODE_ENV === "production";

export const lucia = new Lucia(adapter, {
  sessionExpiresIn: new TimeSpan(30, "d"),
  sessionCookie: {
    name: "charted_session",
    attributes: { secure: secureCookie, sameSite: "lax" },
  },
  getUserAttributes: (attributes) => ({
    email: attributes.email,
    name: attributes.name,
    role: parseRole(attributes.role),
    timeZone: attributes.timeZone,
    disabled: attributes.disabledAt != null,
    // A learner who has not finished (or skipped) the first-visit onboarding is sent to /welcome.
    onboarded: attributes.onboardedAt != null,
  }),
  getSessionAttributes: (attributes) => ({
    userAgent: attributes.userAgent ?? null,
    ip: attributes.ip ?? null,
    lastSeenAt: attributes.lastSeenAt,
  }),
});

export type { Role } from "~/utils/roles.ts";

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    DatabaseUserAttributes: {
      email: string;
      name: string;
      role: string; // the stored column; read through parseRole
      timeZone: string;
      disabledAt: Date | null;
      onboardedAt: Date | null;
    };
    DatabaseSessionAttributes: {
      userAgent?: string | null;
      ip?: string | null;
      lastSeenAt?: Date;
    };
  }
}

/** How stale "last seen" may get before a request refreshes it (one write per device per window). */
export const LAST_SEEN_PRECISION_MS = 5 * 60_000;

/** Records that a session (by stored id) was used now, unless that was recorded recently. */
export async function touchSession(storedId: string, now: Date) {
  await db.session.updateMany({
    where: { id: storedId, lastSeenAt: { lt: new Date(now.getTime() - LAST_SEEN_PRECISION_MS) } },
    data: { lastSeenAt: now },
  });
}
