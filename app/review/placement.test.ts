import { dateDiffInDays, default_maximum_interval, get_fuzz_range } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import {
  chooseDay,
  DAY_MS,
  examTarget,
  labelWeekday,
  LIGHT_DAY_FACTOR,
  MAX_BALANCED_DAYS,
  candidateDays,
  moveToDay,
  parseWeekdays,
  planPlacement,
  recallAfterGood,
  recallAt,
  type ExamTarget,
  type PlacementInput,
} from "./placement.ts";
import { applyGrade, Rating, State, type CardFields, type Grade } from "./scheduler.ts";
import { studyDay } from "./study-day.ts";

const TZ = "America/New_York";
const sp = { desiredRetention: 0.9, fuzz: true };

/** A small seeded generator (mulberry32), so every run checks the same cases. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A card in Review state last seen `daysAgo` days before `now`. */
function reviewCard(now: Date, stability: number, difficulty: number, daysAgo: number): CardFields {
  const lastReview = new Date(now.getTime() - daysAgo * DAY_MS);
  return {
    due: new Date(lastReview.getTime() + Math.max(1, Math.round(stability)) * DAY_MS),
    stability,
    difficulty,
    elapsedDays: 0,
    scheduledDays: Math.max(1, Math.round(stability)),
    learningSteps: 0,
    reps: 5,
    lapses: 0,
    state: State.Review,
    lastReview,
  };
}

function inputFor(
  previous: CardFields,
  grade: Grade,
  now: Date,
  over: Partial<PlacementInput> = {},
): PlacementInput & { fuzzRange: { min_ivl: number; max_ivl: number } } {
  const scheduled = applyGrade(previous, grade, now, sp).card;
  const unfuzzedDays = applyGrade(previous, grade, now, { ...sp, fuzz: false }).card.scheduledDays;
  const elapsed = previous.lastReview ? dateDiffInDays(previous.lastReview, now) : 0;
  return {
    now,
    timeZone: TZ,
    previous,
    scheduled,
    unfuzzedDays,
    loadBalance: true,
    lightWeekdays: new Set(),
    exam: null,
    scheduler: sp,
    ...over,
    fuzzRange: get_fuzz_range(unfuzzedDays, elapsed, default_maximum_interval),
  };
}

/** Runs the plan with a calendar of counts (label → reviews due) and returns the chosen offset. */
function place(input: PlacementInput, counts: Map<string, number>) {
  const plan = planPlacement(input);
  if (plan.kind === "keep") return (input.scheduled.due.getTime() - input.now.getTime()) / DAY_MS;
  if (plan.kind === "fixed") return plan.offset;
  return chooseDay(
    plan.days.map((d) => ({ ...d, count: counts.get(d.label) ?? 0 })),
    plan.preferred,
    input.lightWeekdays,
  );
}

const labelAt = (now: Date, offset: number) => studyDay(new Date(now.getTime() + offset * DAY_MS), TZ).label;
/** The study days of the next `days` days (then a day more: counts for every day a card could land on). */
const labelsAhead = (now: Date, days: number) =>
  candidateDays(
    now,
    Array.from({ length: days + 1 }, (_, i) => i + 1),
    TZ,
  ).map((d) => d.label);

