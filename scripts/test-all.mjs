#!/usr/bin/env node
// npm test: every test Charted has. Installs dependencies and a browser when it can, or says
// exactly what is missing. Steps: content check, vitest (SQLite, plus PostgreSQL when
// TEST_DATABASE_URL is set; they include a kill -9 crash-recovery test against the production
// build), Playwright end-to-end and accessibility tests. The closing line counts them all and
// says whether the PostgreSQL suite ran.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { checkNode, ensureDependencies } from "./lib/bootstrap.mjs";
import { findChromium } from "./lib/browser.mjs";
import { closingLine, VITEST_COUNTS_FILE } from "./lib/test-summary.mjs";

// Every step and everything it starts ignores a developer's .env: tests pick their own databases.
// TEST_DATABASE_URL comes from the environment (CI sets it; .ci/run finds the local server).
process.env.SKIP_ENV_FILE = "1";
const postgresConfigured = Boolean(process.env.TEST_DATABASE_URL);

checkNode();
ensureDependencies();

let browser = findChromium();
if (!browser) {
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync("/usr/bin/apt-get")) {
    console.log("No Chromium found: installing Debian's chromium package (apt-get)…");
    spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit" });
  } else {
    console.log("No Chromium found: trying `npx playwright install chromium`…");
    spawnSync("npx", ["playwright", "install", "chromium"], { stdio: "inherit" });
  }
  browser = findChromium();
  if (!browser) {
    console.error(
      "\n✗ The end-to-end tests need Chromium and none could be installed.\n" +
        "  Debian/Ubuntu: sudo apt-get install chromium   (then run npm test again)\n" +
        "  Elsewhere:     npx playwright install chromium\n" +
        "  Or point CHROMIUM_PATH at a Chromium or Chrome binary.\n",
    );
    process.exit(1);
  }
}
console.log(`Browser for end-to-end tests: ${browser}`);

// Playwright empties test-results/ when it starts, so the JSON reports live in reports/; a
// report left by an earlier run must not stand in for a step that writes none this time.
mkdirSync("reports", { recursive: true });
for (const report of [VITEST_COUNTS_FILE, "reports/playwright.json"]) rmSync(report, { force: true });
// Every step runs even when an earlier one fails, so one run shows every problem.
const content = spawnSync("npm", ["run", "-s", "content:check"], { stdio: "inherit" });
// Build first: the crash-recovery server test and the browser tests run the production build.
const build = spawnSync("npm", ["run", "-s", "build"], { stdio: "inherit" });
if (build.status !== 0) {
  console.error("✗ The production build failed, so the server and browser tests cannot run.");
  process.exit(1);
}
const vitest = spawnSync(
  "npx",
  ["vitest", "run", "--reporter=default", "--reporter=./scripts/lib/vitest-counts-reporter.ts"],
  { stdio: "inherit" },
);
const playwright = spawnSync("npx", ["playwright", "test"], {
  stdio: "inherit",
  env: { ...process.env, CHROMIUM_PATH: browser },
});

// One closing line for everything, in the plain form CI tools read.
const read = (file) => {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
};
const v = read(VITEST_COUNTS_FILE);
const p = read("reports/playwright.json");
const broken = content.status !== 0 || vitest.status !== 0 || playwright.status !== 0 || !v || !p;
console.log(
  `\ncontent:check: exit ${content.status}; vitest: exit ${vitest.status}; playwright: exit ${playwright.status}`,
);
console.log(closingLine({ vitest: v, playwright: p, postgresConfigured, broken }));
process.exit(broken ? 1 : 0);
