// "Optimize my schedule": trains FSRS parameters on the learner's own review log, compares them
// with the parameters in use (log loss and RMSE on the same log) and adopts them only if they
// predict the learner's memory better. The scheduler reads Preferences.fsrsWeights on every
// rating. Runs are background jobs (app/jobs): one per learner at a time, in any app process.
import { default_w } from "ts-fsrs";
import * as store from "~/models/fsrs-optimization.server.ts";
import {
  revlogCsv,
  trainedIsBetter,
  trainParameters,
  type Evaluation,
  type LoggedRating,
} from "./fsrs-training.server.ts";
import { decodeJobResult, decodeWeights } from "~/models/json-columns.ts";
import { enqueueJob, latestJob } from "~/models/job.server.ts";
import { learnerPreferences } from "~/models/preferences.server.ts";
import { z } from "zod";
import { ROLLOVER_HOUR } from "./study-day.ts";

/** Fewer ratings than this make noisy parameters (Anki's optimizer asks for about as many). */
export const MIN_RATINGS_TO_OPTIMIZE = 1000;

/** One optimizer job per learner at a time (the job table refuses a second live one). */
const jobKey = (userId: string) => `fsrs-optimize:${userId}`;

export async function optimizerStatus(userId: string) {
  const [ratings, last, prefs, job] = await Promise.all([
    store.countRatings(userId),
    store.lastOptimization(userId),
    learnerPreferences(userId),
    latestJob(userId, "fsrs-optimize"),
  ]);
  return {
    ratings,
    minimum: MIN_RATINGS_TO_OPTIMIZE,
    needed: Math.max(0, MIN_RATINGS_TO_OPTIMIZE - ratings),
    personalized: decodeWeights(prefs.fsrsWeights) !== null,
    last,
    job: job ? jobView(job) : null,
  };
}

/** The learner's latest optimizer job: still going, or what it came to. */
function jobView(job: NonNullable<Awaited<ReturnType<typeof latestJob>>>) {
  if (job.status === "queued" || job.status === "running")
    return { state: "running" as const, since: job.createdAt, finishedAt: null, outcome: null };
  const outcome = decodeJobResult(job.result, optimizeResultSchema);
  return {
    state: "finished" as const,
    since: job.createdAt,
    finishedAt: job.finishedAt,
    outcome: outcome ?? {
      ok: false as const,
      reason: "failed" as const,
      message: "The optimizer could not run just now, so your schedule is unchanged. Try again later.",
    },
  };
}

const evaluation = z.object({ logLoss: z.number(), rmse: z.number() });
/** A run's outcome, as the job stores it (JSON) and the settings page shows it. */
const optimizeResultSchema = z.discriminatedUnion("ok", [
  z.object({
    ok: z.literal(true),
    adopted: z.boolean(),
    ratings: z.number(),
    items: z.number(),
    before: evaluation,
    after: evaluation,
  }),
  z.object({
    ok: z.literal(false),
    reason: z.enum(["too-few", "no-data", "failed"]),
    needed: z.number().optional(),
    message: z.string(),
  }),
]);

export type OptimizeResult =
  | { ok: true; adopted: boolean; ratings: number; items: number; before: Evaluation; after: Evaluation }
  | { ok: false; reason: "too-few"; needed: number; message: string }
  | { ok: false; reason: "no-data" | "failed"; message: string };

async function tooFew(userId: string): Promise<Extract<OptimizeResult, { reason: "too-few" }> | null> {
  const ratings = await store.countRatings(userId);
  if (ratings >= MIN_RATINGS_TO_OPTIMIZE) return null;
  const needed = MIN_RATINGS_TO_OPTIMIZE - ratings;
  return {
    ok: false,
    reason: "too-few",
    needed,
    message: `Optimizing needs ${MIN_RATINGS_TO_OPTIMIZE.toLocaleString("en-US")} ratings; you have ${ratings.toLocaleString("en-US")}. Rate ${needed.toLocaleString("en-US")} more cards first.`,
  };
}

export type RequestResult =
  { ok: true } | Extract<OptimizeResult, { reason: "too-few" }> | { ok: false; reason: "running"; message: string };

/**
 * "Optimize my schedule": queues a run (a background job, so the request returns at once and any
 * app process may train). Refused below the minimum, or while the learner's last run is going.
 */
export async function requestOptimization(userId: string): Promise<RequestResult> {
  const few = await tooFew(userId);
  if (few) return few;
  const queued = await enqueueJob({ kind: "fsrs-optimize", userId, activeKey: jobKey(userId) });
  if (!queued.ok)
    return {
      ok: false,
      reason: "running",
      message: "Your schedule is already being optimized. Wait for that run to finish.",
    };
  return { ok: true };
}

/** The job: trains on the learner's log and adopts better parameters (see the header). */
export async function runOptimization(userId: string): Promise<OptimizeResult> {
  const few = await tooFew(userId);
  if (few) return few;
  const prefs = await learnerPreferences(userId);
  const current = decodeWeights(prefs.fsrsWeights) ?? [...default_w];
  // Cards are named by number in the optimizer's input; the ids never leave this process.
  const cardKeys = new Map<string, number>();
  const logged: LoggedRating[] = [];
  for await (const log of store.ratingsInOrder(userId)) {
    let key = cardKeys.get(log.cardId);
    if (key === undefined) cardKeys.set(log.cardId, (key = cardKeys.size + 1));
    logged.push({ cardKey: key, reviewedAt: log.review.getTime(), rating: log.rating, state: log.state });
  }
  let result: Awaited<ReturnType<typeof trainParameters>>;
  try {
    result = await trainParameters({
      csv: revlogCsv(logged),
      timeZone: prefs.timeZone,
      rolloverHour: ROLLOVER_HOUR,
      current,
    });
  } catch (error) {
    // E.g. no prebuilt optimizer for this platform, or a run past the time limit.
    console.error("FSRS optimizer failed:", error);
    return {
      ok: false,
      reason: "failed",
      message: "The optimizer could not run just now, so your schedule is unchanged. Try again later.",
    };
  }
  if (!result)
    return {
      ok: false,
      reason: "no-data",
      message:
        "None of your cards has a complete history to learn from yet (each needs its first rating and a later one).",
    };
  const adopted = trainedIsBetter(result.before, result.after);
  await store.saveOptimization(userId, {
    reviewCount: logged.length,
    trainingItems: result.items,
    logLossBefore: result.before.logLoss,
    rmseBefore: result.before.rmse,
    logLossAfter: result.after.logLoss,
    rmseAfter: result.after.rmse,
    parameters: result.parameters,
    adopted,
  });
  return {
    ok: true,
    adopted,
    ratings: logged.length,
    items: result.items,
    before: result.before,
    after: result.after,
  };
}
