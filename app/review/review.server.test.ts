import { createEmptyCard, fsrs, generatorParameters, Rating, type Card, type Grade } from "ts-fsrs";
import { beforeAll, describe, expect, it } from "vitest";
import { makeCard } from "../../tests/fixtures/content.ts";
import { makeUser } from "../../tests/factories/users.ts";
import { syncCards } from "~/models/bank.server.ts";
import { saveRating } from "~/models/review.server.ts";
import { savePreferences } from "~/models/preferences.server.ts";
import { db } from "~/utils/db.server.ts";
import { addOwnCard, buryCard, rateCard, reviewStats, studyQueue, undoLastRating } from "./review.server.ts";
import { fromFsrs } from "./scheduler.ts";

beforeAll(async () => {
  await syncCards(
    Array.from({ length: 12 }, (_, i) =>
      makeCard(`LAW-C${String(i + 1).padStart(4, "0")}`, { front: `Law front ${i + 1}`, back: `Law back ${i + 1}` }),
    ),
  );
});

async function learner(over: { newCardsPerDay?: number; reviewsPerDay?: number } = {}) {
  const user = await makeUser();
  await savePreferences(user.id, { timeZone: "America/New_York", ...over });
  return user;
}

const CARD_COLUMNS = [
  "due",
  "stability",
  "difficulty",
  "elapsedDays",
  "scheduledDays",
  "learningSteps",
  "reps",
  "lapses",
  "state",
  "lastReview",
] as const;
const pick = (card: Record<string, unknown>) => Object.fromEntries(CARD_COLUMNS.map((k) => [k, card[k]]));

