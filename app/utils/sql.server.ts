// Raw SQL for the hottest paths (a rating, the session lookup). Through Prisma each raw query
// costs about 0.2 ms (SQLite) to 0.4 ms (PostgreSQL) of JavaScript and an ORM query about 0.7 ms
// (its WebAssembly query compiler runs per call), while the database runs these indexed
// statements in 0.01–0.1 ms. So they bypass Prisma: on SQLite they run the cached statement on
// Prisma's own connection, behind the same transaction gate (sqlite-connection.server.ts); on
// PostgreSQL they run on the pool Prisma's adapter uses (db.server.ts), and a transaction is
// BEGIN … COMMIT on one of its connections rather than Prisma's interactive transaction.
// Queries are portable Prisma.sql templates (decision 005), so one text serves both; rows come
// back as the driver gives them (SQLite: dates as ISO text, booleans as 0/1, counts as numbers;
// PostgreSQL: Date, boolean, numbers), so callers map columns with `col` below.
import type { Prisma } from "~/generated/prisma-sqlite/client.ts";
import type { Pool, PoolClient } from "pg";
import pg from "pg";
import { db, postgresPool, sqliteConnection } from "./db.server.ts";
import type { SqliteConnection } from "./sqlite-connection.server.ts";

export type Row = Record<string, unknown>;

export interface SqlRunner {
  /** The rows of a query that returns rows. */
  rows<T = Row>(query: Prisma.Sql): Promise<T[]>;
  /** Runs a write; the number of rows it changed. */
  run(query: Prisma.Sql): Promise<number>;
}

// What Prisma's adapter stores for each value (its default "iso8601" timestamp format, which
// text comparisons between bound dates and stored ones depend on).
function sqliteValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

function directRunner(connection: SqliteConnection): SqlRunner {
  return {
    async rows<T>(query: Prisma.Sql) {
      // Raw mode is a property of the shared statement (Prisma's adapter sets it): set it on every use.
      return connection.statement(query.sql).raw(false).all(query.values.map(sqliteValue)) as T[];
    },
    async run(query: Prisma.Sql) {
      return connection.statement(query.sql).run(query.values.map(sqliteValue)).changes;
    },
  };
}

// PostgreSQL values as Prisma's adapter reads and writes them: a timestamp column holds UTC
// wall time (no zone), and counts and numerics come back as numbers (never past 2^53 here).
const { builtins } = pg.types;
const pgParsers: Record<number, (text: string) => unknown> = {
  [builtins.TIMESTAMP]: (text) => new Date(`${text.replace(" ", "T")}Z`),
  [builtins.DATE]: (text) => text,
  [builtins.INT8]: Number,
  [builtins.NUMERIC]: Number,
};
const pgTypes = {
  getTypeParser: (oid: number, format?: "text" | "binary") => pgParsers[oid] ?? pg.types.getTypeParser(oid, format),
} as pg.CustomTypesConfig;
const pgValue = (value: unknown) =>
  value instanceof Date ? value.toISOString().slice(0, 23).replace("T", " ") : value;

function postgresRunner(client: Pool | PoolClient): SqlRunner {
  const send = (query: Prisma.Sql) =>
    client.query({ text: query.text, values: query.values.map(pgValue), types: pgTypes });
  return {
    rows: async <T>(query: Prisma.Sql) => (await send(query)).rows as T[],
    run: async (query: Prisma.Sql) => (await send(query)).rowCount ?? 0,
  };
}

async function postgresTransaction<T>(pool: Pool, fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    try {
      const result = await fn(postgresRunner(client));
      await client.query("COMMIT");
      return result;
    } catch (error) {
      // A connection that cannot even roll back is dropped from the pool, not reused.
      await client.query("ROLLBACK").catch((e: Error) => (broken = e));
      throw error;
    }
  } finally {
    client.release(broken);
  }
}

type PrismaRaw = Pick<typeof db, "$queryRaw" | "$executeRaw">;

function prismaRunner(client: PrismaRaw): SqlRunner {
  return {
    rows: <T>(query: Prisma.Sql) => client.$queryRaw<T[]>(query),
    run: (query: Prisma.Sql) => client.$executeRaw(query),
  };
}

/** Waits for any open transaction on the SQLite connection, then runs directly. */
function outsideTransactions(connection: SqliteConnection): SqlRunner {
  const direct = directRunner(connection);
  const { gate } = connection;
  return {
    rows: <T>(query: Prisma.Sql) => gate.outside(() => direct.rows<T>(query)),
    run: (query: Prisma.Sql) => gate.outside(() => direct.run(query)),
  };
}

// One runner per connection (a dev reload may bring a new one), not one per query.
const runners = new WeakMap<SqliteConnection, SqlRunner>();

const postgresRunners = new WeakMap<Pool, SqlRunner>();

function runner(): SqlRunner {
  const connection = sqliteConnection();
  if (!connection) {
    const pool = postgresPool();
    if (!pool) return prismaRunner(db);
    let known = postgresRunners.get(pool);
    if (!known) postgresRunners.set(pool, (known = postgresRunner(pool)));
    return known;
  }
  let known = runners.get(connection);
  if (!known) runners.set(connection, (known = outsideTransactions(connection)));
  return known;
}

export const sql: SqlRunner & {
  /**
   * Runs `fn`'s statements as one transaction: committed when it returns, rolled back when it
   * throws. On SQLite the write lock is taken at BEGIN (IMMEDIATE), so the transaction never fails
   * half way for another writer.
   */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
} = {
  rows: (query) => runner().rows(query),
  run: (query) => runner().run(query),
  async transaction(fn) {
    const connection = sqliteConnection();
    if (!connection) {
      const pool = postgresPool();
      return pool ? postgresTransaction(pool, fn) : db.$transaction((tx) => fn(prismaRunner(tx)));
    }
    const release = await connection.gate.acquire();
    try {
      connection.statement("BEGIN IMMEDIATE").run();
      try {
        const result = await fn(directRunner(connection));
        connection.statement("COMMIT").run();
        return result;
      } catch (error) {
        if (connection.client.inTransaction) connection.statement("ROLLBACK").run();
        throw error;
      }
    } finally {
      release();
    }
  },
};

/** Column values as either database returns them in raw rows, typed. */
export const col = {
  text: (v: unknown): string => String(v),
  textOrNull: (v: unknown): string | null => (v == null ? null : String(v)),
  int: (v: unknown): number => Number(v),
  intOrNull: (v: unknown): number | null => (v == null ? null : Number(v)),
  date: (v: unknown): Date => new Date(v as string | Date),
  dateOrNull: (v: unknown): Date | null => (v == null ? null : new Date(v as string | Date)),
  /** SQLite has no boolean: 0/1 there, true/false on PostgreSQL. */
  flag: (v: unknown): boolean => v === true || Number(v) === 1,
};
