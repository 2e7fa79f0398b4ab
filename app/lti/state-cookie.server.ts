// The login's state in a short-lived cookie, so a launch is checked against the browser that
// started it. SameSite=None: the launch is a cross-site POST from the LMS. Browsers keep a
// SameSite=None cookie only if Secure, which they accept over https and on localhost; elsewhere
// on plain http the cookie is dropped and the state in the database is the (primary) check.
import { LAUNCH_STATE_MINUTES } from "./login.server.ts";

const NAME = "lti_state";
const LOCAL = new Set(["localhost", "127.0.0.1", "[::1]"]);

function attributes(url: URL) {
  const secure = url.protocol === "https:" || LOCAL.has(url.hostname);
  return `Path=/lti; HttpOnly; SameSite=None${secure ? "; Secure" : ""}`;
}

export function stateCookie(state: string, requestUrl: string): string {
  return `${NAME}=${state}; Max-Age=${LAUNCH_STATE_MINUTES * 60}; ${attributes(new URL(requestUrl))}`;
}

export function clearStateCookie(requestUrl: string): string {
  return `${NAME}=; Max-Age=0; ${attributes(new URL(requestUrl))}`;
}

export function readStateCookie(request: Request): string | null {
  for (const part of (request.headers.get("Cookie") ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === NAME) return value.join("=") || null;
  }
  return null;
}
