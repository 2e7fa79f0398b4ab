// npm run backup [-- --out PATH]: a consistent copy of DATABASE_URL's database, safe to take while
// Charted runs. SQLite: backups/charted-<time>.db; PostgreSQL: backups/charted-<time>.dump
// (pg_dump custom format, the schema in ?schema=). Restore with npm run restore.
import "./lib/env.mjs";
import { parseArgs } from "node:util";
import { databaseKind, databaseUrl, sqlitePath } from "../app/utils/database-url.ts";
import { BackupError, backupPostgres, backupSqlite, defaultBackupPath, formatSize } from "./lib/backup.ts";

const { values } = parseArgs({ options: { out: { type: "string" } } });
const url = databaseUrl();
const kind = databaseKind(url);
const out = values.out ?? defaultBackupPath(kind);
try {
  const backup = kind === "sqlite" ? backupSqlite(sqlitePath(url), out) : await backupPostgres(url, out);
  console.log(`Backup written: ${backup.file} (${formatSize(backup.bytes)})`);
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(`✗ ${error.message}`);
  process.exit(1);
}
