import { describe, expect, it } from "vitest";
import { closingLine } from "./test-summary.mjs";

const playwright = { stats: { expected: 40, unexpected: 0, flaky: 0, skipped: 2 } };

describe("npm test's closing line", () => {
  it("counts the PostgreSQL suite when it ran", () => {
    const vitest = {
      projects: { sqlite: { passed: 300, failed: 0, skipped: 3 }, postgres: { passed: 120, failed: 1, skipped: 0 } },
    };
    expect(closingLine({ vitest, playwright, postgresConfigured: true, broken: true })).toBe(
      "460 passed, 1 failed, 5 skipped; PostgreSQL suite: 120 passed, 1 failed",
    );
  });

  it("says plainly that it was skipped, and why", () => {
    const vitest = { projects: { sqlite: { passed: 300, failed: 0, skipped: 3 } } };
    expect(closingLine({ vitest, playwright, postgresConfigured: false, broken: false })).toBe(
      "340 passed, 0 failed, 5 skipped; PostgreSQL suite SKIPPED: TEST_DATABASE_URL is not set",
    );
  });

  it("never reports a broken run as clean, nor a PostgreSQL run that left no results", () => {
    expect(closingLine({ vitest: null, playwright: null, postgresConfigured: true, broken: true })).toBe(
      "0 passed, 1 failed, 0 skipped; PostgreSQL suite: no results (vitest did not finish)",
    );
  });

  it("counts a browser test that passed on its retry as passed, and says so", () => {
    const vitest = { projects: { sqlite: { passed: 300, failed: 0, skipped: 3 } } };
    const retried = { stats: { expected: 39, unexpected: 0, flaky: 1, skipped: 2 } };
    expect(closingLine({ vitest, playwright: retried, postgresConfigured: false, broken: false })).toBe(
      "340 passed (1 only on retry), 0 failed, 5 skipped; PostgreSQL suite SKIPPED: TEST_DATABASE_URL is not set",
    );
  });
});
