#!/usr/bin/env node
// Starts the production build on a fresh SQLite database with content and demo accounts, for
// Playwright. Builds first if there is no build.
import { rmSync, existsSync, mkdirSync } from "node:fs";
import { spawn } from "node:child_process";
import { run } from "./lib/bootstrap.mjs";

const port = process.env.E2E_PORT ?? "3210";
mkdirSync("data", { recursive: true });
const file = "data/e2e.db";
for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
// Mail goes to an outbox folder the journeys read (no SMTP server in the browser tests).
const outbox = "data/e2e-outbox";
rmSync(outbox, { recursive: true, force: true });
// SKIP_ENV_FILE: the migrate, seed and server below ignore a developer's .env (its database, its
// APP_URL or DEMO_PASSWORD would break the journeys); only what is set here applies.
const env = {
  ...process.env,
  SKIP_ENV_FILE: "1",
  DATABASE_URL: `file:./${file}`,
  NODE_ENV: "development",
  MAIL_OUTBOX_DIR: outbox,
  SMTP_URL: "",
};
run("npx", ["tsx", "scripts/db-migrate.ts"], { env });
run("npx", ["tsx", "scripts/seed.ts", "--demo"], { env });
if (!existsSync("build/server/index.js")) run("npm", ["run", "-s", "build"]);
const server = spawn("node", ["server.js"], {
  stdio: "inherit",
  env: { ...env, NODE_ENV: "production", PORT: port, HOST: "127.0.0.1" },
});
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
