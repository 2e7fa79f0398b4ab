// @ts-check
// The FSRS training worker thread (started by fsrs-training.server.ts). Plain ES module, not
// bundled: it runs in its own thread with the binding, so the app's event loop stays free while
// the binding converts, evaluates (synchronously) and trains. Type-checked through JSDoc.
import { parentPort, workerData } from "node:worker_threads";
import { createRequire } from "node:module";

/**
 * @typedef {{ bindingPath: string, csv: string, timeZone: string, rolloverHour: number,
 *   current: number[], enableShortTerm: boolean }} TrainingInput
 * @typedef {{ logLoss: number, rmseBins: number }} BindingEvaluation
 */

/** @type {TrainingInput} */
const input = workerData;
const binding = createRequire(import.meta.url)(input.bindingPath);

const zone = new Intl.DateTimeFormat("en-US", { timeZone: input.timeZone, timeZoneName: "longOffset" });

/** The zone's UTC offset in minutes at `ms` (the binding asks per review, daylight saving included). */
function offsetMinutes(/** @type {number} */ ms) {
  const name = zone.formatToParts(ms).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === "-" ? -minutes : minutes;
}

const metrics = (/** @type {BindingEvaluation} */ e) => ({ logLoss: e.logLoss, rmse: e.rmseBins });

async function train() {
  const items = binding.convertCsvToFsrsItems(
    Buffer.from(input.csv),
    input.rolloverHour,
    input.timeZone,
    (/** @type {number} */ ms) => offsetMinutes(ms),
  );
  if (items.length === 0) return { items: 0 };
  const before = metrics(new binding.FSRSBinding(input.current).evaluate(items));
  const parameters = await binding.computeParameters(items, {
    enableShortTerm: input.enableShortTerm,
    numRelearningSteps: 1,
  });
  const after = metrics(new binding.FSRSBinding(parameters).evaluate(items));
  return { items: items.length, before, after, parameters };
}

train().then(
  (result) => parentPort?.postMessage(result),
  (error) => parentPort?.postMessage({ error: String((error && error.message) || error) }),
);
