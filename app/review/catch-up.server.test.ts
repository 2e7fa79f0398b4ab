// Catch-up plans and final review on a real database (SQLite, and PostgreSQL with
// TEST_DATABASE_URL): the queue's order by predicted recall, the plan's cap, paused new cards,
// the plan's end, exam weights and near-due cards in final review.
import { forgetting_curve, default_w, Rating, State } from "ts-fsrs";
import { beforeAll, describe, expect, it } from "vitest";
import { makeCard } from "../../tests/fixtures/content.ts";
import { makeUser } from "../../tests/factories/users.ts";
import { syncCards } from "~/models/bank.server.ts";
import { learnerPreferences, savePreferences } from "~/models/preferences.server.ts";
import { overdueRecallAtRanks } from "~/models/review.server.ts";
import { db } from "~/utils/db.server.ts";
import { backlogStatus, previewCatchUp, setFinalReview, startCatchUp, stopCatchUp } from "./catch-up.server.ts";
import { rateCard, studyQueue } from "./review.server.ts";

const DAY = 86_400_000;
// 6 p.m. in New York on 2026-06-10: the study day began at 4 a.m. local (08:00 UTC).
const now = new Date("2026-06-10T22:00:00Z");
const dayStart = new Date("2026-06-10T08:00:00Z");
const at = (i: number) => new Date(now.getTime() + i * 1000);

beforeAll(async () => {
  await syncCards([makeCard("LAW-C1"), makeCard("LAW-C2")]);
});

async function learner(prefs: Parameters<typeof savePreferences>[1] = {}) {
  const user = await makeUser();
  await savePreferences(user.id, { timeZone: "America/New_York", reviewsPerDay: 200, newCardsPerDay: 5, ...prefs });
  return user;
}

let made = 0;
/** A review card last reviewed `reviewedDaysAgo` days ago with `stability`, due at `due`. */
async function card(
  userId: string,
  o: { due: Date; stability: number; reviewedDaysAgo: number; domainId?: string; state?: State },
) {
  made += 1;
  const { id } = await db.reviewCard.create({
    data: {
      userId,
      source: "own",
      domainId: o.domainId ?? "LAW",
      front: `Card ${made}`,
      back: "Back",
      due: o.due,
      stability: o.stability,
      difficulty: 5,
      state: o.state ?? State.Review,
      reps: 3,
      scheduledDays: Math.round(o.stability),
      lastReview: new Date(now.getTime() - o.reviewedDaysAgo * DAY),
    },
    select: { id: true },
  });
  return id;
}

const recallOf = (stability: number, reviewedDaysAgo: number) =>
  forgetting_curve(default_w, reviewedDaysAgo, stability);

async function rateCurrent(userId: string, when: Date) {
  const q = await studyQueue(userId, null, when);
  expect(q.current).not.toBeNull();
  const result = await rateCard(
    userId,
    { ref: q.current!.ref, grade: Rating.Good, requestId: `r-${when.getTime()}-${Math.random()}` },
    when,
  );
  expect(result.ok).toBe(true);
  return q;
}

