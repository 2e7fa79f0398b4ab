// npm run backup / restore: a SQLite backup taken while another process writes (WAL mode, never
// checkpointed) holds every committed row and is sound; a restore brings back a deleted row and
// never replays the replaced database's WAL. PostgreSQL the same, in a scratch schema.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import {
  BackupError,
  backupKindOf,
  backupPostgres,
  backupSqlite,
  restorePostgres,
  restoreSqlite,
  schemaExists,
} from "./backup.ts";
import { migratePostgres, migrateSqlite, pgConfig } from "./migrate.ts";

const tmp = () => mkdtempSync(path.join(os.tmpdir(), "charted-backup-"));

function freshDatabase() {
  const file = path.join(tmp(), "charted.db");
  migrateSqlite(file);
  return file;
}

/** Runs `source` in another Node process (with better-sqlite3 from this project) on `file`. */
function otherProcess(source: string, file: string): ChildProcess {
  return spawn(process.execPath, ["-e", source, file], { stdio: ["ignore", "pipe", "inherit"] });
}

const waitForLine = (child: ChildProcess, line: string) =>
  new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(line)) resolve();
    });
    child.once("exit", (code) => reject(new Error(`writer exited (${code}) before "${line}"`)));
  });

// Commits numbered rows for as long as it runs. wal_autocheckpoint = 0: every row stays in the
// -wal file, so a copy of the main file alone would miss them.
const WRITER = `
const Database = require("better-sqlite3");
const db = new Database(process.argv[1]);
db.pragma("journal_mode = WAL");
db.pragma("wal_autocheckpoint = 0");
db.pragma("busy_timeout = 5000");
db.exec("CREATE TABLE backup_probe (id INTEGER PRIMARY KEY, note TEXT NOT NULL)");
const insert = db.prepare("INSERT INTO backup_probe (note) VALUES (?)");
let n = 0;
(function tick() {
  for (let i = 0; i < 20; i++) insert.run("row " + ++n);
  if (n === 400) console.log("ready");
  setImmediate(tick);
})();
`;

function probeIds(file: string): number[] {
  const db = new Database(file, { readonly: true });
  try {
    const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'backup_probe'").get();
    if (!exists) return [];
    return (db.prepare("SELECT id FROM backup_probe ORDER BY id").all() as { id: number }[]).map((r) => r.id);
  } finally {
    db.close();
  }
}

describe("SQLite backup", () => {
  it("copies a database another process is writing to: every committed row, WAL included, sound", async () => {
    const file = freshDatabase();
    const writer = otherProcess(WRITER, file);
    try {
      await waitForLine(writer, "ready");
      const committed = Math.max(...probeIds(file));
      expect(committed).toBeGreaterThanOrEqual(400);
      // The rows live in the WAL: a plain copy of the database file does not have them.
      const naive = path.join(tmp(), "naive.db");
      copyFileSync(file, naive);
      expect(probeIds(naive)).toEqual([]);

      const out = path.join(tmp(), "backups", "b.db");
      const backup = backupSqlite(file, out);
      expect(backup).toEqual({ file: out, bytes: statSync(out).size });

      const ids = probeIds(out);
      // Every row committed before the backup began, and a consistent prefix: no gaps.
      expect(ids.length).toBeGreaterThanOrEqual(committed);
      expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => i + 1));
      const db = new Database(out, { readonly: true });
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      db.close();
      // The writer was never held up: it kept committing past the backup's snapshot.
      await new Promise((r) => setTimeout(r, 100));
      expect(Math.max(...probeIds(file))).toBeGreaterThan(ids.length);
      expect(existsSync(`${out}.partial`)).toBe(false);
    } finally {
      writer.kill("SIGKILL");
    }
  });

  it("will not overwrite an existing file", () => {
    const file = freshDatabase();
    const out = path.join(tmp(), "b.db");
    backupSqlite(file, out);
    expect(() => backupSqlite(file, out)).toThrow(BackupError);
  });
});

