// Trains FSRS parameters from a learner's review log with @open-spaced-repetition/binding
// (fsrs-rs, the optimizer Anki uses) and evaluates the current and the trained parameters on
// the same log. It all runs in a worker thread: training takes seconds and the binding's
// evaluation is synchronous, so the server's event loop keeps answering other learners.
import { createRequire } from "node:module";
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

// Plain CommonJS run with `eval: true`, so it needs no build step of its own; it loads the
// binding from the path the app resolved.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const binding = require(workerData.bindingPath);
const { csv, timeZone, rolloverHour, current, enableShortTerm } = workerData;
const zone = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
function offsetMinutes(ms) {
  const name = zone.formatToParts(ms).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /GMT([+-])(\\d{2}):(\\d{2})/.exec(name);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === "-" ? -minutes : minutes;
}
const metrics = (e) => ({ logLoss: e.logLoss, rmse: e.rmseBins });
(async () => {
  const items = binding.convertCsvToFsrsItems(Buffer.from(csv), rolloverHour, timeZone, (ms) => offsetMinutes(ms));
  if (items.length === 0) return parentPort.postMessage({ items: 0 });
  const before = metrics(new binding.FSRSBinding(current).evaluate(items));
  const parameters = await binding.computeParameters(items, { enableShortTerm, numRelearningSteps: 1 });
  const after = metrics(new binding.FSRSBinding(parameters).evaluate(items));
  parentPort.postMessage({ items: items.length, before, after, parameters });
})().catch((error) => parentPort.postMessage({ error: String((error && error.message) || error) }));
`;

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
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
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
