import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { cacheStatements } from "./sqlite-statements.server.ts";

// The adapter's use: prepare(sql).bind(args) then reader/columns/raw().all() or run().
type Prepared = {
  bind(args: unknown[]): {
    reader: boolean;
    run(): { changes: number };
    columns(): { name: string }[];
    raw(): { all(): unknown[][] };
  };
};

/** An in-memory database whose prepare() counts the statements SQLite compiles. */
function countingDatabase() {
  const db = new Database(":memory:");
  let compiled = 0;
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    compiled += 1;
    return prepare(sql);
  }) as typeof db.prepare;
  return { db, compiled: () => compiled };
}

describe("SQLite statement cache", () => {
  it("compiles each SQL text once and binds fresh arguments every time", () => {
    const { db, compiled } = countingDatabase();
    db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)`);
    cacheStatements(db);
    const p = (sql: string) => db.prepare(sql) as unknown as Prepared;

    const insert = "INSERT INTO t (id, name) VALUES (?, ?)";
    expect(p(insert).bind([1, "one"]).run().changes).toBe(1);
    expect(p(insert).bind([2, "two"]).run().changes).toBe(1);
    const select = "SELECT id, name FROM t WHERE id >= ? ORDER BY id";
    const all = p(select).bind([1]);
    expect(all.reader).toBe(true);
    expect(all.columns().map((c) => c.name)).toEqual(["id", "name"]);
    expect(all.raw().all()).toEqual([
      [1, "one"],
      [2, "two"],
    ]);
    expect(p(select).bind([2]).raw().all()).toEqual([[2, "two"]]);
    expect(compiled()).toBe(2);

    // A statement that fails to bind reports it, and the next use of the same SQL still works.
    expect(() => p(insert).bind([1, "again"]).run()).toThrow(/UNIQUE/);
    expect(p(select).bind([1]).raw().all()).toHaveLength(2);
    // BEGIN/COMMIT are prepared and run without bind.
    (db.prepare("BEGIN") as unknown as { run(): unknown }).run();
    (db.prepare("COMMIT") as unknown as { run(): unknown }).run();
  });

  it("keeps at most `max` statements, dropping the least recently used", () => {
    const { db, compiled } = countingDatabase();
    cacheStatements(db, 2);
    const run = (sql: string) => (db.prepare(sql) as unknown as Prepared).bind([]).raw().all();
    run("SELECT 1");
    run("SELECT 2");
    run("SELECT 1");
    run("SELECT 3"); // evicts SELECT 2
    run("SELECT 1");
    expect(compiled()).toBe(3);
    run("SELECT 2");
    expect(compiled()).toBe(4);
  });
});
