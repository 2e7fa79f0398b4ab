// Every test file gets its own PostgreSQL schema in TEST_DATABASE_URL's database, migrated
// from prisma/migrations-pg, and dropped afterwards.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll } from "vitest";
import { migratePostgres, pgConfig } from "../../scripts/lib/migrate.ts";

const base = process.env.TEST_DATABASE_URL!;
const schema = `test_${randomBytes(6).toString("hex")}`;
const url = new URL(base);
url.searchParams.set("schema", schema);
await migratePostgres(url.toString());
process.env.DATABASE_URL = url.toString();

afterAll(async () => {
  const { db } = await import("../../app/utils/db.server.ts");
  await db.$disconnect();
  const { schema: _unused, ...config } = pgConfig(base);
  const client = new pg.Client(config);
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
});
