// Placement against a real database: the day counts the balancer reads, a rating landing on the
// quietest day, and the exam-day prediction compared with ts-fsrs computed here.
import { fsrs, generatorParameters, Rating, State, type Grade } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import { makeUser } from "../../tests/factories/users.ts";
import { savePreferences } from "~/models/preferences.server.ts";
import { cachedBalanceCounts } from "~/models/balance-counts.server.ts";
import { balanceDueCounts, dueCountsByDay } from "~/models/review-forecast.server.ts";
import { db } from "~/utils/db.server.ts";
import { examRecallForecast } from "./exam-forecast.server.ts";
import { candidateDays, DAY_MS, examTarget, planPlacement } from "./placement.ts";
import { buryCard, rateCard, setCardSuspended, undoLastRating } from "./review.server.ts";
import { applyGrade, fromFsrs, toFsrs, type CardFields } from "./scheduler.ts";
import { studyDay } from "./study-day.ts";

const TZ = "America/New_York";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function learner(prefs: Parameters<typeof savePreferences>[1] = {}) {
  const user = await makeUser();
  await savePreferences(user.id, { timeZone: TZ, ...prefs });
  return user;
}

function card(userId: string, fields: Partial<CardFields> & { suspended?: boolean; buriedUntil?: Date }) {
  return db.reviewCard.create({
    data: {
      userId,
      source: "own",
      domainId: "LAW",
      front: "f",
      back: "b",
      due: new Date(),
      state: State.Review,
      ...fields,
    },
    select: { id: true },
  });
}

/** A card in Review state, last reviewed `daysAgo` days before `now`, due now. */
function reviewFields(now: Date, stability: number, daysAgo: number): CardFields {
  return {
    due: now,
    stability,
    difficulty: 5,
    elapsedDays: 0,
    scheduledDays: daysAgo,
    learningSteps: 0,
    reps: 4,
    lapses: 0,
    state: State.Review,
    lastReview: new Date(now.getTime() - daysAgo * DAY_MS),
  };
}

describe("reviews due per study day", () => {
  it("counts started, unsuspended cards by the study day of their effective due time", async () => {
    const user = await learner();
    const now = new Date("2026-11-10T15:00:00Z");
    const days = candidateDays(now, [3, 4, 5], TZ);
    const [d3, d4, d5] = days;
    await card(user.id, { due: new Date(d3.start.getTime() + HOUR) });
    await card(user.id, { due: new Date(d3.end.getTime() - 60_000) });
    await card(user.id, { due: d4.start }); // 4 a.m. exactly: that day
    await card(user.id, { due: new Date(d4.start.getTime() + HOUR), suspended: true }); // suspended: never
    await card(user.id, { due: new Date(d4.start.getTime() + HOUR), state: State.New }); // new: never
    await card(user.id, { due: new Date(d4.start.getTime() + HOUR), buriedUntil: d5.start }); // buried into day 5
    await card(user.id, { due: new Date(d3.start.getTime() - 60_000) }); // the day before the range
    await card(user.id, { due: d5.end }); // the day after
    // Due before the range, buried into it: due on the day its burial ends.
    await card(user.id, {
      due: new Date(d3.start.getTime() - 3 * DAY),
      buriedUntil: new Date(d4.start.getTime() + HOUR),
    });
    // Buried past the range: due after it.
    await card(user.id, { due: new Date(d5.start.getTime() + HOUR), buriedUntil: new Date(d5.end.getTime() + HOUR) });
    expect(await dueCountsByDay(user.id, days)).toEqual([2, 2, 1]);
    const other = await learner();
    expect(await dueCountsByDay(other.id, days)).toEqual([0, 0, 0]);
  });
});

