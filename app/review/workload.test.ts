import { default_w, FSRS, forgetting_curve, generatorParameters, Rating, State } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import { RETENTION_STEPS } from "./retention.ts";
import {
  DEFAULT_SECONDS_PER_REVIEW,
  estimateWorkload,
  MemoryModel,
  secondsPerReview,
  suggestRetention,
  workloadHorizon,
  type MemoryCard,
  type WorkloadInput,
  type WorkloadPoint,
} from "./workload.ts";

const DAY = 86_400_000;
const dayStart = new Date("2026-03-02T10:00:00Z");
const now = dayStart;

function input(overrides: Partial<WorkloadInput>): WorkloadInput {
  return {
    cards: [],
    newCards: 0,
    newCardsPerDay: 0,
    weights: null,
    learningSteps: ["1m", "10m"],
    relearningSteps: ["10m"],
    dayStart,
    now,
    horizonDays: 30,
    retentions: [0.9],
    ...overrides,
  };
}

/** A review card last seen `elapsed` days ago and due `dueIn` days from now. */
const reviewCard = (stability: number, difficulty: number, elapsed: number, dueIn = 0): MemoryCard => ({
  state: State.Review,
  stability,
  difficulty,
  lastReview: new Date(now.getTime() - elapsed * DAY),
  due: new Date(now.getTime() + dueIn * DAY),
});

describe("the memory model", () => {
  it("matches ts-fsrs's formulas (default and other parameters)", () => {
    const other = default_w.map((w, i) => (i === 20 ? 0.5 : i === 8 ? w * 1.2 : w));
    for (const weights of [null, other]) {
      for (const retention of [0.7, 0.9, 0.99]) {
        const ours = new MemoryModel(weights, retention);
        const theirs = new FSRS(
          generatorParameters({ w: weights ?? default_w, request_retention: retention, enable_fuzz: false }),
        );
        for (const s of [0.5, 2.3, 10, 80, 400]) {
          expect(ours.interval(s)).toBe(theirs.next_interval(s, 0));
          for (const t of [1, 7, 30]) expect(ours.recall(t, s)).toBeCloseTo(forgetting_curve(ours.w, t, s), 7);
          for (const d of [1.5, 5, 9.2]) {
            const r = ours.recall(10, s);
            for (const g of [1, 3] as const) {
              const expected = theirs.next_state({ stability: s, difficulty: d }, 10, g, r);
              const got = ours.afterReview(s, d, r, g);
              expect(got.s).toBeCloseTo(expected.stability, 6);
              expect(got.d).toBeCloseTo(expected.difficulty, 6);
            }
            const step = theirs.next_state({ stability: s, difficulty: d }, 0, Rating.Good);
            expect(ours.afterStep(s, d).s).toBeCloseTo(step.stability, 6);
            expect(ours.afterStep(s, d).d).toBeCloseTo(step.difficulty, 6);
          }
        }
      }
    }
  });
});

