// The closing line of `npm test`: one "N passed, N failed, N skipped" for every step, and whether
// the PostgreSQL suite ran (and how it did) or was skipped and why, so a green run on SQLite
// alone is never mistaken for a run on both databases.

/** Where the vitest counts reporter (vitest-counts-reporter.ts) writes the counts per project. */
export const VITEST_COUNTS_FILE = "reports/vitest-counts.json";

/**
 * @typedef {{ passed: number, failed: number, skipped: number }} Counts
 * @param {{
 *   vitest: { projects: Record<string, Counts> } | null,
 *   playwright: { stats?: { expected?: number, unexpected?: number, flaky?: number, skipped?: number } } | null,
 *   postgresConfigured: boolean,
 *   broken: boolean,
 * }} results `broken`: a step exited non-zero or left no report (counted as at least one failure).
 */
export function closingLine({ vitest, playwright, postgresConfigured, broken }) {
  const projects = Object.values(vitest?.projects ?? {});
  const sum = (key) => projects.reduce((n, p) => n + p[key], 0);
  const stats = playwright?.stats ?? {};
  // A browser test that failed and then passed on its retry (CI retries once) passed, but says so:
  // a flaky journey is named, never hidden in the count.
  const flaky = stats.flaky ?? 0;
  const passed = sum("passed") + (stats.expected ?? 0) + flaky;
  const counted = sum("failed") + (stats.unexpected ?? 0);
  const failed = broken ? Math.max(counted, 1) : counted;
  const skipped = sum("skipped") + (stats.skipped ?? 0);
  const retried = flaky ? ` (${flaky} only on retry)` : "";
  return `${passed} passed${retried}, ${failed} failed, ${skipped} skipped; ${postgresPart(vitest, postgresConfigured)}`;
}

function postgresPart(vitest, postgresConfigured) {
  if (!postgresConfigured) return "PostgreSQL suite SKIPPED: TEST_DATABASE_URL is not set";
  const pg = vitest?.projects.postgres;
  if (!pg) return "PostgreSQL suite: no results (vitest did not finish)";
  return `PostgreSQL suite: ${pg.passed} passed, ${pg.failed} failed`;
}
