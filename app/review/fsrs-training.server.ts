// Trains FSRS parameters from a learner's review log with @open-spaced-repetition/binding
// (fsrs-rs, the optimizer Anki uses) and evaluates the current and the trained parameters on
// the same log. It all runs in a worker thread: training takes seconds and the binding's
// evaluation is synchronous, so the server's event loop keeps answering other learners.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

export interface Evaluation {
  logLoss: number;
  rmse: number;
}

export interface TrainingResult {
  /** How many training items (one per review with its card's earlier history) the log gave. */
  items: number;
  before: Evaluation;
  after: Evaluation;
  parameters: number[];
}

/** One rating as the optimizer reads it: which card, when, the grade and the card's state before. */
export interface LoggedRating {
  cardKey: number;
  reviewedAt: number;
  rating: number;
  state: number;
}

/**
 * The binding's documented input: the FSRS optimizer's revlog CSV (card_id, review_time in ms,
 * rating 1-4, the card's state before the rating as 0 New, 1 Learning, 2 Review, 3 Relearning,
 * which is ts-fsrs's State, and duration, which we do not record). Its converter groups by card,
 * applies the day rollover and time zone, starts each card at its last first-learning block and
 * keeps one item per review on a later day, as Anki does.
 */
export function revlogCsv(ratings: Iterable<LoggedRating>): string {
  const lines = ["card_id,review_time,review_rating,review_state,review_duration"];
  for (const r of ratings) lines.push(`${r.cardKey},${r.reviewedAt},${r.rating},${r.state},0`);
  return lines.join("\n");
}

/**
 * The worker module. It is not bundled (a worker thread loads it by path), so it is found from
 * the project root, the nearest folder with a package.json: the same from app/review in
 * development and tests and from build/server in production.
 */
export function workerPath(from = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return path.join(dir, "app/review/fsrs-training.worker.mjs");
    if (path.dirname(dir) === dir) throw new Error("No package.json above " + from);
  }
}

const bindingPath = () => createRequire(import.meta.url).resolve("@open-spaced-repetition/binding");

/** Trains and evaluates off the main thread. Rejects on a training error or after `timeoutMs`. */
export function trainParameters(input: {
  csv: string;
  timeZone: string;
  rolloverHour: number;
  current: number[];
  timeoutMs?: number;
}): Promise<TrainingResult | null> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerPath(), {
      workerData: {
        bindingPath: bindingPath(),
        csv: input.csv,
        timeZone: input.timeZone,
        rolloverHour: input.rolloverHour,
        current: input.current,
        enableShortTerm: true,
      },
    });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error("Training took too long."));
    }, input.timeoutMs ?? 120_000);
    const finish = (fn: () => void) => {
      clearTimeout(timer);
      void worker.terminate();
      fn();
    };
    worker.once("message", (message: { error?: string; items: number } & Partial<TrainingResult>) => {
      if (message.error) return finish(() => reject(new Error(message.error)));
      if (!message.items) return finish(() => resolve(null));
      finish(() => resolve(message as TrainingResult));
    });
    worker.once("error", (error) => finish(() => reject(error)));
    worker.once("exit", (code) => finish(() => reject(new Error(`The training worker stopped (${code}).`))));
  });
}

/**
 * Adopt trained parameters only when they predict this learner's log better on both measures:
 * lower log loss and lower RMSE. Equal is not better (a re-run on unchanged data keeps them).
 */
export function trainedIsBetter(before: Evaluation, after: Evaluation): boolean {
  return after.logLoss < before.logLoss && after.rmse < before.rmse;
}