describe("load balancing", () => {
  it("keeps ts-fsrs's own day when every day of the range is equally busy", () => {
    const now = new Date("2026-03-02T15:00:00Z");
    const input = inputFor(reviewCard(now, 20, 5, 18), Rating.Good, now);
    const fsrsOffset = (input.scheduled.due.getTime() - now.getTime()) / DAY_MS;
    expect(place(input, new Map())).toBe(fsrsOffset);
  });

  it("chooses the least busy day of the fuzz range, never a day outside it", () => {
    const random = seeded(21);
    for (let i = 0; i < 400; i++) {
      const now = new Date(Date.UTC(2026, 0, 1, Math.floor(random() * 24 * 300), Math.floor(random() * 60)));
      const previous = reviewCard(now, 2 + random() * 120, 1 + random() * 9, 1 + Math.floor(random() * 60));
      const grade = (2 + Math.floor(random() * 3)) as Grade;
      const input = inputFor(previous, grade, now);
      const counts = new Map<string, number>();
      // Random loads on every day from tomorrow to well past the range.
      for (const label of labelsAhead(now, input.fuzzRange.max_ivl + 5)) counts.set(label, Math.floor(random() * 50));
      const offset = place(input, counts);
      const moved = moveToDay(input.scheduled, now, offset);
      if (input.unfuzzedDays >= 3 && input.unfuzzedDays <= MAX_BALANCED_DAYS) {
        expect(offset).toBeGreaterThanOrEqual(input.fuzzRange.min_ivl);
        expect(offset).toBeLessThanOrEqual(input.fuzzRange.max_ivl);
        const inRange = Array.from({ length: input.fuzzRange.max_ivl - input.fuzzRange.min_ivl + 1 }, (_, k) =>
          counts.get(labelAt(now, input.fuzzRange.min_ivl + k))!,
        );
        expect(counts.get(labelAt(now, offset))).toBe(Math.min(...inRange));
      } else {
        // No fuzz, or an interval so long that fuzz alone is kept: ts-fsrs's day.
        expect(moved).toEqual(input.scheduled);
      }
      // Only whole days move: same time of day as ts-fsrs, same memory state.
      expect((moved.due.getTime() - input.scheduled.due.getTime()) % DAY_MS === 0).toBe(true);
      expect(moved.scheduledDays).toBe(offset);
      expect({ ...moved, due: 0, scheduledDays: 0 }).toEqual({ ...input.scheduled, due: 0, scheduledDays: 0 });
    }
  });

  it("moves a card from a busy day to a quieter one", () => {
    const now = new Date("2026-03-02T15:00:00Z");
    const input = inputFor(reviewCard(now, 30, 5, 28), Rating.Good, now);
    const { min_ivl, max_ivl } = input.fuzzRange;
    expect(max_ivl - min_ivl).toBeGreaterThanOrEqual(4);
    const counts = new Map<string, number>();
    for (let d = min_ivl; d <= max_ivl; d++) counts.set(labelAt(now, d), 40);
    counts.set(labelAt(now, min_ivl + 1), 12);
    expect(place(input, counts)).toBe(min_ivl + 1);
  });

  it("leaves learning steps, relearning and short intervals alone", () => {
    const now = new Date("2026-03-02T15:00:00Z");
    const lapse = inputFor(reviewCard(now, 30, 5, 28), Rating.Again, now);
    expect(lapse.scheduled.state).toBe(State.Relearning);
    expect(planPlacement(lapse)).toEqual({ kind: "keep" });
    const young = inputFor(reviewCard(now, 0.5, 6, 1), Rating.Hard, now);
    expect(young.unfuzzedDays).toBeLessThan(3);
    expect(planPlacement(young)).toMatchObject({ kind: "fixed" });
    expect(place(young, new Map())).toBe(young.scheduled.scheduledDays);
  });

  it("turned off, keeps ts-fsrs's result untouched", () => {
    const random = seeded(5);
    for (let i = 0; i < 100; i++) {
      const now = new Date(Date.UTC(2026, 4, 1 + Math.floor(random() * 200), Math.floor(random() * 24)));
      const input = inputFor(reviewCard(now, 3 + random() * 90, 5, 10), Rating.Good, now, { loadBalance: false });
      const counts = new Map([[labelAt(now, input.scheduled.scheduledDays), 1000]]);
      const plan = planPlacement(input);
      expect(plan).toEqual({ kind: "fixed", offset: input.scheduled.scheduledDays, capped: false });
      expect(moveToDay(input.scheduled, now, place(input, counts))).toEqual(input.scheduled);
    }
  });
});

describe("candidate days", () => {
  it("are the study days of now + n days, across daylight-saving changes in any zone", () => {
    for (const tz of ["America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kolkata"]) {
      for (let h = 0; h < 24 * 366; h += 31) {
        const now = new Date(Date.UTC(2026, 0, 1) + h * 3_600_000);
        const offsets = Array.from({ length: 13 }, (_, i) => 3 + i);
        expect(candidateDays(now, offsets, tz)).toEqual(
          offsets.map((offset) => ({ offset, ...studyDay(new Date(now.getTime() + offset * DAY_MS), tz) })),
        );
      }
    }
  });
});

