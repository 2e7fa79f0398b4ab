// Quoted PostgreSQL identifiers, and the statements that settle one schema's tables after a bulk
// load, for the app's client (models/table-upkeep.server.ts) and for the restore's own connection
// (scripts/lib/backup.ts). Pure text: no database client here.

/** A PostgreSQL identifier, quoted (any `"` in it doubled). */
export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The schema's tables ($1: the schema's name). */
export const SCHEMA_TABLES_SQL = `SELECT "tablename"::text AS "name" FROM "pg_tables" WHERE "schemaname" = $1 ORDER BY 1`;

/**
 * ANALYZE gathers the planner's statistics; VACUUM also marks the loaded pages all-visible, so a
 * count can be answered from an index alone. Both take a list of tables; VACUUM runs outside a
 * transaction only.
 */
export function upkeepStatement(schema: string, tables: string[], vacuum: boolean): string {
  return `${vacuum ? "VACUUM (ANALYZE)" : "ANALYZE"} ${tables.map((t) => `${quoteIdent(schema)}.${quoteIdent(t)}`).join(", ")}`;
}