describe("rating", () => {
  it("mirrors ts-fsrs (fuzz on) for a scripted sequence and stores every log field", async () => {
    const user = await learner();
    const own = await addOwnCard(user.id, { domainId: "LAW", front: "Q", back: "A" }, new Date("2026-01-01T23:00:00Z"));
    const direct = fsrs(generatorParameters({ request_retention: 0.9, enable_fuzz: true, enable_short_term: true }));
    let expected: Card = createEmptyCard(new Date("2026-01-01T23:00:00Z"));
    const script: [Grade, string][] = [
      [Rating.Good, "2026-01-01T23:00:00Z"],
      [Rating.Good, "2026-01-01T23:11:00Z"],
      [Rating.Hard, "2026-01-04T23:00:00Z"],
      [Rating.Again, "2026-01-12T23:00:00Z"],
      [Rating.Good, "2026-01-12T23:15:00Z"],
      [Rating.Easy, "2026-01-15T22:00:00Z"],
    ];
    for (const [grade, at] of script) {
      const now = new Date(at);
      const step = direct.next(expected, now, grade);
      expected = step.card;
      expect(await rateCard(user.id, { ref: `card:${own.id}`, grade, requestId: `req-${at}` }, now)).toEqual({
        ok: true,
        leech: false,
      });
      const stored = await db.reviewCard.findUniqueOrThrow({ where: { id: own.id } });
      expect(pick(stored)).toEqual({ ...fromFsrs(expected), lastReview: expected.last_review });
      const log = await db.reviewLog.findUniqueOrThrow({ where: { requestId: `req-${at}` } });
      expect(log).toMatchObject({
        rating: step.log.rating,
        state: step.log.state,
        due: step.log.due,
        stability: step.log.stability,
        scheduledDays: step.log.scheduled_days,
        review: now,
      });
    }
  });

  it("saves a repeated request once", async () => {
    const user = await learner();
    const now = new Date("2026-02-01T23:00:00Z");
    const queue = await studyQueue(user.id, "LAW", now);
    const ref = queue.current!.ref;
    expect(ref).toMatch(/^content:LAW-C/);
    await rateCard(user.id, { ref, grade: Rating.Good, requestId: "same-click" }, now);
    await rateCard(user.id, { ref, grade: Rating.Good, requestId: "same-click" }, new Date(now.getTime() + 500));
    expect(await db.reviewLog.count({ where: { userId: user.id } })).toBe(1);
    const card = await db.reviewCard.findFirstOrThrow({ where: { userId: user.id } });
    expect(card.reps).toBe(1);
  });

  it("saves one of two racing copies of a request, and one of two racing ratings of a card", async () => {
    const user = await learner();
    const now = new Date("2026-02-01T23:00:00Z");
    const { ref } = (await studyQueue(user.id, "LAW", now)).current!;
    const copies = await Promise.all(
      [0, 1].map(() => rateCard(user.id, { ref, grade: Rating.Good, requestId: "double-tap" }, now)),
    );
    expect(copies).toEqual([
      { ok: true, leech: false },
      { ok: true, leech: false },
    ]);
    expect(await db.reviewLog.count({ where: { userId: user.id } })).toBe(1);

    const card = await db.reviewCard.findFirstOrThrow({ where: { userId: user.id } });
    const later = new Date(now.getTime() + 60_000);
    const rivals = await Promise.all(
      ["window-a", "window-b"].map((requestId) =>
        rateCard(user.id, { ref: `card:${card.id}`, grade: Rating.Good, requestId }, later),
      ),
    );
    expect(rivals.filter((r) => r.ok)).toHaveLength(1);
    expect(rivals.filter((r) => !r.ok && r.reason === "stale")).toHaveLength(1);
    expect((await db.reviewCard.findUniqueOrThrow({ where: { id: card.id } })).reps).toBe(2);
    expect(await db.reviewLog.count({ where: { userId: user.id } })).toBe(2);
  });

  // A copy of the request that committed first, found only when the log row is written.
  it("keeps nothing of a rating whose log row loses the race for its request id", async () => {
    const user = await learner();
    const now = new Date("2026-02-01T23:00:00Z");
    const first = (await studyQueue(user.id, "LAW", now)).current!;
    await rateCard(user.id, { ref: first.ref, grade: Rating.Good, requestId: "reused-id" }, now);
    const other = await addOwnCard(user.id, { domainId: "LAW", front: "Own front", back: "Own back" }, now);
    const before = await db.reviewCard.findUniqueOrThrow({ where: { id: other.id } });
    const fields = { ...before, reps: 1, state: 1, lastReview: now };
    const result = await saveRating({
      userId: user.id,
      cardId: other.id,
      requestId: "reused-id",
      expectedReps: before.reps,
      previous: before,
      next: fields,
      log: {
        rating: 3,
        state: 0,
        due: now,
        stability: 1,
        difficulty: 5,
        elapsedDays: 0,
        lastElapsedDays: 0,
        scheduledDays: 0,
        learningSteps: 0,
        review: now,
      },
      suspend: false,
    });
    expect(result).toBe("duplicate");
    expect(await db.reviewCard.findUniqueOrThrow({ where: { id: other.id } })).toEqual(before);
    expect(await db.reviewLog.count({ where: { userId: user.id } })).toBe(1);
  });

  it("undo restores the exact previous state", async () => {
    const user = await learner();
    const own = await addOwnCard(user.id, { domainId: "LAW", front: "Q", back: "A" }, new Date("2026-03-01T23:00:00Z"));
    await rateCard(
      user.id,
      { ref: `card:${own.id}`, grade: Rating.Good, requestId: "u1" },
      new Date("2026-03-01T23:00:00Z"),
    );
    await rateCard(
      user.id,
      { ref: `card:${own.id}`, grade: Rating.Good, requestId: "u2" },
      new Date("2026-03-01T23:12:00Z"),
    );
    const before = await db.reviewCard.findUniqueOrThrow({ where: { id: own.id } });
    await rateCard(
      user.id,
      { ref: `card:${own.id}`, grade: Rating.Again, requestId: "u3" },
      new Date("2026-03-01T23:30:00Z"),
    );
    expect(await undoLastRating(user.id, new Date("2026-03-01T23:31:00Z"))).toBe(true);
    const after = await db.reviewCard.findUniqueOrThrow({ where: { id: own.id } });
    expect(pick(after)).toEqual(pick(before));
    expect(after.suspended).toBe(before.suspended);
    expect(await db.reviewLog.count({ where: { cardId: own.id } })).toBe(2);
  });

  it("suspends a leech at 8 lapses and says so", async () => {
    const user = await learner();
    const own = await addOwnCard(user.id, { domainId: "LAW", front: "Leech", back: "A" });
    await db.reviewCard.update({
      where: { id: own.id },
      data: {
        state: 2,
        lapses: 7,
        reps: 20,
        stability: 3,
        difficulty: 8,
        due: new Date("2026-04-01T12:00:00Z"),
        lastReview: new Date("2026-03-29T12:00:00Z"),
        scheduledDays: 3,
      },
    });
    expect(
      await rateCard(
        user.id,
        { ref: `card:${own.id}`, grade: Rating.Again, requestId: "leech" },
        new Date("2026-04-01T13:00:00Z"),
      ),
    ).toEqual({ ok: true, leech: true });
    expect((await db.reviewCard.findUniqueOrThrow({ where: { id: own.id } })).suspended).toBe(true);
  });

  it("refuses another learner's card", async () => {
    const owner = await learner();
    const other = await learner();
    const own = await addOwnCard(owner.id, { domainId: "LAW", front: "Mine", back: "A" });
    expect(await rateCard(other.id, { ref: `card:${own.id}`, grade: Rating.Good, requestId: "x" })).toEqual({
      ok: false,
      reason: "not-in-deck",
      message: "That card is not in your deck.",
    });
  });
});

