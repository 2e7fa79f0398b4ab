import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { migratePostgres, migrateSqlite, pgConfig, readMigrations } from "./migrate.ts";

const tmp = () => mkdtempSync(path.join(os.tmpdir(), "charted-migrate-"));

describe("migrateSqlite", () => {
  it("applies every migration once, records it like Prisma, and turns on WAL", () => {
    const file = path.join(tmp(), "a.db");
    const names = readMigrations("prisma/migrations").map((m) => m.name);
    expect(migrateSqlite(file)).toEqual(names);
    expect(migrateSqlite(file)).toEqual([]);
    const db = new Database(file);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    const rows = db.prepare("SELECT migration_name, checksum, finished_at FROM _prisma_migrations").all() as {
      checksum: string;
      finished_at: string;
    }[];
    expect(rows).toHaveLength(names.length);
    expect(rows[0].checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].finished_at).toBeTruthy();
    db.close();
  });

  it("refuses a migration edited after it was applied", () => {
    const dir = tmp();
    cpSync("prisma/migrations", dir, { recursive: true });
    const file = path.join(tmp(), "b.db");
    migrateSqlite(file, dir);
    const first = readMigrations(dir)[0];
    const sqlFile = path.join(dir, first.name, "migration.sql");
    writeFileSync(sqlFile, `${readFileSync(sqlFile, "utf8")}\n-- edited\n`);
    expect(() => migrateSqlite(file, dir)).toThrow(/was edited after it was applied/);
  });

  it("leaves a database the Prisma CLI reports as up to date", () => {
    const file = path.join(tmp(), "c.db");
    migrateSqlite(file);
    const out = execFileSync("npx", ["prisma", "migrate", "status"], {
      env: { ...process.env, DATABASE_URL: `file:${file}` },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    expect(out).toContain("Database schema is up to date!");
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("migratePostgres", () => {
  it("applies pending migrations into a schema once and records them", async () => {
    const schema = `migrate_${Date.now()}`;
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.searchParams.set("schema", schema);
    const names = readMigrations("prisma/migrations-pg").map((m) => m.name);
    expect(await migratePostgres(url.toString())).toEqual(names);
    expect(await migratePostgres(url.toString())).toEqual([]);
    const { schema: _s, ...config } = pgConfig(url.toString());
    const client = new pg.Client(config);
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT migration_name, applied_steps_count FROM "${schema}"._prisma_migrations`,
      );
      expect(rows).toEqual(names.map((migration_name) => ({ migration_name, applied_steps_count: 1 })));
      const tables = await client.query(
        `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1`,
        [schema],
      );
      expect(tables.rows[0].n).toBeGreaterThan(10);
    } finally {
      await client.query(`DROP SCHEMA "${schema}" CASCADE`);
      await client.end();
    }
  });
});
