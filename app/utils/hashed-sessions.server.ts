// Session tokens are stored hashed: the cookie holds the token, the Session table its SHA-256, so
// a copied database (or its WAL) opens no session. Wraps lucia's adapter: every id going to the
// database is hashed, and the session read back carries the caller's token again (lucia uses it
// to refresh the cookie).
import { createHash } from "node:crypto";
import type { Adapter, DatabaseSession } from "lucia";

/** SHA-256 (hex) of a bearer token: what is stored for session and device tokens alike. */
export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function withHashedSessionIds(inner: Adapter): Adapter {
  return {
    async getSessionAndUser(token) {
      const [session, user] = await inner.getSessionAndUser(hashSessionToken(token));
      return [session ? { ...session, id: token } : null, user];
    },
    // Stored ids are hashes: the tokens themselves are known only to their browsers.
    getUserSessions: (userId) => inner.getUserSessions(userId),
    setSession: (session: DatabaseSession) => inner.setSession({ ...session, id: hashSessionToken(session.id) }),
    updateSessionExpiration: (token, expiresAt) => inner.updateSessionExpiration(hashSessionToken(token), expiresAt),
    deleteSession: (token) => inner.deleteSession(hashSessionToken(token)),
    deleteUserSessions: (userId) => inner.deleteUserSessions(userId),
    deleteExpiredSessions: () => inner.deleteExpiredSessions(),
  };
}
