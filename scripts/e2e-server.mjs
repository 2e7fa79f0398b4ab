#!/usr/bin/env node
// Starts the production build on a fresh database with content and demo accounts, for
// Playwright. SQLite by default; E2E_DATABASE_URL=postgresql://…?schema=<name> runs it on a fresh
// PostgreSQL schema instead (dropped and created again). Builds first if there is no build.
// Mail goes to an outbox folder the journeys read (E2E_OUTBOX; no SMTP server here).
import { rmSync, existsSync, mkdirSync } from "node:fs";
import { spawn } from "node:child_process";
import pg from "pg";
import { run } from "./lib/bootstrap.mjs";

const port = process.env.E2E_PORT ?? "3210";
const outbox = process.env.E2E_OUTBOX ?? "data/e2e-outbox";
mkdirSync("data", { recursive: true });
rmSync(outbox, { recursive: true, force: true });

let databaseUrl;
if (process.env.E2E_DATABASE_URL) {
  databaseUrl = process.env.E2E_DATABASE_URL;
  const url = new URL(databaseUrl);
  const schema = url.searchParams.get("schema");
  if (!schema || !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error("E2E_DATABASE_URL needs ?schema=<name>.");
  url.searchParams.delete("schema");
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
} else {
  const file = "data/e2e.db";
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  databaseUrl = `file:./${file}`;
}
// SKIP_ENV_FILE: the migrate, seed and server below ignore a developer's .env (its database, its
// APP_URL or DEMO_PASSWORD would break the journeys); only what is set here applies.
const env = {
  ...process.env,
  SKIP_ENV_FILE: "1",
  DATABASE_URL: databaseUrl,
  NODE_ENV: "development",
  MAIL_OUTBOX_DIR: outbox,
  SMTP_URL: "",
};
run("npx", ["tsx", "scripts/db-migrate.ts"], { env });
run("npx", ["tsx", "scripts/seed.ts", "--demo"], { env });
if (!existsSync("build/server/index.js")) run("npm", ["run", "-s", "build"]);
const server = spawn("node", ["server.js"], {
  stdio: "inherit",
  // One proxy hop trusted: journeys that register give each browser its own client address
  // (X-Forwarded-For), as a classroom behind one proxy would, so a hundred sign-ups in one run
  // do not trip the per-network sign-up limit that the limit's own tests check.
  env: { ...env, NODE_ENV: "production", PORT: port, HOST: "127.0.0.1", TRUST_PROXY: "1" },
});
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
