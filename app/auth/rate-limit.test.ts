import { describe, expect, it } from "vitest";
import { MAX_DELAY_MS, minutesUntilWindowEnds, progressiveDelayMs, THROTTLES, waitMessage } from "./rate-limit.ts";

const now = new Date("2026-03-01T12:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

describe("throttle windows", () => {
  it("says how many whole minutes are left in the window", () => {
    expect(minutesUntilWindowEnds(minutesAgo(12), THROTTLES.loginPerEmail, now)).toBe(3);
  });

  it("rounds partial minutes up so the message never says 0", () => {
    expect(
      minutesUntilWindowEnds(
        new Date(now.getTime() - THROTTLES.loginPerEmail.windowMs + 1000),
        THROTTLES.loginPerEmail,
        now,
      ),
    ).toBe(1);
  });

  it("lets a classroom of 30 behind one address mistype a few times each", () => {
    expect(THROTTLES.loginPerAddress.limit).toBeGreaterThanOrEqual(30 * 3);
    expect(THROTTLES.signupPerAddress.limit).toBeGreaterThanOrEqual(30);
  });

  it("delays each try past the free ones twice as long as the last, up to a cap", () => {
    const delays = Array.from({ length: 10 }, (_, i) => progressiveDelayMs(THROTTLES.loginPerEmail, i + 1));
    expect(delays).toEqual([0, 0, 0, 250, 500, 1000, 2000, 4000, 4000, 4000]);
    expect(progressiveDelayMs(THROTTLES.loginPerEmail, 1000)).toBe(MAX_DELAY_MS);
    // A classroom's two typos each cost nobody a wait; throttles without free tries never delay.
    expect(progressiveDelayMs(THROTTLES.loginPerAddress, 60)).toBe(0);
    expect(progressiveDelayMs(THROTTLES.joinPerUser, 20)).toBe(0);
  });

  it("words the wait in plain language", () => {
    expect(waitMessage("failed sign-in attempts", 1)).toBe("Too many failed sign-in attempts. Try again in 1 minute.");
    expect(waitMessage("failed sign-in attempts", 14)).toBe(
      "Too many failed sign-in attempts. Try again in 14 minutes.",
    );
  });
});
