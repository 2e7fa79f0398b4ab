// The documented PostgreSQL setup, `db:migrate` then `content:sync` (no seed, no demo accounts),
// on an empty schema: a working question bank and review cards, and no account at all.
// (db:seed without --demo on SQLite is checked in seed.test.ts.)
import { execFileSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { pgConfig } from "./lib/migrate.ts";

const pgUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!pgUrl)("PostgreSQL: migrate + content:sync (runs when TEST_DATABASE_URL is set)", () => {
  const schema = `content_sync_${Date.now()}`;
  const url = new URL(pgUrl ?? "postgresql://localhost/none");
  url.searchParams.set("schema", schema);
  const { schema: _s, ...config } = pgConfig(url.toString());
  const run = (script: string) =>
    execFileSync(path.resolve("node_modules/.bin/tsx"), [script], {
      env: { ...process.env, DATABASE_URL: url.toString() },
      encoding: "utf8",
    });
  const count = async (table: string) => {
    const client = new pg.Client(config);
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${schema}"."${table}"`);
      return rows[0].n;
    } finally {
      await client.end();
    }
  };
  afterAll(async () => {
    const client = new pg.Client(config);
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  it("loads questions and cards and creates no user; a second sync changes nothing", { timeout: 180_000 }, async () => {
    run("scripts/db-migrate.ts");
    const first = run("scripts/content-sync.ts");
    expect(first).toMatch(/Questions: [1-9]\d* new/);
    const questions = await count("Question");
    const cards = await count("ContentCard");
    expect(questions).toBeGreaterThan(100);
    expect(await count("QuestionVersion")).toBeGreaterThanOrEqual(questions);
    expect(cards).toBeGreaterThan(100);
    expect(await count("User")).toBe(0);

    const second = run("scripts/content-sync.ts");
    expect(second).toContain("Questions: 0 new, 0 new versions");
    expect(await count("Question")).toBe(questions);
    expect(await count("ContentCard")).toBe(cards);
  });
});