describe("light days", () => {
  it("reads ISO weekdays", () => {
    expect([...parseWeekdays("6,7")]).toEqual([6, 7]);
    expect([...parseWeekdays("")]).toEqual([]);
    expect([...parseWeekdays("0, 3,8,x")]).toEqual([3]);
    expect(labelWeekday("2026-12-05")).toBe(6); // a Saturday
    expect(labelWeekday("2026-12-07")).toBe(1);
  });

  it("weigh a light day's reviews so it is chosen only when the others are much busier", () => {
    const saturday = { offset: 5, label: "2026-12-05", start: new Date(0), end: new Date(0) };
    const monday = { offset: 7, label: "2026-12-07", start: new Date(0), end: new Date(0) };
    const light = new Set([6, 7]);
    // An empty light day still loses to a weekday with a few reviews.
    expect(
      chooseDay(
        [
          { ...saturday, count: 0 },
          { ...monday, count: LIGHT_DAY_FACTOR - 1 },
        ],
        5,
        light,
      ),
    ).toBe(7);
    // Once the weekday holds several times the light day's load, the light day takes the card.
    expect(
      chooseDay(
        [
          { ...saturday, count: 10 },
          { ...monday, count: 60 },
        ],
        7,
        light,
      ),
    ).toBe(5);
    // Without light days, the lower count wins.
    expect(
      chooseDay(
        [
          { ...saturday, count: 10 },
          { ...monday, count: 11 },
        ],
        7,
        new Set(),
      ),
    ).toBe(5);
  });

  it("get far fewer reviews over many placements", () => {
    const random = seeded(77);
    const light = new Set([6, 7]);
    const counts = new Map<string, number>();
    let now = new Date("2026-01-05T14:00:00Z");
    for (let i = 0; i < 3000; i++) {
      // About 30 ratings a day, over 100 days, of cards with intervals from 4 days to 2 months.
      if (i % 30 === 29) now = new Date(now.getTime() + DAY_MS);
      const input = inputFor(reviewCard(now, 4 + random() * 50, 5, 3 + Math.floor(random() * 30)), Rating.Good, now, {
        lightWeekdays: light,
      });
      const label = labelAt(now, place(input, counts));
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
    // Compare whole weeks in the middle of the period, where every day could receive cards.
    let lightTotal = 0;
    let otherTotal = 0;
    for (const [label, n] of counts) {
      if (label < "2026-02-16" || label >= "2026-04-13") continue;
      if (light.has(labelWeekday(label))) lightTotal += n / 2;
      else otherTotal += n / 5;
    }
    expect(otherTotal).toBeGreaterThan(0);
    expect(lightTotal).toBeLessThan(otherTotal / 2);
  });
});

describe("exam-day targeting", () => {
  it("knows the exam day and predicts from the start of its study day", () => {
    const now = new Date("2026-12-01T15:00:00Z");
    const exam = examTarget(new Date("2026-12-20T00:00:00Z"), TZ, now)!;
    expect(exam.day).toBe("2026-12-20");
    expect(exam.at.toISOString()).toBe("2026-12-20T09:00:00.000Z"); // 4 a.m. in New York (EST)
    expect(examTarget(null, TZ, now)).toBeNull();
    expect(examTarget(new Date("2026-12-01T00:00:00Z"), TZ, now)).toBeNull(); // today: the exam has begun
    expect(examTarget(new Date("2026-11-30T00:00:00Z"), TZ, now)).toBeNull();
  });

  it("brings back before the exam every card whose recall on exam day would fall below the target", () => {
    const random = seeded(2026);
    let capped = 0;
    for (let i = 0; i < 800; i++) {
      const now = new Date(Date.UTC(2026, 0, 1, Math.floor(random() * 24 * 300), Math.floor(random() * 60)));
      const previous = reviewCard(now, 1 + random() * 150, 1 + random() * 9, 1 + Math.floor(random() * 90));
      const grade = (1 + Math.floor(random() * 4)) as Grade;
      const desiredRetention = 0.8 + random() * 0.15;
      const scheduler = { desiredRetention, fuzz: true };
      const loadBalance = random() < 0.7;
      const plain = inputFor(previous, grade, now, { loadBalance, scheduler });
      // Exams anywhere from two days ahead, often near the card's fuzz range (where it matters).
      const daysToExam =
        random() < 0.5
          ? 2 + Math.floor(random() * 60)
          : Math.max(
              2,
              plain.fuzzRange.min_ivl -
                2 +
                Math.floor(random() * (plain.fuzzRange.max_ivl - plain.fuzzRange.min_ivl + 5)),
            );
      const exam = examTarget(new Date(`${labelAt(now, daysToExam)}T00:00:00Z`), TZ, now)!;
      const input = { ...plain, exam };
      const counts = new Map<string, number>();
      for (const label of labelsAhead(now, Math.max(daysToExam, input.fuzzRange.max_ivl) + 3))
        counts.set(label, Math.floor(random() * 30));
      const offset = place(input, counts);
      const placed = moveToDay(input.scheduled, now, offset);
      const dueDay = studyDay(placed.due, TZ).label;
      const fsrsDay = studyDay(input.scheduled.due, TZ).label;
      if (placed.state === State.Review) expect(offset).toBeGreaterThanOrEqual(1);
      if (placed.state === State.Review && recallAt(placed, exam.at, scheduler) < desiredRetention) {
        // The learner sees the card again before the exam day.
        expect(dueDay < exam.day).toBe(true);
        if (fsrsDay >= exam.day) capped += 1;
      } else {
        // Otherwise the exam changes nothing.
        expect(offset).toBe(place(plain, counts));
      }
    }
    expect(capped).toBeGreaterThan(20);
  });

  it("changes nothing once the exam day has begun", () => {
    const random = seeded(9);
    for (let i = 0; i < 100; i++) {
      const now = new Date(Date.UTC(2026, 5, 1 + Math.floor(random() * 100), Math.floor(random() * 24)));
      const previous = reviewCard(now, 2 + random() * 100, 5, 5 + Math.floor(random() * 40));
      const examDate = new Date(`${labelAt(now, -Math.floor(random() * 30))}T00:00:00Z`);
      const exam = examTarget(examDate, TZ, now);
      expect(exam).toBeNull();
      const input = inputFor(previous, Rating.Good, now, { exam });
      const counts = new Map<string, number>();
      for (const label of labelsAhead(now, input.fuzzRange.max_ivl)) counts.set(label, Math.floor(random() * 30));
      expect(place(input, counts)).toBe(place({ ...input, exam: null }, counts));
    }
  });

  it("without balancing, moves the card to the day before the exam", () => {
    const random = seeded(3);
    const now = new Date("2026-03-02T15:00:00Z");
    // A card whose fuzz pushed it at least two days past its interval before fuzz.
    let input = inputFor(reviewCard(now, 20, 5, 18), Rating.Good, now, { loadBalance: false });
    while (input.scheduled.scheduledDays < input.unfuzzedDays + 2)
      input = inputFor(reviewCard(now, 10 + random() * 60, 5, 10), Rating.Good, now, { loadBalance: false });
    const exam = examTarget(new Date(`${labelAt(now, input.unfuzzedDays + 1)}T00:00:00Z`), TZ, now)!;
    expect(recallAt(input.scheduled, exam.at, sp)).toBeLessThan(0.9);
    const plan = planPlacement({ ...input, exam });
    expect(plan).toEqual({ kind: "fixed", offset: input.unfuzzedDays, capped: true });
    expect(labelAt(now, input.unfuzzedDays)).toBe(labelAt(now, input.unfuzzedDays + 1 - 1));
  });

  it("with balancing, spreads cards due after the exam over the days before it that keep recall on target", () => {
    const now = new Date("2026-03-02T15:00:00Z");
    // A card scheduled well past the point its recall falls under the target (as a lower target
    // or a long maximum would): the whole fuzz range lies after the exam.
    const scheduled: CardFields = {
      ...reviewCard(now, 10, 5, 0),
      due: new Date(now.getTime() + 30 * DAY_MS),
      scheduledDays: 30,
    };
    const exam = examTarget(new Date("2026-03-22T00:00:00Z"), TZ, now) as ExamTarget;
    const input: PlacementInput = {
      now,
      timeZone: TZ,
      previous: reviewCard(now, 8, 5, 8),
      scheduled,
      unfuzzedDays: 30,
      loadBalance: true,
      lightWeekdays: new Set(),
      exam,
      scheduler: sp,
    };
    expect(recallAt(scheduled, exam.at, sp)).toBeLessThan(0.9);
    const plan = planPlacement(input);
    if (plan.kind !== "balance") throw new Error(`expected a choice of days, got ${plan.kind}`);
    expect(plan.capped).toBe(true);
    for (const d of plan.days) {
      expect(d.label < exam.day).toBe(true);
      const reviewAt = new Date(now.getTime() + d.offset * DAY_MS);
      expect(recallAfterGood(scheduled, reviewAt, exam.at, sp)).toBeGreaterThanOrEqual(0.9);
    }
    expect(plan.days.at(-1)!.label).toBe("2026-03-21");
    // An even calendar: the latest day; a busy day before the exam sends it earlier.
    expect(place(input, new Map())).toBe(plan.days.at(-1)!.offset);
    expect(place(input, new Map([["2026-03-21", 50]]))).toBe(plan.days.at(-2)!.offset);
    // Without balancing: the day before the exam.
    expect(planPlacement({ ...input, loadBalance: false })).toEqual({
      kind: "fixed",
      offset: plan.days.at(-1)!.offset,
      capped: true,
    });
  });
});
