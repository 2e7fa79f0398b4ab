// WAL checkpoints off the request path. By default SQLite checkpoints inside the COMMIT that
// takes the log past 1,000 pages: every few hundred ratings one learner's request copies the log
// into the database file and waits for it to reach the disk (measured: 0.26 ms per rating's
// commit with it, 0.08 ms without). Here the app's connection never checkpoints itself; a worker
// thread with its own connection runs a PASSIVE checkpoint (it never blocks readers or writers)
// every `everyMs`. Should the worker fail, the connection checkpoints itself again.
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { Database } from "better-sqlite3";

// A CommonJS script (eval worker): open the file, checkpoint on a timer, once more on "close".
const CHECKPOINTER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: 5000 });
const checkpoint = () => {
  try { db.pragma("wal_checkpoint(PASSIVE)"); } catch { /* busy or locked: the next tick tries again */ }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on("message", (message) => {
  if (message !== "close") return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
parentPort.postMessage("ready");
`;

/**
 * The better-sqlite3 that Prisma's adapter loads (it has its own copy, another version than the
 * app's): two copies of SQLite working on one file in one process do not see each other's locks.
 */
export function adapterDriverPath(): string {
  const require = createRequire(import.meta.url);
  return createRequire(require.resolve("@prisma/adapter-better-sqlite3")).resolve("better-sqlite3");
}

export interface Checkpointer {
  /** Checkpoints once more and stops the worker. */
  close(): Promise<void>;
}

/** Moves `client`'s WAL checkpoints (on database `file`) to a worker thread. */
export function checkpointInBackground(client: Database, file: string, everyMs = 1000): Checkpointer {
  const driver = adapterDriverPath();
  const worker = new Worker(CHECKPOINTER, { eval: true, workerData: { driver, file, everyMs } });
  worker.unref();
  const selfCheckpoint = () => {
    if (client.open) client.pragma("wal_autocheckpoint = 1000");
  };
  worker.once("message", () => {
    if (client.open) client.pragma("wal_autocheckpoint = 0");
  });
  worker.once("error", selfCheckpoint);
  worker.once("exit", selfCheckpoint);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        worker.once("exit", () => resolve());
        worker.postMessage("close");
      }),
  };
}
