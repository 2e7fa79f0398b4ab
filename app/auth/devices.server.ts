// The account page's signed-in devices: each session of the account, in plain words, with this
// browser marked, and signing out the others. Every delete names the account, so a session id
// from another account matches nothing.
import { deleteSessionOf, deleteSessionsOf, listSessions } from "~/models/session-record.server.ts";
import { describeUserAgent } from "./user-agent.ts";

export async function signedInDevices(userId: string, currentStoredId: string | null, now = new Date()) {
  const sessions = await listSessions(userId, now);
  const devices = sessions.map((s) => ({
    id: s.id,
    device: describeUserAgent(s.userAgent),
    ip: s.ip,
    signedInAt: s.createdAt,
    lastSeenAt: s.lastSeenAt,
    current: s.id === currentStoredId,
  }));
  // This device first, then the most recently seen.
  return [...devices.filter((d) => d.current), ...devices.filter((d) => !d.current)];
}

export type SignOutDeviceResult = { ok: true } | { ok: false; reason: "not-found" | "current" };

/** Signs one other device out. This browser signs out with "Log out" instead. */
export async function signOutDevice(
  userId: string,
  storedId: string,
  currentStoredId: string | null,
): Promise<SignOutDeviceResult> {
  if (storedId === currentStoredId) return { ok: false, reason: "current" };
  return (await deleteSessionOf(userId, storedId)) ? { ok: true } : { ok: false, reason: "not-found" };
}

/** Signs out every device of the account but this one; how many were signed out. */
export async function signOutOtherDevices(userId: string, currentStoredId: string | null): Promise<number> {
  // Without a current session to keep there is nothing "other" to tell apart: sign out nothing.
  if (!currentStoredId) return 0;
  return deleteSessionsOf(userId, currentStoredId);
}
