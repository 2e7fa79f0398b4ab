// Counts the statements the app sends to the database while `run` runs, at the driver (every
// better-sqlite3 prepare, every pg query), so a test can say "a couple of queries", not "per item".
import { createRequire } from "node:module";
import pg from "pg";
import { vi } from "vitest";

// The SQLite adapter may carry its own copy of better-sqlite3: spy on the one it loads.
const require = createRequire(import.meta.url);
const adapterRequire = createRequire(require.resolve("@prisma/adapter-better-sqlite3"));
const drivers = [...new Set([adapterRequire("better-sqlite3"), require("better-sqlite3")])] as {
  prototype: { prepare: (...args: unknown[]) => unknown };
}[];

export async function countQueries<T>(run: () => Promise<T>): Promise<{ result: T; queries: number }> {
  const spies = [...drivers.map((d) => vi.spyOn(d.prototype, "prepare")), vi.spyOn(pg.Client.prototype, "query")];
  try {
    const result = await run();
    return { result, queries: spies.reduce((n, spy) => n + spy.mock.calls.length, 0) };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}
