// "Optimize my schedule": trains FSRS parameters on the learner's own review log, compares them
// with the parameters in use (log loss and RMSE on the same log) and adopts them only if they
// predict the learner's memory better. The scheduler reads User.fsrsWeights on every rating.
import { default_w } from "ts-fsrs";
import * as store from "~/models/fsrs-optimization.server.ts";
import {
  revlogCsv,
  trainedIsBetter,
  trainParameters,
  type Evaluation,
  type LoggedRating,
} from "./fsrs-training.server.ts";
import { decodeWeights } from "~/models/json-columns.ts";
import { ROLLOVER_HOUR } from "./study-day.ts";

/** Fewer ratings than this make noisy parameters (Anki's optimizer asks for about as many). */
export const MIN_RATINGS_TO_OPTIMIZE = 1000;
/** A lock older than this belongs to a run whose process died; training never takes this long. */
const LOCK_STALE_MS = 15 * 60_000;

export async function optimizerStatus(userId: string) {
  const [ratings, last, prefs] = await Promise.all([
    store.countRatings(userId),
    store.lastOptimization(userId),
    store.optimizerPrefs(userId),
  ]);
  return {
    ratings,
    minimum: MIN_RATINGS_TO_OPTIMIZE,
    needed: Math.max(0, MIN_RATINGS_TO_OPTIMIZE - ratings),
    personalized: decodeWeights(prefs.fsrsWeights) !== null,
    last,
  };
}

export type OptimizeResult =
  | { ok: true; adopted: boolean; ratings: number; items: number; before: Evaluation; after: Evaluation }
  | { ok: false; reason: "too-few"; needed: number; message: string }
  | { ok: false; reason: "running" | "no-data" | "failed"; message: string };

export async function optimizeSchedule(userId: string, now = new Date()): Promise<OptimizeResult> {
  const ratings = await store.countRatings(userId);
  if (ratings < MIN_RATINGS_TO_OPTIMIZE) {
    const needed = MIN_RATINGS_TO_OPTIMIZE - ratings;
    return {
      ok: false,
      reason: "too-few",
      needed,
      message: `Optimizing needs ${MIN_RATINGS_TO_OPTIMIZE.toLocaleString("en-US")} ratings; you have ${ratings.toLocaleString("en-US")}. Rate ${needed.toLocaleString("en-US")} more cards first.`,
    };
  }
  if (!(await store.claimOptimizer(userId, now, new Date(now.getTime() - LOCK_STALE_MS)))) {
    return {
      ok: false,
      reason: "running",
      message: "Your schedule is already being optimized. Wait for that run to finish.",
    };
  }
  try {
    const prefs = await store.optimizerPrefs(userId);
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
  } finally {
    await store.releaseOptimizer(userId, now);
  }
}
