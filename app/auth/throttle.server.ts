// Reserve-then-check: a try is counted BEFORE the password (or code) is checked, in one atomic
// statement per key, so a burst of parallel requests gets at most `limit` checks through.
import { clearTries, pruneTries, releaseTry, reserveTry } from "~/models/auth-throttle.server.ts";
import { setTimeout as sleep } from "node:timers/promises";
import { minutesUntilWindowEnds, progressiveDelayMs, THROTTLES, type ThrottleName } from "./rate-limit.ts";

/** `delayMs`: how long to wait before checking the secret (the longest of the throttles' delays). */
export type Reservation = { ok: true; keys: string[]; delayMs: number } | { ok: false; minutes: number };

/** Counts one try against every named throttle; refused when any is past its limit. */
export async function reserve(checks: { throttle: ThrottleName; subject: string }[], now: Date): Promise<Reservation> {
  const keys: string[] = [];
  let minutes = 0;
  let delayMs = 0;
  for (const { throttle, subject } of checks) {
    const rule = THROTTLES[throttle];
    const key = keyFor(throttle, subject);
    const { tries, windowStart } = await reserveTry(key, now, rule.windowMs);
    keys.push(key);
    if (tries > rule.limit) minutes = Math.max(minutes, minutesUntilWindowEnds(windowStart, rule, now));
    delayMs = Math.max(delayMs, progressiveDelayMs(rule, tries));
  }
  // Now and then, drop windows that ended a day ago.
  if (Math.random() < 0.01) await pruneTries(new Date(now.getTime() - 24 * 3600_000));
  return minutes > 0 ? { ok: false, minutes } : { ok: true, keys, delayMs };
}

/** Waits out a reservation's progressive delay (before the secret is checked, whatever the outcome,
 * so a guesser cannot tell a wrong password by an early answer). Async: other requests run. */
export async function waitOut(reservation: { delayMs: number }, wait: (ms: number) => Promise<unknown> = sleep) {
  if (reservation.delayMs > 0) await wait(reservation.delayMs);
}

export function keyFor(throttle: ThrottleName, subject: string) {
  return `${throttle}:${subject.toLowerCase()}`;
}

/** A success: the try does not count (a shared address) or the slate is wiped (the account's own). */
export const giveBack = (throttle: ThrottleName, subject: string) => releaseTry(keyFor(throttle, subject));
export const forget = (throttle: ThrottleName, subject: string) => clearTries(keyFor(throttle, subject));
