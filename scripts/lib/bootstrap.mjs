// Helpers for the two README commands; plain Node so they work before dependencies exist.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";

export function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: "inherit", ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    console.error(`\n✗ ${cmd} ${args.join(" ")} failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
  return result;
}

export function checkNode() {
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    console.error(
      `Charted needs Node.js 20.19 or newer (this is ${process.versions.node}). Install it from nodejs.org and try again.`,
    );
    process.exit(1);
  }
}

/** npm ci when node_modules is missing or older than the lockfile; regenerate Prisma clients if absent. */
export function ensureDependencies() {
  const marker = "node_modules/.package-lock.json";
  const stale = !existsSync(marker) || statSync("package-lock.json").mtimeMs > statSync(marker).mtimeMs;
  if (stale) {
    console.log("Installing dependencies (npm ci; better-sqlite3 may compile, about a minute)…");
    run("npm", ["ci", "--no-audit", "--no-fund"]);
  }
  if (!existsSync("app/generated/prisma-sqlite/client.ts") || !existsSync("app/generated/prisma-pg/client.ts")) {
    run("npm", ["run", "-s", "db:generate"]);
  }
}
