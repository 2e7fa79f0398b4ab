// npm run db:migrate: applies checked-in migrations to DATABASE_URL (SQLite by default).
import "./lib/env.mjs";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { databaseKind, databaseUrl, sqlitePath } from "../app/utils/database-url.ts";
import { migratePostgres, migrateSqlite } from "./lib/migrate.ts";

const url = databaseUrl();
if (databaseKind(url) === "postgres") {
  const applied = await migratePostgres(url);
  console.log(applied.length ? `PostgreSQL: applied ${applied.join(", ")}` : "PostgreSQL: up to date");
} else {
  const file = sqlitePath(url);
  mkdirSync(path.dirname(file), { recursive: true });
  const applied = migrateSqlite(file);
  console.log(applied.length ? `SQLite ${file}: applied ${applied.join(", ")}` : `SQLite ${file}: up to date`);
}
