// The device cookie: a random token naming a browser that has signed in to an account before
// (app/models/trusted-device.server.ts). It lets its owner past lockouts caused by strangers.
import { createCookie } from "@remix-run/node";
import { secureCookie } from "./session.server.ts";

const deviceCookie = createCookie("charted_device", {
  httpOnly: true,
  sameSite: "lax",
  secure: secureCookie,
  path: "/",
  maxAge: 365 * 24 * 3600,
});

export async function readDeviceToken(request: Request): Promise<string | null> {
  const value: unknown = await deviceCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : null;
}

export function deviceTokenCookie(token: string): Promise<string> {
  return deviceCookie.serialize(token);
}
