import { describe, expect, it } from "vitest";
import { formatSteps, parseSteps, stepFromSeconds, storedSteps } from "./steps.ts";

describe("learning and relearning steps", () => {
  it("parses ts-fsrs step strings with minutes, hours and days", () => {
    expect(parseSteps("1m 10m", 1)).toEqual({ ok: true, steps: ["1m", "10m"] });
    expect(parseSteps(" 5M, 1h  0.5d ", 1)).toEqual({ ok: true, steps: ["5m", "1h", "0.5d"] });
    expect(parseSteps("1.50h", 1)).toEqual({ ok: true, steps: ["1.5h"] });
    expect(formatSteps(["1m", "10m"])).toBe("1m 10m");
  });

  it("allows no relearning steps but needs at least one learning step", () => {
    expect(parseSteps("", 0)).toEqual({ ok: true, steps: [] });
    expect(parseSteps("  ", 1)).toMatchObject({ ok: false, message: expect.stringMatching(/at least one step/) });
  });

  it("refuses unknown units, steps of a day or more, steps under a minute and too many steps", () => {
    expect(parseSteps("10s", 1)).toMatchObject({ ok: false, message: expect.stringMatching(/not a step/) });
    expect(parseSteps("10", 1)).toMatchObject({ ok: false, message: expect.stringMatching(/not a step/) });
    expect(parseSteps("1m 1d", 1)).toMatchObject({ ok: false, message: expect.stringMatching(/shorter than a day/) });
    expect(parseSteps("24h", 1)).toMatchObject({ ok: false, message: expect.stringMatching(/shorter than a day/) });
    expect(parseSteps("0.5m", 1)).toMatchObject({ ok: false, message: expect.stringMatching(/at least 1m/) });
    expect(parseSteps(Array(11).fill("1m").join(" "), 1)).toMatchObject({
      ok: false,
      message: "Use at most 10 steps.",
    });
    expect(parseSteps(Array(10).fill("1m").join(" "), 1).ok).toBe(true);
  });

  it("falls back (undefined) when a stored value does not parse", () => {
    expect(storedSteps("1m 10m", 1)).toEqual(["1m", "10m"]);
    expect(storedSteps("", 1)).toBeUndefined();
    expect(storedSteps("", 0)).toEqual([]);
    expect(storedSteps(undefined, 0)).toBeUndefined();
  });

  it("turns the optimizer's seconds into steps", () => {
    expect(stepFromSeconds(20)).toBe("1m");
    expect(stepFromSeconds(95)).toBe("2m");
    expect(stepFromSeconds(1716)).toBe("29m");
    expect(stepFromSeconds(3 * 3600 + 600)).toBe("3h");
    expect(stepFromSeconds(5 * 3600 + 1000)).toBe("5.5h");
  });
});
