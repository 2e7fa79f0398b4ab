import { describe, expect, it } from "vitest";
import { LOGIN_WINDOW_MS, MAX_FAILURES_PER_EMAIL, MAX_FAILURES_PER_IP, minutesUntilAllowed } from "./rate-limit.ts";

const now = new Date("2026-03-01T12:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

describe("minutesUntilAllowed", () => {
  it("allows attempts below the limit", () => {
    const byEmail = Array.from({ length: MAX_FAILURES_PER_EMAIL - 1 }, (_, i) => minutesAgo(i));
    expect(minutesUntilAllowed({ byEmail, byIp: byEmail }, now)).toBe(0);
  });

  it("blocks at the email limit until the oldest counted failure leaves the window", () => {
    // Ten failures, the oldest 12 minutes ago: it ages out of the 15-minute window in 3 minutes.
    const byEmail = [minutesAgo(12), ...Array.from({ length: MAX_FAILURES_PER_EMAIL - 1 }, () => minutesAgo(1))];
    expect(minutesUntilAllowed({ byEmail, byIp: [] }, now)).toBe(3);
  });

  it("rounds partial minutes up so the message never says 0", () => {
    const byEmail = Array.from({ length: MAX_FAILURES_PER_EMAIL }, () => new Date(now.getTime() - LOGIN_WINDOW_MS + 1000));
    expect(minutesUntilAllowed({ byEmail, byIp: [] }, now)).toBe(1);
  });

  it("applies the higher per-IP limit independently", () => {
    const byIp = Array.from({ length: MAX_FAILURES_PER_IP }, () => minutesAgo(5));
    expect(minutesUntilAllowed({ byEmail: [], byIp }, now)).toBe(10);
    expect(minutesUntilAllowed({ byEmail: [], byIp: byIp.slice(1) }, now)).toBe(0);
  });
});
