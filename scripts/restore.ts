// npm run restore -- <file> --yes: puts a backup from npm run backup in place of DATABASE_URL's
// database. Stop the server first: it would keep writing to the database being replaced.
// SQLite: the current file moves aside (…before-restore-<time>); PostgreSQL: the schema is
// dumped to backups/ first, then replaced in one transaction.
import "./lib/env.mjs";
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { databaseKind, databaseUrl, sqlitePath } from "../app/utils/database-url.ts";
import {
  BackupError,
  backupKindOf,
  backupPostgres,
  checkPostgresBackup,
  checkSqliteBackup,
  defaultBackupPath,
  formatSize,
  restorePostgres,
  restoreSqlite,
  schemaExists,
} from "./lib/backup.ts";
import { pgConfig } from "./lib/migrate.ts";

const { values, positionals } = parseArgs({ options: { yes: { type: "boolean" } }, allowPositionals: true });
const file = positionals[0];
if (!file || positionals.length > 1) {
  console.error("Usage: npm run restore -- <backup file> --yes   (stop the server first)");
  process.exit(1);
}
const url = databaseUrl();
const kind = databaseKind(url);
const LABEL = { sqlite: "SQLite", postgres: "PostgreSQL" } as const;

try {
  // Check the file before asking, so a wrong file is caught before anyone stops a server for it.
  if (!existsSync(file)) throw new BackupError(`There is no file ${file}.`);
  const fileKind = backupKindOf(file);
  if (fileKind !== kind) {
    throw new BackupError(
      `${file} is ${fileKind ? `a ${LABEL[fileKind]} backup` : "not a backup made by npm run backup"}, but ` +
        `DATABASE_URL is a ${LABEL[kind]} database.`,
    );
  }
  const target = kind === "sqlite" ? sqlitePath(url) : describePg(url);
  if (kind === "sqlite") checkSqliteBackup(file);
  else checkPostgresBackup(file, url);

  if (!values.yes) {
    console.error(
      `This replaces ${target} with ${file}.\n` +
        "Stop the Charted server first (it would keep writing to the database being replaced), then run again\n" +
        `with --yes:  npm run restore -- ${file} --yes`,
    );
    process.exit(1);
  }

  if (kind === "sqlite") {
    const { keptAs } = restoreSqlite(file, target);
    console.log(`Restored ${target} from ${file}.`);
    if (keptAs) console.log(`The database it replaced is kept as ${keptAs} (delete it once you are satisfied).`);
  } else {
    // Keep what is there now (a schema that does not exist yet has nothing to keep).
    const saved = (await schemaExists(url))
      ? await backupPostgres(url, defaultBackupPath("postgres", new Date(), "-before-restore"))
      : null;
    if (saved) console.log(`The current data is saved first: ${saved.file} (${formatSize(saved.bytes)})`);
    await restorePostgres(file, url);
    console.log(`Restored ${target} from ${file}.`);
  }
  console.log(
    "Next: npm run db:migrate (a backup from an older release needs the newer migrations), then start Charted.",
  );
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(`✗ ${error.message}`);
  process.exit(1);
}

function describePg(pgUrl: string) {
  const { host, port, database, schema } = pgConfig(pgUrl);
  return `PostgreSQL ${host}:${port}/${database} (schema ${schema})`;
}
