import { defineConfig, devices } from "@playwright/test";
import { findChromium } from "./scripts/lib/browser.mjs";

const PORT = Number(process.env.E2E_PORT ?? 3210);
// With TEST_DATABASE_URL (CI), the account journeys run a second time against a server on
// PostgreSQL (its own schema and outbox), on the next port.
const PG_URL = process.env.TEST_DATABASE_URL;
const PG_PORT = PORT + 1;
const pgServerUrl = PG_URL ? withSchema(PG_URL, "e2e_accounts") : null;
/** The journeys that also run on PostgreSQL: accounts, administration, invitations, data rights. */
export const ACCOUNT_SPECS = /(auth|account-recovery|admin|invitations|data-rights)\.spec\.ts$/;

function withSchema(url: string, schema: string) {
  const u = new URL(url);
  u.searchParams.set("schema", schema);
  return u.toString();
}
const executablePath: string | undefined = findChromium() ?? undefined;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  timeout: 60_000,
  reporter: [["list"], ["json", { outputFile: "reports/playwright.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      // Without the networking flags Chromium floods a closed network with background requests.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    {
      name: "desktop",
      use: { ...devices["Desktop Chrome"], channel: undefined },
      grepInvert: /@phone/,
      metadata: { outbox: "data/e2e-outbox" },
    },
    {
      name: "phone",
      use: { ...devices["Pixel 7"], channel: undefined },
      grep: /@phone/,
      metadata: { outbox: "data/e2e-outbox" },
    },
    ...(pgServerUrl
      ? [
          {
            name: "desktop-postgres",
            testMatch: ACCOUNT_SPECS,
            use: { ...devices["Desktop Chrome"], channel: undefined, baseURL: `http://127.0.0.1:${PG_PORT}` },
            grepInvert: /@phone/,
            metadata: { outbox: "data/e2e-pg-outbox" },
          },
        ]
      : []),
  ],
  webServer: [
    {
      command: "node scripts/e2e-server.mjs",
      url: `http://127.0.0.1:${PORT}/healthz`,
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
      stdout: "pipe",
      env: { E2E_PORT: String(PORT), E2E_OUTBOX: "data/e2e-outbox" },
    },
    ...(pgServerUrl
      ? [
          {
            command: "node scripts/e2e-server.mjs",
            url: `http://127.0.0.1:${PG_PORT}/healthz`,
            reuseExistingServer: !process.env.CI,
            timeout: 180_000,
            stdout: "pipe" as const,
            env: { E2E_PORT: String(PG_PORT), E2E_OUTBOX: "data/e2e-pg-outbox", E2E_DATABASE_URL: pgServerUrl },
          },
        ]
      : []),
  ],
});