describe("the daily queue", () => {
  it("limits new cards per study day and refills after the 4 a.m. rollover", async () => {
    const user = await learner({ newCardsPerDay: 2 });
    // 10 p.m. New York on March 10.
    const evening = new Date("2026-03-11T02:00:00Z");
    for (let i = 0; i < 2; i++) {
      const q = await studyQueue(user.id, "LAW", evening);
      await rateCard(user.id, { ref: q.current!.ref, grade: Rating.Easy, requestId: `n${i}` }, evening);
    }
    const done = await studyQueue(user.id, "LAW", new Date("2026-03-11T07:30:00Z")); // 3:30 a.m.: same study day
    expect(done.counts.new).toBe(0);
    expect(done.current).toBeNull();
    const nextDay = await studyQueue(user.id, "LAW", new Date("2026-03-11T08:30:00Z")); // 4:30 a.m. EDT
    expect(nextDay.counts.new).toBe(2);
    expect(nextDay.current?.isNew).toBe(true);
  });

  it("shows learning cards when due, buries until tomorrow, and reports stats", async () => {
    const user = await learner();
    const now = new Date("2026-05-01T22:00:00Z");
    const own = await addOwnCard(user.id, { domainId: "LAW", front: "Learn me", back: "A" }, now);
    await savePreferences(user.id, { newCardsPerDay: 1 });
    const q1 = await studyQueue(user.id, "LAW", now);
    expect(q1.current?.ref).toBe(`card:${own.id}`); // the learner's own new card comes before content cards
    expect(q1.current?.intervals).toMatchObject({ 1: expect.any(String), 3: expect.any(String) });
    await rateCard(user.id, { ref: q1.current!.ref, grade: Rating.Again, requestId: "l1" }, now);
    const q2 = await studyQueue(user.id, "LAW", new Date(now.getTime() + 60_000));
    expect(q2.current?.ref).toBe(`card:${own.id}`); // due again in a minute (learning step)
    expect(await buryCard(user.id, own.id, now)).toBe(true);
    expect((await studyQueue(user.id, "LAW", new Date(now.getTime() + 120_000))).current).toBeNull();
    const stats = await reviewStats(user.id, now);
    expect(stats.byState.find((s) => s.name === "Learning")?.count).toBe(1);
    expect(stats.forecast).toHaveLength(30);
    // Buried until tomorrow: due tomorrow, not today (the one rule every page counts by).
    expect(stats.forecast[0].count).toBe(0);
    expect(stats.forecast[1].count).toBe(1);
  });
});
