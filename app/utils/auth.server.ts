// Who is asking: getUser / requireUser / requireRole, Epic Stack style. They throw a redirect
// (to log in) or a 403 Response, so loaders and actions stay one line.
import { redirect } from "@remix-run/node";
import type { Session, User } from "lucia";
import { hashSessionToken } from "./hashed-sessions.server.ts";
import { LAST_SEEN_PRECISION_MS, lucia, touchSession, type Role } from "./session.server.ts";

export type AuthUser = User;

interface AuthResult {
  user: User | null;
  session: Session | null;
  /** Set-Cookie to send when lucia refreshed or cleared the session. */
  setCookie: string | null;
}

// One validation per request even when several loaders ask. Remix hands each loader its own copy
// of the Request, so besides the Request itself the key is the session token: lookups of one
// session that are in flight at the same moment (the root's and the route's loader) share one
// query; a lookup that starts after it settled asks the database again.
const cache = new WeakMap<Request, Promise<AuthResult>>();
const inFlight = new Map<string, Promise<AuthResult>>();

export function authenticate(request: Request): Promise<AuthResult> {
  let result = cache.get(request);
  if (!result) {
    const sessionId = lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
    result = sessionId ? inFlight.get(sessionId) : undefined;
    if (!result) {
      result = validate(sessionId);
      if (sessionId) {
        inFlight.set(sessionId, result);
        const done = () => inFlight.delete(sessionId);
        result.then(done, done);
      }
    }
    cache.set(request, result);
  }
  return result;
}

async function validate(sessionId: string | null): Promise<AuthResult> {
  if (!sessionId) return { user: null, session: null, setCookie: null };
  const { session, user } = await lucia.validateSession(sessionId);
  if (!session) return { user: null, session: null, setCookie: lucia.createBlankSessionCookie().serialize() };
  // A disabled account is signed out wherever it is (its sessions are also deleted when it is
  // disabled; this covers a request already under way).
  if (user.disabled) {
    await lucia.invalidateSession(session.id);
    return { user: null, session: null, setCookie: lucia.createBlankSessionCookie().serialize() };
  }
  const now = new Date();
  if (now.getTime() - (session.lastSeenAt?.getTime() ?? 0) > LAST_SEEN_PRECISION_MS) {
    await touchSession(hashSessionToken(session.id), now);
  }
  const setCookie = session.fresh ? lucia.createSessionCookie(session.id).serialize() : null;
  return { user, session, setCookie };
}

export async function getUser(request: Request): Promise<User | null> {
  return (await authenticate(request)).user;
}

export async function requireUser(request: Request): Promise<User> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    const redirectTo = `${url.pathname}${url.search}`;
    throw redirect(`/login?${new URLSearchParams({ redirectTo })}`);
  }
  return user;
}

/** Admins pass every role check. */
export function hasRole(user: Pick<User, "role">, role: Role): boolean {
  return user.role === role || user.role === "admin";
}

export async function requireRole(request: Request, role: Role): Promise<User> {
  const user = await requireUser(request);
  if (!hasRole(user, role)) {
    throw new Response(`This page is for ${role}s only.`, { status: 403, statusText: "Forbidden" });
  }
  return user;
}

export async function requireAnonymous(request: Request): Promise<void> {
  if (await getUser(request)) throw redirect("/");
}

/** The browser a session is started from, as the account page's device list shows it. */
export interface SessionDevice {
  userAgent?: string | null;
  ip?: string | null;
}

export function sessionDevice(request: Request, clientIp?: string): SessionDevice {
  return { userAgent: request.headers.get("User-Agent")?.slice(0, 400) ?? null, ip: clientIp ?? null };
}

/** Starts a session for the user and returns its Set-Cookie header value. */
export async function startSession(userId: string, device: SessionDevice = {}): Promise<string> {
  const now = new Date();
  const session = await lucia.createSession(userId, {
    userAgent: device.userAgent ?? null,
    ip: device.ip ?? null,
    lastSeenAt: now,
  });
  return lucia.createSessionCookie(session.id).serialize();
}

/** Ends the request's session on the server and returns a Set-Cookie that clears it. */
export async function endSession(request: Request): Promise<string> {
  const { session } = await authenticate(request);
  if (session) await lucia.invalidateSession(session.id);
  return lucia.createBlankSessionCookie().serialize();
}

/** After a password change: sign out every other device, keep this one signed in. */
export async function restartSessions(userId: string, device: SessionDevice = {}): Promise<string> {
  await lucia.invalidateUserSessions(userId);
  return startSession(userId, device);
}

/** The stored id (SHA-256 of the token) of the request's session, to tell "this device" apart. */
export async function currentSessionStoredId(request: Request): Promise<string | null> {
  const { session } = await authenticate(request);
  return session ? hashSessionToken(session.id) : null;
}
