// The one Prisma client. SQLite (better-sqlite3 adapter) unless DATABASE_URL is postgres://.
// Both generated clients come from the same data model, so the SQLite client's types serve for
// both. Kept on globalThis so dev reloads do not open a new connection each time.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { Pool } from "pg";
import { PrismaClient } from "~/generated/prisma-sqlite/client.ts";
import { checkpointInBackground } from "./sqlite-checkpoint.server.ts";
import { withSharedConnection, type SqliteConnection } from "./sqlite-connection.server.ts";
import { databaseKind, databaseUrl, sqlitePath } from "./database-url.ts";
import { quoteIdent } from "./pg-analyze.ts";

export type Db = PrismaClient;

/** The SQLite connection Prisma uses, for direct SQL (sql.server.ts); null on PostgreSQL. */
export function sqliteConnection(): SqliteConnection | null {
  return globalThis.__chartedSqlite ?? null;
}

/** The PostgreSQL pool Prisma uses, for direct SQL (sql.server.ts); null on SQLite or once ended. */
export function postgresPool(): Pool | null {
  const pool = globalThis.__chartedPgPool;
  return pool && !pool.ending ? pool : null;
}

async function createClient(): Promise<Db> {
  const url = databaseUrl();
  if (databaseKind(url) === "postgres") {
    const [{ PrismaPg }, pgClient, { default: pg }] = await Promise.all([
      import("@prisma/adapter-pg"),
      import("~/generated/prisma-pg/client.ts"),
      import("pg"),
    ]);
    const u = new URL(url);
    const schema = u.searchParams.get("schema") ?? undefined;
    u.searchParams.delete("schema");
    // One pool for Prisma and for Charted's direct SQL (sql.server.ts), so DATABASE_POOL_SIZE is
    // every connection the process opens; $disconnect ends it.
    const pool = new pg.Pool({
      connectionString: u.toString(),
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      // Raw SQL names tables unqualified: resolve them in the same schema.
      ...(schema ? { options: `-c search_path=${quoteIdent(schema)}` } : {}),
    });
    globalThis.__chartedPgPool = pool;
    const adapter = new PrismaPg(pool, { schema, disposeExternalPool: true });
    return new pgClient.PrismaClient({ adapter }) as unknown as Db;
  }
  // busy timeout: concurrent writers wait for the lock instead of failing; WAL is set when
  // the database is migrated (it is a property of the file).
  const adapter = withSharedConnection(
    new PrismaBetterSQLite3({ url: `file:${sqlitePath(url)}`, timeout: 5000 }),
    (connection) => (globalThis.__chartedSqlite = connection),
  );
  const client = new PrismaClient({ adapter });
  // In WAL mode NORMAL still survives an app crash (kill -9) with every committed write; it
  // skips the fsync per commit that FULL does, which costs more than the query itself.
  await client.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  const connection = sqliteConnection();
  if (connection) checkpointInBackground(connection.client, sqlitePath(url));
  return client;
}

declare global {
  var __chartedDb: Promise<Db> | undefined;
  var __chartedSqlite: SqliteConnection | undefined;
  var __chartedPgPool: Pool | undefined;
}

export const db: Db = await (process.env.NODE_ENV === "development"
  ? (globalThis.__chartedDb ??= createClient())
  : createClient());