describe("a catch-up plan", () => {
  it("serves learning steps first, then the lowest predicted recall, up to the cap, with new cards paused", async () => {
    const user = await learner();
    // Due order (oldest first) differs from recall order on purpose.
    const specs = [
      { due: new Date(now.getTime() - 9 * DAY), stability: 60, reviewedDaysAgo: 70 },
      { due: new Date(now.getTime() - 2 * DAY), stability: 1, reviewedDaysAgo: 30 },
      { due: new Date(now.getTime() - 5 * DAY), stability: 4, reviewedDaysAgo: 12 },
      { due: new Date(now.getTime() - 1 * DAY), stability: 2, reviewedDaysAgo: 25 },
      { due: new Date(now.getTime() - 7 * DAY), stability: 30, reviewedDaysAgo: 45 },
    ];
    const ids = [];
    for (const s of specs) ids.push(await card(user.id, s));
    const byRecall = ids
      .map((id, i) => ({ id, recall: recallOf(specs[i].stability, specs[i].reviewedDaysAgo) }))
      .sort((a, b) => a.recall - b.recall);
    const learning = await card(user.id, {
      due: new Date(now.getTime() - 60_000),
      stability: 1,
      reviewedDaysAgo: 0.01,
      state: State.Learning,
    });

    // Without a plan: the most overdue first, and new cards allowed.
    const before = await studyQueue(user.id, null, now);
    expect(before.current?.ref).toBe(`card:${specs[0].due < specs[4].due ? ids[0] : ids[4]}`);
    expect(before.counts.new).toBeGreaterThan(0);

    const started = await startCatchUp(user.id, 3, now);
    expect(started.ok).toBe(true);
    expect((await learnerPreferences(user.id)).catchUpCap).toBe(3);

    const served = [];
    for (let i = 0; i < 3; i++) {
      const q = await rateCurrent(user.id, at(i));
      expect(q.mode.catchUp).toEqual({ cap: 3, reviewsLeft: 3 - i });
      expect(q.counts.new).toBe(0);
      served.push(q.current!.ref);
    }
    expect(served).toEqual([`card:${learning}`, `card:${byRecall[0].id}`, `card:${byRecall[1].id}`]);

    const capped = await studyQueue(user.id, null, at(5));
    expect(capped.current).toBeNull();
    expect(capped.counts).toMatchObject({ due: 0, new: 0, reviewLimitReached: true });

    // The next study day: the learning step left from today first, then still lowest recall first.
    const tomorrow = new Date(now.getTime() + DAY);
    expect((await rateCurrent(user.id, tomorrow)).current?.ref).toBe(`card:${learning}`);
    expect((await studyQueue(user.id, null, new Date(tomorrow.getTime() + 1000))).current?.ref).toBe(
      `card:${byRecall[2].id}`,
    );
  });

  it("ends by itself once nothing is overdue, and new cards come back", async () => {
    const user = await learner();
    await card(user.id, { due: new Date(now.getTime() - 3 * DAY), stability: 3, reviewedDaysAgo: 6 });
    await card(user.id, { due: new Date(now.getTime() - 2 * DAY), stability: 5, reviewedDaysAgo: 7 });
    expect((await startCatchUp(user.id, 10, now)).ok).toBe(true);
    await rateCurrent(user.id, at(1));
    await rateCurrent(user.id, at(2));
    const after = await studyQueue(user.id, null, at(3));
    expect(after.mode.catchUp).toBeNull();
    expect(after.current?.isNew).toBe(true);
    const prefs = await learnerPreferences(user.id);
    expect(prefs).toMatchObject({ catchUpCap: null, catchUpSince: null });
  });

  it("weights by the exam domain when the exam is within 30 days", async () => {
    const user = await learner();
    const fnd = await card(user.id, {
      due: new Date(now.getTime() - 4 * DAY),
      stability: 5,
      reviewedDaysAgo: 10,
      domainId: "FND",
    });
    const com = await card(user.id, {
      due: new Date(now.getTime() - 3 * DAY),
      stability: 5,
      reviewedDaysAgo: 10,
      domainId: "COM",
    });
    expect((await startCatchUp(user.id, 10, now)).ok).toBe(true);
    // Same recall: without an exam date the longest overdue goes first.
    expect((await studyQueue(user.id, null, now)).current?.ref).toBe(`card:${fnd}`);
    // COM is 19% of the exam, FND 9%.
    await savePreferences(user.id, { examDate: new Date("2026-06-25T00:00:00Z") });
    expect((await studyQueue(user.id, null, now)).current?.ref).toBe(`card:${com}`);
    await stopCatchUp(user.id);
    expect((await learnerPreferences(user.id)).catchUpCap).toBeNull();
  });

  it("previews the plan and refuses a cap that never clears the backlog", async () => {
    const user = await learner({ reviewsPerDay: 3 });
    for (let i = 0; i < 40; i++)
      await card(user.id, { due: new Date(now.getTime() - (i + 2) * DAY), stability: 2, reviewedDaysAgo: i + 4 });
    // Cards coming due every day afterwards (6 a day for 10 days).
    for (let d = 1; d <= 10; d++)
      for (let k = 0; k < 6; k++)
        await card(user.id, {
          due: new Date(dayStart.getTime() + d * DAY + k * 60_000),
          stability: 9,
          reviewedDaysAgo: 1,
        });

    const status = await backlogStatus(user.id, { exact: true, now });
    // No history: usual work is the daily limit (3), raised to the floor of 10 a day; backlog over 30.
    expect(status).toMatchObject({ overdue: 40, dailyReviews: 10, threshold: 30, backlog: true, plan: null });
    expect((await backlogStatus(user.id, { exact: false, now })).overdue).toBe(31);

    const preview = await previewCatchUp(user.id, 15, now);
    expect(preview.plan.clears).toBe(true);
    // Today 15 of the 40 (25 left); tomorrow 15 more, and the 6 coming due wait (16 left); then
    // 15 (7 left), then the last 7.
    expect(preview.plan.days.map((d) => d.fromBacklog)).toEqual([15, 15, 15, 7]);
    expect(preview.plan.days.map((d) => d.overdueAfter)).toEqual([25, 16, 7, 0]);
    for (const d of preview.plan.days) expect(d.reviews).toBeLessThanOrEqual(15);
    // Each day's backlog cards: recall now from its lowest to its highest, rising day by day (the
    // last day takes cards that came due during the plan: their recall is not known today).
    expect(preview.plan.days.map((d) => d.recall === null)).toEqual([false, false, false, true]);
    const recalls = preview.plan.days.flatMap((d) => (d.recall ? [d.recall] : []));
    for (let i = 0; i < recalls.length; i++) {
      expect(recalls[i].lowest).toBeLessThanOrEqual(recalls[i].highest);
      if (i > 0) expect(recalls[i].lowest).toBeGreaterThanOrEqual(recalls[i - 1].highest);
    }

    const refused = await startCatchUp(user.id, 1, now);
    expect(refused).toMatchObject({ ok: false, reason: "never-clears" });
    expect((await learnerPreferences(user.id)).catchUpCap).toBeNull();
  });

  it("computes recall with ts-fsrs's forgetting curve and the learner's parameters, ranked lowest first", async () => {
    const user = await learner();
    await card(user.id, { due: new Date(now.getTime() - 2 * DAY), stability: 3.5, reviewedDaysAgo: 9 });
    await card(user.id, { due: new Date(now.getTime() - 3 * DAY), stability: 20, reviewedDaysAgo: 25 });
    const ranks = await overdueRecallAtRanks(user.id, dayStart, { now, weights: null }, [1, 2]);
    expect(ranks.get(1)).toBeCloseTo(forgetting_curve(default_w, 9, 3.5), 6);
    expect(ranks.get(2)).toBeCloseTo(forgetting_curve(default_w, 25, 20), 6);
    const weights = [...default_w];
    weights[20] = 0.5; // a different decay
    const other = await overdueRecallAtRanks(user.id, dayStart, { now, weights }, [1]);
    expect(other.get(1)).toBeCloseTo(forgetting_curve(weights, 9, 3.5), 6);
    expect(other.get(1)).not.toBeCloseTo(ranks.get(1)!, 3);
  });
});

