// Backups of Charted's database and their restore (npm run backup / npm run restore).
// SQLite: `VACUUM INTO` copies one read transaction's snapshot, WAL included, while the server
// keeps writing (in WAL mode a reader never blocks a writer), and never restarts the way the
// page-by-page backup API does when another connection writes. PostgreSQL: pg_dump's custom
// format of the one schema Charted uses, restored in a single transaction through psql.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { pgConfig } from "./migrate.ts";
import { SCHEMA_TABLES_SQL, quoteIdent, upkeepStatement } from "../../app/utils/pg-analyze.ts";

export type BackupKind = "sqlite" | "postgres";

/** `charted-2026-01-31T09-30-00Z`: sorts by time and is a valid file name everywhere. */
export function backupStamp(now = new Date()): string {
  return now
    .toISOString()
    .replace(/\.\d+Z$/, "Z")
    .replace(/:/g, "-");
}

export function defaultBackupPath(kind: BackupKind, now = new Date(), suffix = ""): string {
  return path.resolve("backups", `charted-${backupStamp(now)}${suffix}.${kind === "sqlite" ? "db" : "dump"}`);
}

/** What a file holds, from its first bytes: a SQLite database, a pg_dump custom archive, or neither. */
export function backupKindOf(file: string): BackupKind | null {
  const fd = openSync(file, "r");
  try {
    const head = Buffer.alloc(16);
    const n = readSync(fd, head, 0, 16, 0);
    if (n === 16 && head.toString("latin1") === "SQLite format 3\0") return "sqlite";
    if (n >= 5 && head.subarray(0, 5).toString("latin1") === "PGDMP") return "postgres";
    return null;
  } finally {
    closeSync(fd);
  }
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

/** A problem the operator can fix, said plainly (the scripts print it without a stack trace). */
export class BackupError extends Error {}

function refuseExisting(out: string) {
  if (existsSync(out)) throw new BackupError(`${out} already exists; choose another --out.`);
  mkdirSync(path.dirname(out), { recursive: true });
}

/** "ok", or the problems SQLite's integrity check finds. */
function integrityOf(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma("integrity_check") as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join("; ");
  } finally {
    db.close();
  }
}

/** A consistent copy of a live SQLite database at `out`, checked before it gets its final name. */
export function backupSqlite(file: string, out: string): { file: string; bytes: number } {
  if (!existsSync(file)) throw new BackupError(`There is no database at ${file} (DATABASE_URL): nothing to back up.`);
  refuseExisting(out);
  const partial = `${out}.partial`;
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    db.prepare("VACUUM INTO ?").run(partial);
  } finally {
    db.close();
  }
  const integrity = integrityOf(partial);
  if (integrity !== "ok") throw new BackupError(`The copy failed SQLite's integrity check (${integrity}).`);
  renameSync(partial, out);
  return { file: out, bytes: statSync(out).size };
}

/**
 * Puts a SQLite backup in place of `target`. The current database moves aside with its -wal and
 * -shm (a pair SQLite must keep together), so a stale WAL can never replay onto the restored
 * file, and nothing is lost if the backup was the wrong one. The server must be stopped.
 */
export function restoreSqlite(backup: string, target: string, now = new Date()): { keptAs: string | null } {
  checkSqliteBackup(backup);
  mkdirSync(path.dirname(target), { recursive: true });
  let keptAs: string | null = null;
  if (existsSync(target)) {
    keptAs = `${target}.before-restore-${backupStamp(now)}`;
    for (const suffix of ["", "-wal", "-shm"])
      if (existsSync(target + suffix)) renameSync(target + suffix, keptAs + suffix);
  }
  // A -wal or -shm left without its database (a crash, a manual delete) would replay onto the new file.
  for (const suffix of ["-wal", "-shm"]) rmSync(target + suffix, { force: true });
  const restoring = `${target}.restoring`;
  copyFileSync(backup, restoring);
  renameSync(restoring, target);
  // WAL is a property of the file, set when the database is migrated; a copy may not carry it.
  const db = new Database(target, { fileMustExist: true });
  try {
    db.pragma("journal_mode = WAL");
  } finally {
    db.close();
  }
  return { keptAs };
}