describe("estimateWorkload", () => {
  it("one card due today at its stability (recall 0.9): 1.1 reviews expected on the day", () => {
    // Recall after S days is 0.9 by the definition of stability. The review happens (1); one time
    // in ten it is forgotten and seen again at the 10-minute relearning step (0.1). The next
    // review comes after more than a day either way, beyond a one-day horizon.
    const card = reviewCard(10, 5, 10);
    expect(estimateWorkload(input({ cards: [card], horizonDays: 1 }))[0].reviewsPerDay).toBeCloseTo(1.1, 9);
    expect(
      estimateWorkload(input({ cards: [card], horizonDays: 1, relearningSteps: [] }))[0].reviewsPerDay,
    ).toBeCloseTo(1, 9);
    // Not due within the horizon: nothing to do.
    expect(estimateWorkload(input({ cards: [reviewCard(10, 5, 1, 9)], horizonDays: 5 }))[0].reviewsPerDay).toBe(0);
  });

  it("over 45 days, agrees with enumerating every recall/forget history of the card", () => {
    const horizon = 45;
    const retention = 0.9;
    const f = new FSRS(generatorParameters({ request_retention: retention, enable_fuzz: false }));
    // Expectation with no merging: a review at `day` with memory (s, d) and recall r, reached
    // with probability p (histories less likely than one in ten million are left out).
    const expected = (day: number, s: number, d: number, r: number, p = 1): number => {
      if (day >= horizon || p < 1e-7) return 0;
      const good = f.next_state({ stability: s, difficulty: d }, 1, Rating.Good, r);
      const again = f.next_state({ stability: s, difficulty: d }, 1, Rating.Again, r);
      const relearned = f.next_state(again, 0, Rating.Good);
      const next = (m: { stability: number; difficulty: number }, q: number) => {
        const interval = f.next_interval(m.stability, 0);
        return expected(day + interval, m.stability, m.difficulty, f.forgetting_curve(interval, m.stability), p * q);
      };
      return 1 + (1 - r) + r * next(good, r) + (1 - r) * next(relearned, 1 - r);
    };
    const total = expected(0, 3, 6, f.forgetting_curve(3, 3));
    const [point] = estimateWorkload(input({ cards: [reviewCard(3, 6, 3)], horizonDays: horizon }));
    expect(total).toBeGreaterThan(4);
    expect(point.reviewsPerDay * horizon).toBeCloseTo(total, 1);
  });

  it("counts a new card's learning steps on its first day", () => {
    const firstDay = (steps: WorkloadInput["learningSteps"]) =>
      estimateWorkload(input({ newCards: 100, newCardsPerDay: 10, horizonDays: 1, learningSteps: steps }))[0]
        .reviewsPerDay;
    expect(firstDay(["1m", "10m"])).toBe(20);
    expect(firstDay(["1m", "10m", "1h"])).toBe(30);
    expect(firstDay([])).toBe(10);
    // New cards stop when none are left: 25 cards at 10 a day over 30 days.
    const fed = estimateWorkload(input({ newCards: 25, newCardsPerDay: 10, horizonDays: 30 }))[0];
    expect(fed.reviewsPerDay * 30).toBeGreaterThan(25 * 2);
    expect(fed.reviewsPerDay * 30).toBeLessThan(25 * 2 + 25 * 10);
  });

  it("asks for more reviews the higher the desired retention", () => {
    const cards = Array.from({ length: 300 }, (_, i) =>
      reviewCard(1 + (i % 60) * 2, 2 + (i % 7), (i % 17) + 1, (i % 23) - 3),
    );
    const points = estimateWorkload(
      input({ cards, newCards: 500, newCardsPerDay: 15, horizonDays: 365, retentions: RETENTION_STEPS }),
    );
    expect(points.map((p) => p.retention)).toEqual(RETENTION_STEPS);
    const at = (r: number) => points.find((p) => p.retention === r)!.reviewsPerDay;
    const checkpoints = [0.75, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.99];
    for (let i = 1; i < checkpoints.length; i++) expect(at(checkpoints[i])).toBeGreaterThan(at(checkpoints[i - 1]));
    // The steep end: 0.99 costs far more than 0.90.
    expect(at(0.99)).toBeGreaterThan(2 * at(0.9));
  });

  it("stays fast for a 20,000-card deck", () => {
    const cards = Array.from({ length: 20_000 }, (_, i) =>
      reviewCard(0.5 + (i % 400), 1 + (i % 10), (i % 90) + 1, (i % 200) - 20),
    );
    const started = performance.now();
    const points = estimateWorkload(
      input({ cards, newCards: 2_000, newCardsPerDay: 20, horizonDays: 365, retentions: RETENTION_STEPS }),
    );
    expect(points).toHaveLength(30);
    // Generous for a loaded CI machine; about half a second on an idle laptop core.
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe("suggestRetention", () => {
  const curve = (f: (r: number) => number): WorkloadPoint[] =>
    RETENTION_STEPS.map((retention) => ({ retention, reviewsPerDay: f(retention) }));

  it("stops before the first point that costs more than twice the 0.70–0.85 average", () => {
    // One review a day per point up to 0.93, then five per point: 0.94 is the first expensive one.
    const points = curve((r) => {
      const p = Math.round(r * 100);
      return 100 + Math.min(p, 93) - 70 + Math.max(0, p - 93) * 5;
    });
    expect(suggestRetention(points)).toBe(0.93);
    // Twice the average exactly is still fine; a bit more is not.
    const marginal = (p: number) => (p <= 95 ? 1 : p === 96 ? 2 : 2.5);
    const edge = curve((r) => {
      let w = 100;
      for (let p = 71; p <= Math.round(r * 100); p++) w += marginal(p);
      return w;
    });
    expect(suggestRetention(edge)).toBe(0.96);
  });

  it("uses at least 0.5% of the workload at 0.85 as the yardstick when the low range is flat", () => {
    // Flat until 0.90, then +0.4 a point (under 0.5% of 100 × 2 = 1), then +2 a point from 0.96.
    const points = curve((r) => {
      const p = Math.round(r * 100);
      return 100 + Math.max(0, Math.min(p, 95) - 90) * 0.4 + Math.max(0, p - 95) * 2;
    });
    expect(suggestRetention(points)).toBe(0.95);
    expect(suggestRetention(curve(() => 50))).toBe(0.99);
  });

  it("has no suggestion without a workload", () => {
    expect(suggestRetention(curve(() => 0))).toBeNull();
    expect(suggestRetention([])).toBeNull();
  });
});

describe("secondsPerReview and the horizon", () => {
  it("takes the median gap between ratings in a sitting, ignoring breaks", () => {
    const start = Date.UTC(2026, 0, 1);
    const times: Date[] = [];
    let t = start;
    for (let i = 0; i < 40; i++) {
      // A rating after an hour's break every ten ratings; its gap is not a review's time.
      if (i % 10 === 0) times.push(new Date((t += 3600_000)));
      times.push(new Date((t += (i % 2 ? 6 : 12) * 1000)));
    }
    // Gaps alternate 6 s and 12 s; the hour-long breaks do not count.
    expect(secondsPerReview(times)).toEqual({ seconds: 9, measured: true });
    expect(secondsPerReview(times.slice(0, 10))).toEqual({ seconds: DEFAULT_SECONDS_PER_REVIEW, measured: false });
  });

  it("runs a year, or to the exam when that is sooner, but at least 30 days", () => {
    expect(workloadHorizon(dayStart, null)).toBe(365);
    expect(workloadHorizon(dayStart, new Date(dayStart.getTime() + 90 * DAY))).toBe(90);
    expect(workloadHorizon(dayStart, new Date(dayStart.getTime() + 10 * DAY))).toBe(30);
    expect(workloadHorizon(dayStart, new Date(dayStart.getTime() + 900 * DAY))).toBe(365);
    expect(workloadHorizon(dayStart, new Date(dayStart.getTime() - 5 * DAY))).toBe(365);
  });
});
