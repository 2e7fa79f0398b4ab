// The workload estimate for the review settings page: the learner's own deck, parameters and
// pace through the simulation in workload.ts, with the suggested desired retention. Cached per
// process until the deck, the preferences or the study day change (a big deck takes a few
// hundred milliseconds to simulate; the page is opened far more often than the deck changes).
import { decodeWeights } from "~/models/json-columns.ts";
import { learnerPreferences } from "~/models/preferences.server.ts";
import { countUnstartedContentCards } from "~/models/review.server.ts";
import { countNewDeckCards, deckFingerprint, recentRatingTimes, startedCardSample } from "~/models/workload.server.ts";
import { storedSteps } from "./steps.ts";
import { RETENTION_STEPS } from "./retention.ts";
import { studyDay } from "./study-day.ts";
import { estimateWorkload, secondsPerReview, suggestRetention, workloadHorizon } from "./workload.ts";
import { default_learning_steps, default_relearning_steps } from "ts-fsrs";

const DAY_MS = 86_400_000;
/** The ratings whose gaps measure the learner's pace. */
export const PACE_SAMPLE = 1_000;

export type WorkloadEstimate =
  | {
      ok: true;
      horizonDays: number;
      /** True when the horizon ends at the exam date rather than after a year. */
      untilExam: boolean;
      secondsPerReview: number;
      /** False: not enough ratings to measure the pace, so the default was used. */
      paceMeasured: boolean;
      startedCards: number;
      newCards: number;
      newCardsPerDay: number;
      points: { retention: number; reviewsPerDay: number; minutesPerDay: number }[];
      suggested: number | null;
    }
  | { ok: false; reason: "no-cards" };

/**
 * A big deck is simulated from an evenly spread sample, each card standing for its share: the
 * simulation is linear in cards, and a sample of this size keeps the estimate within about 2%
 * while keeping the CPU work (done in this process) to a few hundred milliseconds at most.
 */
export const SIMULATED_CARDS = 2_000;

const cache = new Map<string, { key: string; estimate: WorkloadEstimate }>();
const CACHE_LEARNERS = 200;

export async function workloadEstimate(userId: string, now = new Date()): Promise<WorkloadEstimate> {
  const [prefs, fingerprint, unstarted, deckNew] = await Promise.all([
    learnerPreferences(userId),
    deckFingerprint(userId),
    countUnstartedContentCards(userId),
    countNewDeckCards(userId),
  ]);
  const day = studyDay(now, prefs.timeZone);
  const horizonDays = workloadHorizon(day.start, prefs.examDate);
  const key = JSON.stringify([
    fingerprint,
    unstarted,
    deckNew,
    day.label,
    horizonDays,
    prefs.fsrsWeights,
    prefs.learningSteps,
    prefs.relearningSteps,
    prefs.newCardsPerDay,
  ]);
  const hit = cache.get(userId);
  if (hit?.key === key) return hit.estimate;
  const [{ cards, total: startedCards }, times] = await Promise.all([
    startedCardSample(userId, SIMULATED_CARDS),
    recentRatingTimes(userId, PACE_SAMPLE),
  ]);
  const newCards = unstarted + deckNew;
  let estimate: WorkloadEstimate;
  if (startedCards === 0 && (newCards === 0 || prefs.newCardsPerDay === 0))
    estimate = { ok: false, reason: "no-cards" };
  else {
    const pace = secondsPerReview(times);
    const input = {
      cards,
      newCards,
      newCardsPerDay: prefs.newCardsPerDay,
      weights: decodeWeights(prefs.fsrsWeights),
      learningSteps: storedSteps(prefs.learningSteps, 1) ?? default_learning_steps,
      relearningSteps: storedSteps(prefs.relearningSteps, 0) ?? default_relearning_steps,
      dayStart: day.start,
      now,
      horizonDays,
    };
    // One retention at a time, letting other requests run in between: the whole estimate is
    // CPU work in this process (a few hundred ms for a big deck), each slice a few tens of ms.
    const points = [];
    for (const retention of RETENTION_STEPS) {
      points.push(...estimateWorkload({ ...input, retentions: [retention] }));
      await new Promise((resolve) => setImmediate(resolve));
    }
    estimate = {
      ok: true,
      horizonDays,
      untilExam:
        prefs.examDate !== null && Math.ceil((prefs.examDate.getTime() - day.start.getTime()) / DAY_MS) === horizonDays,
      secondsPerReview: pace.seconds,
      paceMeasured: pace.measured,
      startedCards,
      newCards,
      newCardsPerDay: prefs.newCardsPerDay,
      points: points.map((p) => ({
        retention: p.retention,
        reviewsPerDay: Math.round(p.reviewsPerDay * 10) / 10,
        minutesPerDay: Math.round(((p.reviewsPerDay * pace.seconds) / 60) * 10) / 10,
      })),
      suggested: suggestRetention(points),
    };
  }
  cache.delete(userId);
  cache.set(userId, { key, estimate });
  // Oldest first in a Map: drop learners not seen for longest.
  while (cache.size > CACHE_LEARNERS) cache.delete(cache.keys().next().value!);
  return estimate;
}