describe("SQLite restore", () => {
  it("brings back a deleted row and does not replay the replaced database's WAL", async () => {
    const file = freshDatabase();
    const db = new Database(file);
    db.exec("CREATE TABLE backup_probe (id INTEGER PRIMARY KEY, note TEXT NOT NULL)");
    db.prepare("INSERT INTO backup_probe (note) VALUES (?)").run("keep me");
    db.close();
    const backup = path.join(tmp(), "b.db");
    backupSqlite(file, backup);

    // A server deletes the row and dies (kill -9): the delete is only in the -wal file it leaves.
    const crashed = otherProcess(
      `const db = new (require("better-sqlite3"))(process.argv[1]);
       db.pragma("wal_autocheckpoint = 0");
       db.prepare("DELETE FROM backup_probe").run();
       process.kill(process.pid, "SIGKILL");`,
      file,
    );
    await new Promise((resolve) => crashed.once("exit", resolve));
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
    expect(probeIds(file)).toEqual([]);

    const { keptAs } = restoreSqlite(backup, file, new Date("2026-03-01T10:00:00Z"));
    expect(probeIds(file)).toEqual([1]);
    const restored = new Database(file);
    expect(restored.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(restored.pragma("integrity_check", { simple: true })).toBe("ok");
    restored.close();
    // The replaced database moved aside whole, its WAL with it: it still shows the delete.
    expect(keptAs).toBe(`${file}.before-restore-2026-03-01T10-00-00Z`);
    expect(probeIds(keptAs!)).toEqual([]);
  });

  it("refuses a file that is not a Charted database and leaves the database alone", () => {
    const file = freshDatabase();
    const stranger = path.join(tmp(), "other.db");
    new Database(stranger).exec("CREATE TABLE t (x)");
    const before = statSync(file).mtimeMs;
    expect(() => restoreSqlite(stranger, file)).toThrow(/not a Charted database/);
    expect(() => restoreSqlite(path.resolve("package.json"), file)).toThrow(/not a SQLite database/);
    expect(statSync(file).mtimeMs).toBe(before);
    expect(existsSync(`${file}.restoring`)).toBe(false);
  });

  it("npm run restore without --yes says to stop the server and changes nothing", { timeout: 60_000 }, () => {
    const file = freshDatabase();
    const backup = path.join(tmp(), "b.db");
    backupSqlite(file, backup);
    const before = statSync(file).mtimeMs;
    let output = "";
    try {
      execFileSync(path.resolve("node_modules/.bin/tsx"), ["scripts/restore.ts", backup], {
        env: { ...process.env, DATABASE_URL: `file:${file}` },
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
    } catch (error) {
      output = (error as { stderr: string }).stderr;
    }
    expect(output).toContain("Stop the Charted server first");
    expect(output).toContain("--yes");
    expect(statSync(file).mtimeMs).toBe(before);
  });
});

const pgUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!pgUrl)("PostgreSQL backup and restore (runs when TEST_DATABASE_URL is set)", () => {
  const schema = `backup_${Date.now()}`;
  const url = (() => {
    const u = new URL(pgUrl ?? "postgresql://localhost/none");
    u.searchParams.set("schema", schema);
    return u.toString();
  })();
  const { schema: _s, ...config } = pgConfig(url);
  const query = async <T extends pg.QueryResultRow>(sql: string) => {
    const client = new pg.Client(config);
    await client.connect();
    try {
      return (await client.query<T>(sql)).rows;
    } finally {
      await client.end();
    }
  };
  afterAll(async () => {
    if (pgUrl) await query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  });

  it("dumps the schema, and a restore brings back a deleted row and drops a later table", async () => {
    await migratePostgres(url);
    await query(`CREATE TABLE "${schema}".backup_probe (id INT PRIMARY KEY, note TEXT NOT NULL)`);
    await query(`INSERT INTO "${schema}".backup_probe VALUES (1, 'keep me'), (2, 'and me')`);
    const out = path.join(tmp(), "b.dump");
    const backup = await backupPostgres(url, out);
    expect(backup.bytes).toBeGreaterThan(0);
    expect(backupKindOf(out)).toBe("postgres");

    await query(`DELETE FROM "${schema}".backup_probe WHERE id = 1`);
    // A table a later migration added: the restore must not trip over it.
    await query(`CREATE TABLE "${schema}".added_later (x INT)`);
    await restorePostgres(out, url);

    expect(await query(`SELECT id, note FROM "${schema}".backup_probe ORDER BY id`)).toEqual([
      { id: 1, note: "keep me" },
      { id: 2, note: "and me" },
    ]);
    expect(await query(`SELECT to_regclass('"${schema}".added_later') AS t`)).toEqual([{ t: null }]);
    const migrations = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "${schema}"._prisma_migrations`);
    expect(migrations[0].n).toBeGreaterThan(10);
    // A dump holds no planner statistics: the restore gathered them (pg_stats has the probe's columns).
    const stats = await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stats WHERE schemaname = '${schema}' AND tablename = 'backup_probe'`,
    );
    expect(stats[0].n).toBe(2);
  });

  it("refuses a dump of another schema and changes nothing", async () => {
    expect(await schemaExists(url)).toBe(true);
    const out = path.join(tmp(), "b.dump");
    await backupPostgres(url, out);
    const other = new URL(url);
    other.searchParams.set("schema", `${schema}_other`);
    await expect(restorePostgres(out, other.toString())).rejects.toThrow(/holds schema/);
    expect(await schemaExists(other.toString())).toBe(false);
  });
});
