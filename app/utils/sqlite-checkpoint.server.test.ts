import { mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type BetterSqlite3 from "better-sqlite3";
import { createRequire } from "node:module";
import { afterAll, describe, expect, it } from "vitest";
import { BACKSTOP_PAGES, adapterDriverPath, checkpointInBackground } from "./sqlite-checkpoint.server.ts";

// The driver the app runs on (Prisma's adapter has its own copy).
const Database = createRequire(import.meta.url)(adapterDriverPath()) as typeof BetterSqlite3;

const dir = mkdtempSync(path.join(os.tmpdir(), "charted-checkpoint-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function until(test: () => boolean, ms = 5000) {
  for (const start = Date.now(); !test(); await sleep(20)) if (Date.now() - start > ms) return false;
  return true;
}

/** A WAL database with one table, its checkpoints in a worker (ticking every `everyMs`) once it is ready. */
async function openWithCheckpointer(name: string, everyMs: number) {
  const file = path.join(dir, name);
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)");
  db.pragma("wal_checkpoint(TRUNCATE)");
  const checkpointer = checkpointInBackground(db, file, everyMs);
  expect(await until(() => db.pragma("wal_autocheckpoint", { simple: true }) === BACKSTOP_PAGES)).toBe(true);
  return { file, db, checkpointer };
}

describe("WAL checkpoints in a worker thread", () => {
  it("keeps commits below the backstop from checkpointing and copies the log into the database file in the background", async () => {
    const { file, db, checkpointer } = await openWithCheckpointer("a.db", 50);

    const size = () => statSync(file).size;
    const before = size();
    // About 4 MB in 2,000 commits: past the default 1,000-page log, a commit would checkpoint.
    const insert = db.prepare("INSERT INTO t (body) VALUES (?)");
    for (let i = 0; i < 2000; i++) insert.run("x".repeat(2000));
    expect(await until(() => size() > before + 3_000_000)).toBe(true);
    expect(db.prepare("SELECT COUNT(*) AS n FROM t").get()).toEqual({ n: 2000 });

    // Stopped, the connection checkpoints itself again.
    await checkpointer.close();
    expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
    db.close();
  });

  it("restarts the log under writes that never pause", async () => {
    const { file, db, checkpointer } = await openWithCheckpointer("b.db", 5);

    // Commits back to back, each a page or two: the worker never finds the log copied to its end
    // when a transaction begins, so without the backstop the log would hold every one of them.
    const insert = db.prepare("INSERT INTO t (body) VALUES (?)");
    const commits = BACKSTOP_PAGES * 3;
    for (let i = 0; i < commits; i++) insert.run("x".repeat(3000));
    const frameBytes = 4096 + 24;
    // The app copies once the worker is between passes: a pass or two past the backstop.
    expect(statSync(`${file}-wal`).size).toBeLessThan(2 * BACKSTOP_PAGES * frameBytes);
    expect(db.prepare("SELECT COUNT(*) AS n FROM t").get()).toEqual({ n: commits });
    await checkpointer.close();
    db.close();
  });
});
