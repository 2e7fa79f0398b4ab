// The FSRS optimizer on a simulated learner: cards scheduled by the app (default parameters),
// recall decided by a known "true" memory model that forgets much faster than the defaults
// assume, every rating saved through rateCard. Training must find that out and be adopted; a
// second run on the same log finds nothing better and keeps what is there.
import {
  createEmptyCard,
  default_w,
  forgetting_curve,
  fsrs,
  generatorParameters,
  Rating,
  type Card,
  type Grade,
} from "ts-fsrs";
import { describe, expect, it } from "vitest";
import { makeUser } from "../../tests/factories/users.ts";
import { savePreferences } from "~/models/preferences.server.ts";
import { db } from "~/utils/db.server.ts";
import { existsSync } from "node:fs";
import path from "node:path";
import { revlogCsv, trainedIsBetter, workerPath } from "./fsrs-training.server.ts";
import {
  MIN_RATINGS_TO_OPTIMIZE,
  optimizerStatus,
  requestOptimization,
  type OptimizeResult,
  type RequestResult,
} from "./optimizer.server.ts";
import { jobHandlers } from "~/jobs/handlers.server.ts";
import { runNextJob } from "~/jobs/worker.server.ts";
import { addOwnCard, rateCard } from "./review.server.ts";

const DAY = 86_400_000;

// The learner's real memory: initial stabilities a quarter of the defaults, so after a first
// "Good" a card is at about 60% recall when the default model expects 90%.
const TRUE_W = default_w.map((w, i) => (i < 4 ? w / 4 : w));
const truth = fsrs(generatorParameters({ w: TRUE_W, enable_fuzz: false, enable_short_term: true }));

/** A seeded PRNG (mulberry32), so the simulated history is the same on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Simulates daily study (one session a day at 7 p.m. New York time) through the app's own
 * rating path until the learner has at least `minRatings` ratings.
 */
async function simulateLearner(userId: string, minRatings: number, seed = 7) {
  const rand = random(seed);
  const start = new Date("2026-01-05T00:00:00Z").getTime(); // 7 p.m. New York, Jan 4
  const cards: { id: string; due: number; memory: Card; last: number | null }[] = [];
  let ratings = 0;
  let requests = 0;
  for (let day = 0; ratings < minRatings; day++) {
    let clock = start + day * DAY;
    if (day < 30) {
      for (let i = 0; i < 8; i++) {
        const { id } = await addOwnCard(
          userId,
          { domainId: "LAW", front: `Simulated ${day}-${i}`, back: "A" },
          new Date(clock),
        );
        cards.push({ id, due: clock, memory: createEmptyCard(new Date(clock)), last: null });
      }
    }
    // Study everything due by the end of a one-hour session, learning steps included.
    const sessionEnd = clock + 3600_000;
    for (;;) {
      const next =
        cards.filter((c) => c.due <= Math.max(clock, start + day * DAY)).sort((a, b) => a.due - b.due)[0] ??
        cards.filter((c) => c.due <= sessionEnd && c.due > clock).sort((a, b) => a.due - b.due)[0];
      if (!next) break;
      clock = Math.max(clock, next.due) + 15_000;
      const now = new Date(clock);
      let grade: Grade;
      if (next.last === null) {
        const r = rand();
        grade = r < 0.2 ? Rating.Again : r < 0.3 ? Rating.Hard : r < 0.95 ? Rating.Good : Rating.Easy;
      } else {
        const recall = forgetting_curve(TRUE_W, (clock - next.last) / DAY, next.memory.stability);
        if (rand() < recall) {
          const r = rand();
          grade = r < 0.15 ? Rating.Hard : r < 0.92 ? Rating.Good : Rating.Easy;
        } else grade = Rating.Again;
      }
      const saved = await rateCard(
        userId,
        { ref: `card:${next.id}`, grade, requestId: `sim-${userId}-${requests++}` },
        now,
      );
      expect(saved.ok).toBe(true);
      ratings += 1;
      next.memory = truth.next(next.memory, now, grade).card;
      next.last = clock;
      next.due = (
        await db.reviewCard.findUniqueOrThrow({ where: { id: next.id }, select: { due: true } })
      ).due.getTime();
    }
  }
  return ratings;
}