/** Refuses a file that is not a sound Charted SQLite database before anything is replaced. */
export function checkSqliteBackup(backup: string) {
  if (!existsSync(backup)) throw new BackupError(`There is no file ${backup}.`);
  if (backupKindOf(backup) !== "sqlite") throw new BackupError(`${backup} is not a SQLite database.`);
  const integrity = integrityOf(backup);
  if (integrity !== "ok") throw new BackupError(`${backup} fails SQLite's integrity check (${integrity}).`);
  const db = new Database(backup, { readonly: true, fileMustExist: true });
  try {
    const migrations = db.prepare("SELECT 1 FROM sqlite_master WHERE name = '_prisma_migrations'").get();
    if (!migrations) throw new BackupError(`${backup} is not a Charted database (it has no _prisma_migrations table).`);
  } finally {
    db.close();
  }
}

// PostgreSQL. The client tools get the connection through libpq's environment variables, so the
// password never appears in a process list.
function pgToolEnv(url: string): NodeJS.ProcessEnv {
  const { host, port, user, password, database } = pgConfig(url);
  const u = new URL(url);
  return {
    ...process.env,
    PGHOST: host,
    PGPORT: String(port),
    PGUSER: user,
    PGDATABASE: database,
    ...(typeof password === "string" && password ? { PGPASSWORD: password } : {}),
    ...(u.searchParams.get("sslmode") ? { PGSSLMODE: u.searchParams.get("sslmode")! } : {}),
    // psql's NOTICEs ("drop cascades to 60 other objects") are noise here.
    PGOPTIONS: "-c client_min_messages=warning",
  };
}

/** Checks that the PostgreSQL client tools are installed; says how to get them when not. */
export function requirePgTool(tool: "pg_dump" | "pg_restore" | "psql") {
  const probe = spawnSync(tool, ["--version"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    throw new BackupError(
      `${tool} is not installed (or not on PATH). It comes with the PostgreSQL client tools, in the same or a newer\n` +
        `major version than the server: Debian/Ubuntu: apt-get install postgresql-client; macOS: brew install libpq.`,
    );
  }
}

function runTool(tool: string, args: string[], env: NodeJS.ProcessEnv): string {
  const result = spawnSync(tool, args, { env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new BackupError(`${tool} failed:\n${result.stderr.trim()}`);
  return result.stdout;
}

export async function schemaExists(url: string): Promise<boolean> {
  const { schema, ...config } = pgConfig(url);
  const client = new pg.Client(config);
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema]);
    return rowCount === 1;
  } finally {
    await client.end();
  }
}

/** pg_dump (custom format) of DATABASE_URL's schema (`?schema=`, default public) into `out`. */
export async function backupPostgres(url: string, out: string): Promise<{ file: string; bytes: number }> {
  requirePgTool("pg_dump");
  const { schema, database } = pgConfig(url);
  if (!(await schemaExists(url)))
    throw new BackupError(`Database ${database} has no schema "${schema}" (DATABASE_URL): nothing to back up.`);
  refuseExisting(out);
  const partial = `${out}.partial`;
  runTool("pg_dump", ["--format=custom", `--schema=${schema}`, `--file=${partial}`], pgToolEnv(url));
  renameSync(partial, out);
  return { file: out, bytes: statSync(out).size };
}

/** The schema a Charted dump holds (pg_restore's table of contents), or null. */
function dumpSchema(backup: string): string | null {
  requirePgTool("pg_restore");
  const list = runTool("pg_restore", ["--list", backup], process.env);
  const schemas = [...list.matchAll(/^\d+; \d+ \d+ SCHEMA - (\S+) /gm)].map((m) => m[1]);
  return schemas.length === 1 ? schemas[0] : null;
}