describe("rating with load balancing", () => {
  it("lands a review on the quietest day of its fuzz range, at ts-fsrs's time of day", async () => {
    const user = await learner();
    const now = new Date("2026-03-02T15:00:00Z");
    const previous = reviewFields(now, 30, 28);
    const own = await card(user.id, previous);
    const sp = { desiredRetention: 0.9, fuzz: true };
    const scheduled = applyGrade(previous, Rating.Good, now, sp).card;
    const unfuzzedDays = applyGrade(previous, Rating.Good, now, { ...sp, fuzz: false }).card.scheduledDays;
    const plan = planPlacement({
      now,
      timeZone: TZ,
      previous,
      scheduled,
      unfuzzedDays,
      loadBalance: true,
      lightWeekdays: new Set(),
      exam: null,
      scheduler: sp,
    });
    if (plan.kind !== "balance") throw new Error("expected a fuzz range");
    // Every day of the range holds 3 reviews but one, which holds 1.
    const quiet = plan.days[plan.days.length - 2];
    for (const d of plan.days)
      for (let i = 0; i < (d === quiet ? 1 : 3); i++) await card(user.id, { due: new Date(d.start.getTime() + HOUR) });
    expect(
      await rateCard(user.id, { ref: `card:${own.id}`, grade: Rating.Good, requestId: "req-balance-1" }, now),
    ).toEqual({
      ok: true,
      leech: false,
    });
    const saved = await db.reviewCard.findUniqueOrThrow({ where: { id: own.id } });
    expect(studyDay(saved.due, TZ).label).toBe(quiet.label);
    expect(saved.due.getTime()).toBe(now.getTime() + quiet.offset * DAY_MS);
    expect(saved.scheduledDays).toBe(quiet.offset);
    expect(saved.stability).toBe(scheduled.stability);
  });

  it("keeps the counts it holds between ratings equal to the database's after every kind of write", async () => {
    const user = await learner();
    const now = new Date("2026-03-02T15:00:00Z");
    const previous = reviewFields(now, 30, 28);
    const sp = { desiredRetention: 0.9, fuzz: true };
    const plan = planPlacement({
      now,
      timeZone: TZ,
      previous,
      scheduled: applyGrade(previous, Rating.Good, now, sp).card,
      unfuzzedDays: applyGrade(previous, Rating.Good, now, { ...sp, fuzz: false }).card.scheduledDays,
      loadBalance: true,
      lightWeekdays: new Set(),
      exam: null,
      scheduler: sp,
    });
    if (plan.kind !== "balance") throw new Error("expected a fuzz range");
    const cards = [];
    for (let i = 0; i < 4; i++) cards.push(await card(user.id, previous));
    for (const [i, d] of plan.days.entries())
      await card(user.id, { due: new Date(d.start.getTime() + (i % 3) * HOUR) });
    const inStep = async () =>
      expect(await balanceDueCounts(user.id, plan.days)).toEqual(await dueCountsByDay(user.id, plan.days));
    const rate = (id: string, n: number) =>
      rateCard(user.id, { ref: `card:${id}`, grade: Rating.Good, requestId: `req-step-${n}` }, now);

    await rate(cards[0].id, 0);
    // The rating counted the range once and now holds it, moved by its own card.
    expect(cachedBalanceCounts(user.id, plan.days)).not.toBeNull();
    await inStep();
    await rate(cards[1].id, 1);
    expect(cachedBalanceCounts(user.id, plan.days)).not.toBeNull();
    await inStep();
    // Writes other than a rating make the next rating count again.
    await buryCard(user.id, cards[1].id, now);
    expect(cachedBalanceCounts(user.id, plan.days)).toBeNull();
    await inStep();
    await rate(cards[2].id, 2);
    await undoLastRating(user.id, now);
    expect(cachedBalanceCounts(user.id, plan.days)).toBeNull();
    await inStep();
    await rate(cards[3].id, 3);
    await setCardSuspended(user.id, cards[3].id, true);
    expect(cachedBalanceCounts(user.id, plan.days)).toBeNull();
    await inStep();
  });

  it("turned off, saves exactly what ts-fsrs gives (fuzz on)", async () => {
    const user = await learner({ loadBalance: false });
    const now = new Date("2026-03-02T15:00:00Z");
    const previous = reviewFields(now, 30, 28);
    const own = await card(user.id, previous);
    const direct = fsrs(generatorParameters({ request_retention: 0.9, enable_fuzz: true, enable_short_term: true }));
    const expected = fromFsrs(direct.next(toFsrs(previous), now, Rating.Good as Grade).card);
    // A crowd on ts-fsrs's own day does not move the card.
    for (let i = 0; i < 5; i++) await card(user.id, { due: new Date(expected.due.getTime() + 60_000) });
    await rateCard(user.id, { ref: `card:${own.id}`, grade: Rating.Good, requestId: "req-balance-2" }, now);
    const saved = await db.reviewCard.findUniqueOrThrow({ where: { id: own.id } });
    expect(saved.due).toEqual(expected.due);
    expect(saved.scheduledDays).toBe(expected.scheduledDays);
  });
});

