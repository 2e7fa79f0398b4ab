// Which database Charted talks to: SQLite unless DATABASE_URL is a postgres:// URL.
// Shared by the app, the Prisma CLI config and scripts, so all agree on the default.
import path from "node:path";

export type DatabaseKind = "sqlite" | "postgres";

export function defaultSqliteUrl(): string {
  return `file:${path.resolve(process.cwd(), "data", "charted.db")}`;
}

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL?.trim();
  return url ? url : defaultSqliteUrl();
}

export function databaseKind(url = databaseUrl()): DatabaseKind {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgres";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(`DATABASE_URL must start with file: or postgres:// (got "${url.split(":")[0]}:")`);
}

/** The filesystem path of a file: URL (relative paths resolve against the working directory). */
export function sqlitePath(url: string): string {
  return path.resolve(process.cwd(), url.replace(/^file:/, "").replace(/\?.*$/, ""));
}
