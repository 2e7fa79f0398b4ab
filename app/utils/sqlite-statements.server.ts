// Prisma's better-sqlite3 adapter (6.19) calls `prepare(sql)` for every query: SQLite parses and
// plans the same few dozen statements again on each request, and each prepared statement is a
// native object left for the collector. This keeps the compiled statement per SQL text (bounded,
// least recently used out) and hands the adapter a fresh binding of it each time, so a repeated
// query costs only its execution. Statements re-prepare themselves after a schema change.
import type { Database, Statement } from "better-sqlite3";
import { LRUCache } from "lru-cache";

/** What the adapter uses of a statement: `prepare(sql).bind(args)` then run/columns/raw().all. */
interface Bound {
  readonly reader: boolean;
  run(): ReturnType<Statement["run"]>;
  columns(): ReturnType<Statement["columns"]>;
  raw(): { all(): unknown[] };
}

// A statement's result columns are fixed by its SQL (the cache is emptied with the process).
const columnsOf = new WeakMap<Statement, ReturnType<Statement["columns"]>>();

function bindable(statement: Statement) {
  const columns = () => {
    let known = columnsOf.get(statement);
    if (!known) columnsOf.set(statement, (known = statement.columns()));
    return known;
  };
  const bound = (args: unknown[]): Bound => ({
    reader: statement.reader,
    run: () => statement.run(args),
    columns,
    // Raw mode is a property of the shared statement: set it on every use.
    raw: () => ({ all: () => statement.raw(true).all(args) }),
  });
  return { ...bound([]), bind: (args: unknown[]) => bound(args) };
}

/** Caches the connection's statements; returns the compiled statement for a SQL text (cached too). */
export function cacheStatements(client: Database, max = 500): (sql: string) => Statement {
  const cache = new LRUCache<string, Statement>({ max });
  const prepare = client.prepare.bind(client);
  const compiled = (sql: string) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
  client.prepare = ((sql: string) => bindable(compiled(sql))) as unknown as Database["prepare"];
  return compiled;
}