describe("final review", () => {
  it("is refused more than a week before the exam", async () => {
    const user = await learner({ examDate: new Date("2026-06-30T00:00:00Z") });
    expect(await setFinalReview(user.id, true, now)).toMatchObject({ ok: false, reason: "not-available" });
    expect((await learnerPreferences(user.id)).finalReview).toBe(false);
  });

  it("brings near-due cards forward, weakest and heaviest first, and switches off after the exam", async () => {
    const user = await learner({ examDate: new Date("2026-06-14T00:00:00Z"), newCardsPerDay: 0 });
    const dueNow = await card(user.id, { due: new Date(now.getTime() - DAY), stability: 20, reviewedDaysAgo: 18 });
    // Due in two days, but barely remembered (low stability for its age).
    const nearDue = await card(user.id, {
      due: new Date(now.getTime() + 2 * DAY),
      stability: 2,
      reviewedDaysAgo: 6,
    });
    const later = await card(user.id, { due: new Date(now.getTime() + 6 * DAY), stability: 1, reviewedDaysAgo: 8 });

    const normal = await studyQueue(user.id, null, now);
    expect(normal.current?.ref).toBe(`card:${dueNow}`);
    expect(normal.counts.due).toBe(1);

    expect(await setFinalReview(user.id, true, now)).toEqual({ ok: true });
    const final = await studyQueue(user.id, null, now);
    expect(final.mode.finalReview).toBe(true);
    expect(final.current?.ref).toBe(`card:${nearDue}`);
    expect(final.counts.due).toBe(2); // the card due in six days is not near
    await rateCurrent(user.id, at(1));
    expect((await studyQueue(user.id, null, at(2))).current?.ref).toBe(`card:${dueNow}`);
    await rateCurrent(user.id, at(3));
    expect((await studyQueue(user.id, null, at(4))).current).toBeNull();
    expect(later).toBeTruthy();

    // The day after the exam the flag is ignored.
    const afterExam = new Date("2026-06-15T22:00:00Z");
    expect((await studyQueue(user.id, null, afterExam)).mode.finalReview).toBe(false);
    expect((await backlogStatus(user.id, { exact: false, now: afterExam })).finalReview).toEqual({
      available: false,
      on: false,
    });
  });
});
