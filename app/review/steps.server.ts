// "Suggest steps from my reviews": learning and relearning steps fitted to the learner's own log
// by @open-spaced-repetition/binding's computeOptimalSteps (fsrs-rs, as in Anki). It reads the
// same revlog CSV as the optimizer (card, time, rating, state before, duration), fits how fast
// the learner forgets in the minutes and hours after a first rating or a lapse, and proposes
// steps at which recall has fallen to the desired retention: at most two learning steps and
// one relearning step, and none for a group with fewer than 100 examples in the log.
// The call is synchronous but quick (a CSV parse and a few one-dimensional fits); reading the
// log in pages is the slow part, and it yields between pages.
import { createRequire } from "node:module";
import { generatorParameters, type StepUnit } from "ts-fsrs";
import { decodeWeights } from "~/models/json-columns.ts";
import { countRatings, ratingsInOrder } from "~/models/fsrs-optimization.server.ts";
import { learnerPreferences } from "~/models/preferences.server.ts";
import { revlogCsv, type LoggedRating } from "./fsrs-training.server.ts";
import { stepFromSeconds } from "./steps.ts";

/** Below this many ratings no group can reach the binding's 100 examples. */
export const MIN_RATINGS_FOR_STEPS = 100;

interface StepStats {
  recommendedLearningSteps: number[];
  recommendedRelearningSteps: number[];
}
type Binding = {
  computeOptimalSteps: (data: Uint8Array, desiredRetention: number, params: number[]) => StepStats;
};
// Loaded at run time like the optimizer's worker does: a native addon is not bundled.
const binding = () => createRequire(import.meta.url)("@open-spaced-repetition/binding") as Binding;

export type StepsSuggestion =
  | {
      ok: true;
      ratings: number;
      /** null: the log gave no recommendation for that list. */
      learning: StepUnit[] | null;
      relearning: StepUnit[] | null;
    }
  | { ok: false; reason: "too-few"; needed: number; message: string }
  | { ok: false; reason: "failed"; message: string };

export async function suggestSteps(userId: string): Promise<StepsSuggestion> {
  const count = await countRatings(userId);
  if (count < MIN_RATINGS_FOR_STEPS) {
    const needed = MIN_RATINGS_FOR_STEPS - count;
    return {
      ok: false,
      reason: "too-few",
      needed,
      message: `Suggesting steps needs at least ${MIN_RATINGS_FOR_STEPS} ratings; you have ${count}. Rate ${needed} more ${needed === 1 ? "card" : "cards"} first.`,
    };
  }
  const prefs = await learnerPreferences(userId);
  const cardKeys = new Map<string, number>();
  const logged: LoggedRating[] = [];
  for await (const log of ratingsInOrder(userId)) {
    let key = cardKeys.get(log.cardId);
    if (key === undefined) cardKeys.set(log.cardId, (key = cardKeys.size + 1));
    logged.push({ cardKey: key, reviewedAt: log.review.getTime(), rating: log.rating, state: log.state });
  }
  // The binding wants FSRS-6's 21 parameters (it reads the forgetting curve's decay, w[20]).
  const weights = decodeWeights(prefs.fsrsWeights);
  const params = [...generatorParameters(weights ? { w: weights } : {}).w];
  let stats: StepStats;
  try {
    stats = binding().computeOptimalSteps(Buffer.from(revlogCsv(logged)), prefs.desiredRetention, params);
  } catch (error) {
    console.error("Step suggestion failed:", error);
    return { ok: false, reason: "failed", message: "Steps could not be suggested just now. Try again later." };
  }
  const steps = (seconds: number[]) => (seconds.length ? seconds.map(stepFromSeconds) : null);
  return {
    ok: true,
    ratings: logged.length,
    learning: steps(stats.recommendedLearningSteps),
    relearning: steps(stats.recommendedRelearningSteps),
  };
}
