// Sliding-window login limit: at most LIMIT failures per window, per email and per IP.
// The per-IP limit is higher because a whole classroom can share one address.
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 10;
export const MAX_FAILURES_PER_IP = 50;

/** Minutes until another attempt is allowed, or 0 when not limited. */
export function minutesUntilAllowed(failures: { byEmail: Date[]; byIp: Date[] }, now: Date): number {
  const waitFor = (times: Date[], limit: number) => {
    if (times.length < limit) return 0;
    // The window frees a slot when the (n - limit + 1)-th most recent failure ages out.
    const blocking = times[times.length - limit];
    return Math.max(0, blocking.getTime() + LOGIN_WINDOW_MS - now.getTime());
  };
  const ms = Math.max(waitFor(failures.byEmail, MAX_FAILURES_PER_EMAIL), waitFor(failures.byIp, MAX_FAILURES_PER_IP));
  return ms === 0 ? 0 : Math.ceil(ms / 60_000);
}
