// WAL checkpoints off the request path. By default SQLite checkpoints inside the COMMIT that
// takes the log past 1,000 pages: every few hundred ratings one learner's request copies the log
// into the database file and waits for it to reach the disk (measured: 0.26 ms per rating's
// commit with it, 0.08 ms without). Here a worker thread with its own connection runs a PASSIVE
// checkpoint (it never blocks readers or writers) every `everyMs`, and the app's connection
// checkpoints itself only as a backstop, when the log passes BACKSTOP_PAGES.
//
// Why the backstop: the log restarts from its start only when a transaction begins with every
// frame already copied, and under steady writes the worker never wins that race (the app commits
// again before a pass ends). With no backstop the log grew by 20 MB a second while learners rated
// (280 MB in one bench run), and every commit wrote to a new stretch of file. When the app's own
// checkpoint runs, the worker has copied nearly all of the log: the app copies the last few
// frames, and its next transaction restarts the log. Should the worker fail, the connection
// checkpoints itself at SQLite's default again.
//
// Why 16,000 pages (64 MB of log): the backstop's checkpoint runs inside a learner's commit and
// syncs what was written since the worker's last pass, 15–30 ms on a busy two-core machine
// however long the log. Four times the pages between them, a quarter as many: at 590 commits a
// second with the other core busy, 166 us per commit against 223 us at 4,000 pages.
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { Database } from "better-sqlite3";

/** Log pages past which the app's connection checkpoints itself (SQLite's default is 1,000). */
export const BACKSTOP_PAGES = 16000;

// A CommonJS script (eval worker): open the file, checkpoint on a timer, once more on "close".
const CHECKPOINTER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: 5000 });
// A pass copies the log as it was when the pass began: while it left frames behind, pass again at
// once (each copies what came in during the one before), so that the app's backstop checkpoint
// finds little left to copy.
const MAX_PASSES = 4;
const checkpoint = () => {
  try {
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const [{ busy, log, checkpointed }] = db.pragma("wal_checkpoint(PASSIVE)");
      if (busy || checkpointed >= log) return;
    }
  } catch { /* busy or locked: the next tick tries again */ }
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
export function checkpointInBackground(client: Database, file: string, everyMs = 100): Checkpointer {
  const driver = adapterDriverPath();
  const worker = new Worker(CHECKPOINTER, { eval: true, workerData: { driver, file, everyMs } });
  worker.unref();
  const selfCheckpoint = () => {
    if (client.open) client.pragma("wal_autocheckpoint = 1000");
  };
  worker.once("message", () => {
    if (client.open) client.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
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
