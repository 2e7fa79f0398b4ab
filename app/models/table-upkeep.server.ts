// After a bulk load (content:sync, the seed, the bench's seed; a restore does the same on its own
// connection, scripts/lib/backup.ts), PostgreSQL is given at once what autovacuum would give it
// some time later, and never where autovacuum is off. Without statistics the planner made the
// queue's "next due card" a bitmap scan of all of a heavy learner's 20,000 cards (4 ms) instead
// of an index walk that stops at the first (0.05 ms); without VACUUM's visibility map, counts of
// review logs read every row's page instead of the index alone.
// SQLite without statistics assumes every index is selective, which is what these queries want,
// so it is left without them (an ANALYZE there could change plans the bench has measured).
import { db } from "~/utils/db.server.ts";
import { databaseKind } from "~/utils/database-url.ts";
import { SCHEMA_TABLES_SQL, upkeepStatement } from "~/utils/pg-analyze.ts";

/**
 * ANALYZE every table of the schema in use (PostgreSQL), with `vacuum` VACUUM (ANALYZE): for a
 * whole database just loaded, not for a few changed tables of a large one. The tables done (none
 * on SQLite).
 */
export async function settleTables(options: { vacuum: boolean }): Promise<string[]> {
  if (databaseKind() !== "postgres") return [];
  const [{ schema }] = await db.$queryRawUnsafe<{ schema: string }[]>(`SELECT current_schema()::text AS "schema"`);
  const tables = (await db.$queryRawUnsafe<{ name: string }[]>(SCHEMA_TABLES_SQL, schema)).map((t) => t.name);
  if (tables.length) await db.$executeRawUnsafe(upkeepStatement(schema, tables, options.vacuum));
  return tables;
}