describe("exam-day prediction", () => {
  it("is the mean recall on exam day over started cards, as ts-fsrs computes it", async () => {
    const now = new Date("2026-03-02T15:00:00Z");
    const examDate = new Date("2026-03-20T00:00:00Z");
    const user = await learner({ examDate, reviewsPerDay: 2 });
    const exam = examTarget(examDate, TZ, now)!;
    const f = fsrs(generatorParameters({ request_retention: 0.9, enable_fuzz: false, enable_short_term: true }));
    const started = [
      { ...reviewFields(now, 12, 10), due: new Date(now.getTime() - 2 * DAY_MS) }, // overdue: due today
      { ...reviewFields(now, 3.5, 4), due: new Date(now.getTime() + HOUR) }, // due later today
      { ...reviewFields(now, 40, 5), due: new Date(now.getTime() + 30 * DAY_MS) },
      { ...reviewFields(now, 2, 1), due: new Date(now.getTime() + 5 * DAY_MS), state: State.Learning },
    ];
    for (const c of started) await card(user.id, c);
    await card(user.id, { ...reviewFields(now, 1, 1), suspended: true }); // suspended: left out
    await card(user.id, { state: State.New, stability: 0, lastReview: null }); // new: left out
    const recallOnExam = (c: CardFields) =>
      f.forgetting_curve((exam.at.getTime() - c.lastReview!.getTime()) / DAY_MS, c.stability);
    const mean = started.reduce((n, c) => n + recallOnExam(c), 0) / started.length;
    // The two cards due today, rated Good now.
    const gain = started.slice(0, 2).reduce((n, c) => {
      const after = f.next(toFsrs(c), now, Rating.Good).card;
      return n + f.forgetting_curve((exam.at.getTime() - now.getTime()) / DAY_MS, after.stability) - recallOnExam(c);
    }, 0);

    const forecast = await examRecallForecast(user.id, now);
    expect(forecast).not.toBeNull();
    expect(forecast!.examDay).toBe("2026-03-20");
    expect(forecast!.cards).toBe(4);
    expect(forecast!.dueToday).toBe(2);
    expect(forecast!.recall).toBeCloseTo(mean, 5);
    expect(forecast!.recallAfterToday).toBeCloseTo(mean + gain / started.length, 5);
    expect(forecast!.recallAfterToday!).toBeGreaterThan(forecast!.recall!);

    // The daily limit bounds "today's work": one review left in the limit, one card counted.
    await savePreferences(user.id, { reviewsPerDay: 1 });
    expect((await examRecallForecast(user.id, now))!.dueToday).toBe(1);
  });

  it("is absent without an exam date or once the exam day has begun", async () => {
    const now = new Date("2026-03-02T15:00:00Z");
    const none = await learner();
    expect(await examRecallForecast(none.id, now)).toBeNull();
    const today = await learner({ examDate: new Date("2026-03-02T00:00:00Z") });
    expect(await examRecallForecast(today.id, now)).toBeNull();
    const fresh = await learner({ examDate: new Date("2026-04-02T00:00:00Z") });
    expect(await examRecallForecast(fresh.id, now)).toMatchObject({ cards: 0, recall: null, dueToday: 0 });
  });
});