/** Refuses a file that is not a dump of DATABASE_URL's schema before anything is replaced. */
export function checkPostgresBackup(backup: string, url: string) {
  if (!existsSync(backup)) throw new BackupError(`There is no file ${backup}.`);
  if (backupKindOf(backup) !== "postgres")
    throw new BackupError(`${backup} is not a pg_dump custom-format archive (npm run backup makes one).`);
  const { schema } = pgConfig(url);
  const dumped = dumpSchema(backup);
  if (!dumped) throw new BackupError(`${backup} does not hold exactly one schema: it was not made by npm run backup.`);
  if (dumped !== schema) {
    throw new BackupError(
      `${backup} holds schema "${dumped}" but DATABASE_URL names schema "${schema}". PostgreSQL cannot rename a ` +
        `schema on restore: restore into ?schema=${dumped}.`,
    );
  }
}

/**
 * Replaces DATABASE_URL's schema with a dump's, in one transaction: the schema is dropped with
 * everything in it (tables a later migration added too) and rebuilt from the dump, or, on any
 * error, left as it was. The dump must hold the same schema name (pg_restore cannot rename one).
 */
export async function restorePostgres(backup: string, url: string): Promise<void> {
  checkPostgresBackup(backup, url);
  requirePgTool("psql");
  const { schema } = pgConfig(url);
  const env = pgToolEnv(url);
  const quoted = quoteIdent(schema);
  // --no-owner/--no-privileges: the restoring role (the app's) owns what it creates.
  const dump = spawn("pg_restore", ["--no-owner", "--no-privileges", "--file=-", backup], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const psql = spawn("psql", ["--no-psqlrc", "--quiet", "-v", "ON_ERROR_STOP=1", "--output=/dev/null"], {
    env,
    stdio: ["pipe", "ignore", "pipe"],
  });
  const stderr = { dump: "", psql: "" };
  dump.stderr.on("data", (chunk: Buffer) => (stderr.dump += chunk.toString()));
  psql.stderr.on("data", (chunk: Buffer) => (stderr.psql += chunk.toString()));
  // psql stopping at an error closes its stdin: its exit code reports that, not the pipe.
  psql.stdin.on("error", () => {});
  // One transaction, committed only once pg_restore has written the whole script without error;
  // psql stopping at an error (ON_ERROR_STOP) ends the session, which rolls it back.
  psql.stdin.write(`BEGIN;\nDROP SCHEMA IF EXISTS ${quoted} CASCADE;\n`);
  dump.stdout.pipe(psql.stdin, { end: false });
  const exited = (child: ChildProcess) =>
    new Promise<number | null>((resolve, reject) => {
      child.once("error", reject);
      child.once("close", resolve);
    });
  const dumpDone = exited(dump);
  const psqlDone = exited(psql);
  // psql stopping early leaves pg_restore writing into a pipe nobody reads: stop it as well.
  const stopDump = () => dump.exitCode === null && dump.signalCode === null && dump.kill();
  psqlDone.then(stopDump, stopDump);
  const dumpCode = await dumpDone;
  if (!psql.stdin.destroyed) psql.stdin.end(dumpCode === 0 ? "COMMIT;\n" : "ROLLBACK;\n");
  const psqlCode = await psqlDone;
  if (psqlCode !== 0) throw new BackupError(`The restore was rolled back; nothing changed:\n${stderr.psql.trim()}`);
  if (dumpCode !== 0) throw new BackupError(`pg_restore failed; nothing changed:\n${stderr.dump.trim()}`);
  await settleSchema(url);
}

/**
 * A dump carries rows but no planner statistics: without them PostgreSQL plans the restored
 * tables blind until autovacuum (if on) gets to them, so VACUUM (ANALYZE) runs at once
 * (app/models/table-upkeep.server.ts says why both).
 */
async function settleSchema(url: string) {
  const { schema, ...config } = pgConfig(url);
  const client = new pg.Client(config);
  await client.connect();
  try {
    const tables = (await client.query<{ name: string }>(SCHEMA_TABLES_SQL, [schema])).rows.map((r) => r.name);
    if (tables.length) await client.query(upkeepStatement(schema, tables, true));
  } finally {
    await client.end();
  }
}
