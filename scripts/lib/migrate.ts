// Applies checked-in migrations the way `prisma migrate deploy` does, recording each in
// _prisma_migrations (same table, checksum = sha256 of migration.sql) so the Prisma CLI and a
// classic-engine machine agree on what is applied. Why not the CLI: for PostgreSQL it fails
// through adapter-pg in 6.19 (docs/decisions/002-migrations.md); for SQLite this is also ~50x
// faster than spawning the CLI, which matters for one fresh database per test file.
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { quoteIdent } from "../../app/utils/pg-analyze.ts";

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir: string): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

export const SQLITE_MIGRATIONS_DIR = path.resolve("prisma", "migrations");
export const PG_MIGRATIONS_DIR = path.resolve("prisma", "migrations-pg");

function assertUnchanged(applied: Map<string, string>, migrations: Migration[]) {
  for (const m of migrations) {
    const checksum = applied.get(m.name);
    if (checksum && checksum !== m.checksum) {
      throw new Error(
        `Migration ${m.name} was edited after it was applied (checksum differs). Add a new migration instead.`,
      );
    }
  }
}

/** Applies pending migrations to a SQLite file and turns on WAL. Returns the names applied. */
export function migrateSqlite(file: string, dir = SQLITE_MIGRATIONS_DIR): string[] {
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 5000");
    db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
      "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
      "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
      "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`);
    const rows = db
      .prepare(
        `SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      )
      .all() as { migration_name: string; checksum: string }[];
    const applied = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    const migrations = readMigrations(dir);
    assertUnchanged(applied, migrations);
    const done: string[] = [];
    for (const m of migrations.filter((m) => !applied.has(m.name))) {
      const started = new Date().toISOString();
      db.transaction(() => {
        db.exec(m.sql);
        db.prepare(
          `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`,
        ).run(randomUUID(), m.checksum, new Date().toISOString(), m.name, started);
      })();
      done.push(m.name);
    }
    return done;
  } finally {
    db.close();
  }
}

/** Connection settings for pg from a postgres:// URL; `?schema=` selects the search_path. */
export function pgConfig(url: string): pg.ClientConfig & { schema: string } {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username) || process.env.PGUSER || process.env.USER || "postgres",
    password: decodeURIComponent(u.password) || undefined,
    database: decodeURIComponent(u.pathname.slice(1)) || undefined,
    schema: u.searchParams.get("schema") ?? "public",
  };
}

/** Applies pending migrations to PostgreSQL, each in its own transaction, under Prisma's advisory lock. */
export async function migratePostgres(url: string, dir = PG_MIGRATIONS_DIR): Promise<string[]> {
  const { schema, ...config } = pgConfig(url);
  const client = new pg.Client(config);
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(72707369)");
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    await client.query(`SET search_path TO ${quoteIdent(schema)}`);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    const migrations = readMigrations(dir);
    assertUnchanged(applied, migrations);
    const done: string[] = [];
    for (const m of migrations.filter((m) => !applied.has(m.name))) {
      const id = randomUUID();
      await client.query("BEGIN");
      try {
        await client.query(
          `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
          [id, m.checksum, m.name],
        );
        await client.query(m.sql);
        await client.query(`UPDATE _prisma_migrations SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [
          id,
        ]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${m.name} failed: ${(error as Error).message}`);
      }
      done.push(m.name);
    }
    return done;
  } finally {
    await client.query("SELECT pg_advisory_unlock(72707369)").catch(() => {});
    await client.end();
  }
}