async function learner() {
  const user = await makeUser();
  await savePreferences(user.id, { timeZone: "America/New_York", newCardsPerDay: 50, reviewsPerDay: 1000 });
  return user;
}

/** What pressing "Optimize my schedule" comes to: the request, then the job a worker runs. */
async function optimizeSchedule(userId: string): Promise<RequestResult | OptimizeResult> {
  const requested = await requestOptimization(userId);
  if (!requested.ok) return requested;
  const outcome = await runNextJob(jobHandlers);
  if (outcome?.status !== "done") throw new Error(`The job did not run: ${JSON.stringify(outcome)}`);
  return outcome.result as OptimizeResult;
}

describe("optimizing a learner's schedule", () => {
  it("says how many more ratings are needed below 1,000 and changes nothing", async () => {
    const user = await learner();
    const rated = await simulateLearner(user.id, 40);
    expect(await optimizerStatus(user.id)).toMatchObject({
      ratings: rated,
      needed: MIN_RATINGS_TO_OPTIMIZE - rated,
      personalized: false,
      last: null,
    });
    const result = await optimizeSchedule(user.id);
    expect(result).toEqual({
      ok: false,
      reason: "too-few",
      needed: MIN_RATINGS_TO_OPTIMIZE - rated,
      message: `Optimizing needs 1,000 ratings; you have ${rated}. Rate ${MIN_RATINGS_TO_OPTIMIZE - rated} more cards first.`,
    });
    expect((await db.preferences.findUniqueOrThrow({ where: { userId: user.id } })).fsrsWeights).toBeNull();
    expect(await db.fsrsOptimization.count({ where: { userId: user.id } })).toBe(0);
  });

  it("adopts trained parameters that fit better, keeps them when a re-run is not better, and schedules with them", async () => {
    const user = await learner();
    const rated = await simulateLearner(user.id, 1100);
    expect(rated).toBeGreaterThanOrEqual(1100);

    // Training runs off the main thread: timers keep firing while it works.
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 5);
    const started = performance.now();
    const first = await optimizeSchedule(user.id);
    const elapsed = performance.now() - started;
    clearInterval(ticker);
    if (!("adopted" in first)) throw new Error(first.ok ? "no outcome" : first.message);
    expect(ticks).toBeGreaterThan(elapsed / 5 / 10);
    expect(first.ratings).toBe(rated);
    expect(first.adopted).toBe(true);
    // The defaults expect far better memory than this learner has; the trained model knows better.
    expect(first.after.logLoss).toBeLessThan(first.before.logLoss);
    expect(first.after.rmse).toBeLessThan(first.before.rmse);
    const stored = await db.preferences.findUniqueOrThrow({ where: { userId: user.id } });
    const trained = JSON.parse(stored.fsrsWeights!) as number[];
    expect(trained).toHaveLength(default_w.length);
    expect(await db.job.count({ where: { userId: user.id, activeKey: { not: null } } })).toBe(0); // the lock is released

    // Same log, now evaluated against the adopted parameters: training cannot beat itself.
    const second = await optimizeSchedule(user.id);
    if (!("adopted" in second)) throw new Error(second.ok ? "no outcome" : second.message);
    expect(second.adopted).toBe(false);
    expect(second.before.logLoss).toBeCloseTo(first.after.logLoss, 6);
    expect(trainedIsBetter(second.before, second.after)).toBe(false);
    expect((await db.preferences.findUniqueOrThrow({ where: { userId: user.id } })).fsrsWeights).toBe(
      stored.fsrsWeights,
    );
    const runs = await db.fsrsOptimization.findMany({ where: { userId: user.id }, orderBy: { createdAt: "asc" } });
    expect(runs.map((r) => r.adopted)).toEqual([true, false]);
    expect(runs[0]).toMatchObject({
      reviewCount: rated,
      logLossBefore: expect.closeTo(first.before.logLoss, 9),
      logLossAfter: expect.closeTo(first.after.logLoss, 9),
      rmseBefore: expect.closeTo(first.before.rmse, 9),
      rmseAfter: expect.closeTo(first.after.rmse, 9),
    });
    expect(await optimizerStatus(user.id)).toMatchObject({ needed: 0, personalized: true, last: { adopted: false } });

    // The scheduler now uses the trained parameters: a new card rated Good starts at w[2].
    const now = new Date("2026-06-01T23:00:00Z");
    const fresh = await addOwnCard(user.id, { domainId: "LAW", front: "After optimizing", back: "A" }, now);
    await rateCard(user.id, { ref: `card:${fresh.id}`, grade: Rating.Good, requestId: "after-optimizing" }, now);
    const card = await db.reviewCard.findUniqueOrThrow({ where: { id: fresh.id } });
    expect(card.stability).toBeCloseTo(trained[2], 6);
    expect(card.stability).not.toBeCloseTo(default_w[2], 1);
  }, 240_000);

  it("refuses a second run for the same learner while one is going", async () => {
    const user = await learner();
    await simulateLearner(user.id, 1000, 11);
    const results = await Promise.all([optimizeSchedule(user.id), optimizeSchedule(user.id)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([
      {
        ok: false,
        reason: "running",
        message: "Your schedule is already being optimized. Wait for that run to finish.",
      },
    ]);
    expect((await optimizerStatus(user.id)).job).toMatchObject({ state: "finished", outcome: { ok: true } });
    // Finished: the lock is free again. A queued run shows as running until a worker is done.
    expect(await requestOptimization(user.id)).toEqual({ ok: true });
    expect((await optimizerStatus(user.id)).job).toMatchObject({ state: "running", outcome: null });
    expect(await runNextJob(jobHandlers)).toMatchObject({ status: "done", result: { ok: true } });
    expect((await optimizerStatus(user.id)).job).toMatchObject({ state: "finished", outcome: { ok: true } });
  }, 240_000);
});

describe("the adoption rule and the optimizer's input", () => {
  it("finds the training worker module from the source folder and from the server build", () => {
    for (const from of ["app/review", "build/server"]) {
      const found = workerPath(path.resolve(from));
      expect(found).toBe(path.resolve("app/review/fsrs-training.worker.mjs"));
      expect(existsSync(found)).toBe(true);
    }
  });

  it("adopts only when both log loss and RMSE are lower", () => {
    const before = { logLoss: 0.4, rmse: 0.05 };
    expect(trainedIsBetter(before, { logLoss: 0.35, rmse: 0.04 })).toBe(true);
    expect(trainedIsBetter(before, { logLoss: 0.35, rmse: 0.06 })).toBe(false);
    expect(trainedIsBetter(before, { logLoss: 0.45, rmse: 0.04 })).toBe(false);
    expect(trainedIsBetter(before, before)).toBe(false);
  });

  it("writes ratings as the optimizer's revlog rows, with the card's state before each rating", () => {
    expect(
      revlogCsv([
        { cardKey: 1, reviewedAt: 1000, rating: 3, state: 0 },
        { cardKey: 1, reviewedAt: 2000, rating: 3, state: 1 },
        { cardKey: 1, reviewedAt: 3000, rating: 1, state: 2 },
        { cardKey: 1, reviewedAt: 4000, rating: 3, state: 3 },
      ]),
    ).toBe(
      "card_id,review_time,review_rating,review_state,review_duration\n1,1000,3,0,0\n1,2000,3,1,0\n1,3000,1,2,0\n1,4000,3,3,0",
    );
  });
});
