// npm run bench: builds the app if needed, then for SQLite and (when a server answers) PostgreSQL
// seeds a scratch database, starts the production server and drives it: every route's req/s and
// p50/p95/p99, the classroom soak (1,000 learners, memory over time) and, on PostgreSQL, one
// process against two. Prints a table per database, then every issue-17 target with its measured
// value and met/missed, and writes both databases' figures to bench/results/<date>.json.
//
// Each database runs in a child process (this script with BENCH_CHILD_OUT set): the app's Prisma
// client reads DATABASE_URL once, at import.
//
// Flags: --only <words> (routes whose name contains one of the comma-separated words, plus the
// baseline; "classroom", "two processes" and "lesson" select those parts), --build, --sqlite-only,
// --pg-only, --reuse (SQLite: keep data/bench.db when it already holds the seed).
// Environment: BENCH_PORT (PostgreSQL uses the next port), BENCH_SECONDS (per run, default 10),
// BENCH_SOAK_SECONDS (classroom soak, default 600), BENCH_THINK_MS, BENCH_ONLY, BENCH_DATABASE_URL,
// BENCH_PROFILE=1 (server under node --cpu-prof, profiles in bench/profiles), BENCH_KEEP_SCHEMA=1
// (keep the PostgreSQL scratch schema, to look into it with EXPLAIN).
import "./lib/env.mjs";
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { pgConfig } from "./lib/migrate.ts";
import type { DatabaseKind, DatabaseResult, RunOptions } from "./lib/bench-run.ts";

const DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/test";
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const onlyArg = args.indexOf("--only");
const only = (onlyArg >= 0 ? args[onlyArg + 1] : process.env.BENCH_ONLY)
  ?.toLowerCase()
  .split(",")
  .map((w) => w.trim())
  .filter(Boolean);

function runOptions(kind: DatabaseKind, url: string): RunOptions {
  const port = Number(process.env.BENCH_PORT ?? 3290);
  return {
    kind,
    url,
    port: kind === "postgres" ? port + 1 : port,
    seconds: Number(process.env.BENCH_SECONDS ?? 10),
    soakSeconds: Number(process.env.BENCH_SOAK_SECONDS ?? 600),
    thinkMs: Number(process.env.BENCH_THINK_MS ?? 2000),
    only,
    reuse: flag("--reuse"),
    profile: process.env.BENCH_PROFILE === "1",
  };
}

/** The PostgreSQL server to bench on, or why there is none. */
async function findPostgres(): Promise<{ url: string } | { skipped: string }> {
  const isPostgres = (u: string) => /^postgres(ql)?:\/\//i.test(u);
  const configured = [process.env.BENCH_DATABASE_URL, process.env.DATABASE_URL]
    .map((u) => u?.trim())
    .find((u) => u && isPostgres(u));
  const url = configured ?? DEFAULT_PG;
  const client = new pg.Client({ ...pgConfig(url), connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return { url };
  } catch (error) {
    const where = new URL(url);
    where.password = "";
    return {
      skipped: `PostgreSQL: skipped (no server at ${where.host}${where.pathname}: ${(error as Error).message}; set BENCH_DATABASE_URL)`,
    };
  } finally {
    await client.end().catch(() => {});
  }
}

/** Runs one database in a child process (this script) and reads back its results. */
function runChild(options: RunOptions): Promise<DatabaseResult> {
  const out = path.join(os.tmpdir(), `charted-bench-${process.pid}-${options.kind}.json`);
  rmSync(out, { force: true });
  const child = spawn(path.resolve("node_modules/.bin/tsx"), [path.resolve("scripts/bench.ts")], {
    env: { ...process.env, BENCH_CHILD_OUT: out, BENCH_CHILD_OPTIONS: JSON.stringify(options) },
    stdio: "inherit",
  });
  return new Promise((resolve, reject) =>
    child.on("exit", (code) => {
      if (code !== 0 || !existsSync(out)) return reject(new Error(`the ${options.kind} bench failed (exit ${code})`));
      const result = JSON.parse(readFileSync(out, "utf8")) as DatabaseResult;
      rmSync(out, { force: true });
      resolve(result);
    }),
  );
}

async function child(out: string) {
  const { runDatabase } = await import("./lib/bench-run.ts");
  const result = await runDatabase(JSON.parse(process.env.BENCH_CHILD_OPTIONS!) as RunOptions);
  writeFileSync(out, JSON.stringify(result));
  // Prisma's pools and the sampler's timers would otherwise keep the child alive.
  process.exit(0);
}

async function main() {
  if (!existsSync("build/server/index.js") || flag("--build"))
    execFileSync("npm", ["run", "-s", "build"], { stdio: "inherit" });
  const { printDatabase, printTargets, targetRecords } = await import("./lib/bench-report.ts");

  let sqlite: DatabaseResult | null = null;
  let postgres: DatabaseResult | null = null;
  let pgNote = "";
  if (!flag("--pg-only")) sqlite = await runChild(runOptions("sqlite", ""));
  if (!flag("--sqlite-only")) {
    const found = await findPostgres();
    if ("url" in found) postgres = await runChild(runOptions("postgres", found.url));
    else pgNote = found.skipped;
  } else pgNote = "PostgreSQL: skipped (--sqlite-only)";
  if (pgNote) console.log(`\n${pgNote}`);

  for (const r of [sqlite, postgres]) if (r) printDatabase(r);
  printTargets(sqlite, postgres, pgNote);

  mkdirSync("bench/results", { recursive: true });
  const file = `bench/results/${new Date().toISOString().slice(0, 19).replace(/:/g, "-")}.json`;
  const report = {
    date: new Date().toISOString(),
    cpus: os.cpus().length,
    node: process.version,
    sqlite,
    postgres,
    postgresSkipped: postgres ? null : pgNote,
    targets: targetRecords(sqlite, postgres),
  };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`Wrote ${file}`);
}

if (process.env.BENCH_CHILD_OUT) await child(process.env.BENCH_CHILD_OUT);
else await main();
