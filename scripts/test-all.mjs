#!/usr/bin/env node
// npm test: every test Charted has. Installs dependencies and a browser when it can, or says
// exactly what is missing. Steps: content check, vitest (SQLite, plus PostgreSQL when
// TEST_DATABASE_URL is set; they include a kill -9 crash-recovery test against the production
// build), Playwright end-to-end and accessibility tests.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { checkNode, ensureDependencies } from "./lib/bootstrap.mjs";
import { findChromium } from "./lib/browser.mjs";

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

// Playwright empties test-results/ when it starts, so the JSON reports live in reports/.
mkdirSync("reports", { recursive: true });
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
  ["vitest", "run", "--reporter=default", "--reporter=json", "--outputFile.json=reports/vitest.json"],
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
const v = read("reports/vitest.json");
const p = read("reports/playwright.json");
const passed = (v?.numPassedTests ?? 0) + (p?.stats?.expected ?? 0);
const failed = (v?.numFailedTests ?? 0) + (p?.stats?.unexpected ?? 0) + (p?.stats?.flaky ?? 0);
const skipped = (v?.numPendingTests ?? 0) + (v?.numTodoTests ?? 0) + (p?.stats?.skipped ?? 0);
const broken = content.status !== 0 || vitest.status !== 0 || playwright.status !== 0 || !v || !p;
console.log(
  `\ncontent:check: exit ${content.status}; vitest: exit ${vitest.status}; playwright: exit ${playwright.status}`,
);
console.log(`${passed} passed, ${Math.max(failed, broken && failed === 0 ? 1 : 0)} failed, ${skipped} skipped`);
process.exit(broken ? 1 : 0);
