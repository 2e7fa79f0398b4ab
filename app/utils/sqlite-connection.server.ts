// The one SQLite connection, shared by Prisma and by Charted's direct SQL (sql.server.ts).
//
// Prisma's better-sqlite3 adapter (6.19) serializes its transactions with a lock, but its plain
// queries do not wait for it: a write from another request that arrives while a transaction is
// open runs on the same connection, inside that transaction, and is lost if it rolls back. The
// gate here is one lock for the connection: a transaction (Prisma's or ours) holds it from BEGIN
// to COMMIT or ROLLBACK, and every query outside a transaction waits until it is free.
import type { Database, Statement } from "better-sqlite3";
import { cacheStatements } from "./sqlite-statements.server.ts";

/**
 * One transaction at a time; queries outside it wait for it to end. Whoever wakes when the
 * holder lets go checks again and acts in the same step (no await between), so a waiter never
 * runs inside a transaction another waiter took first.
 */
export class TransactionGate {
  #held: Promise<void> | null = null;

  /** Runs `fn` at once when no transaction holds the connection, else once it is let go. */
  outside<T>(fn: () => Promise<T>): Promise<T> {
    return this.#held ? this.#afterRelease(fn) : fn();
  }

  async #afterRelease<T>(fn: () => Promise<T>): Promise<T> {
    while (this.#held) await this.#held;
    return fn();
  }

  /** Holds the connection; the returned function lets it go (once). */
  async acquire(): Promise<() => void> {
    while (this.#held) await this.#held;
    let open!: () => void;
    this.#held = new Promise<void>((resolve) => (open = resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#held = null;
      open();
    };
  }
}

/** What direct SQL needs of the connection. */
export interface SqliteConnection {
  readonly client: Database;
  readonly gate: TransactionGate;
  /** The compiled statement for a SQL text (cached with Prisma's). */
  statement(sql: string): Statement;
}

type Query = unknown;
interface Queryable {
  queryRaw(query: Query): Promise<unknown>;
  executeRaw(query: Query): Promise<unknown>;
}
interface Adapter extends Queryable {
  client?: Database;
  executeScript?(script: string): Promise<void>;
  startTransaction(
    isolationLevel?: string,
  ): Promise<Queryable & { commit(): Promise<void>; rollback(): Promise<void> }>;
}

function gateAdapter(adapter: Adapter, gate: TransactionGate) {
  for (const method of ["queryRaw", "executeRaw"] as const) {
    const run = adapter[method].bind(adapter);
    // The adapter runs the statement synchronously when called, so it runs while the gate is free.
    adapter[method] = (query: Query) => gate.outside(() => run(query));
  }
  if (adapter.executeScript) {
    const script = adapter.executeScript.bind(adapter);
    adapter.executeScript = (sql: string) => gate.outside(() => script(sql));
  }
  const start = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel?: string) => {
    const release = await gate.acquire();
    try {
      const tx = await start(isolationLevel);
      const commit = tx.commit.bind(tx);
      const rollback = tx.rollback.bind(tx);
      tx.commit = () => commit().finally(release);
      tx.rollback = () => rollback().finally(release);
      return tx;
    } catch (error) {
      release();
      throw error;
    }
  };
}

/**
 * The adapter factory, with each connection's statements cached and its transactions gated;
 * `onConnect` receives the connection for direct SQL.
 */
export function withSharedConnection<F extends { connect(): Promise<unknown> }>(
  factory: F,
  onConnect: (connection: SqliteConnection) => void,
): F {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = (await connect()) as Adapter;
    const client = adapter.client;
    // The adapter keeps its better-sqlite3 handle as `client`; a version that does not would
    // fail here at startup rather than run ungated.
    if (typeof client?.prepare !== "function") throw new Error("The SQLite adapter no longer exposes its connection");
    const statement = cacheStatements(client);
    const gate = new TransactionGate();
    gateAdapter(adapter, gate);
    onConnect({ client, gate, statement });
    return adapter;
  };
  return factory;
}
