// The daily queue's counts (hand-written SQL, run on SQLite and PostgreSQL): limits, decks,
// burying, suspending, and learning steps that are not due yet.
import { Rating } from "ts-fsrs";
import { beforeAll, describe, expect, it } from "vitest";
import { makeCard } from "../../tests/fixtures/content.ts";
import { makeUser } from "../../tests/factories/users.ts";
import { syncCards } from "~/models/bank.server.ts";
import { savePreferences } from "~/models/preferences.server.ts";
import { db } from "~/utils/db.server.ts";
import { addOwnCard, rateCard, studyQueue } from "./review.server.ts";
import { previewIntervals } from "./scheduler.ts";

const HOUR = 3600_000;
// 6 p.m. in New York on 2026-06-10; the study day ends at 4 a.m. local (08:00 UTC) on June 11.
const now = new Date("2026-06-10T22:00:00Z");

beforeAll(async () => {
  await syncCards([
    ...Array.from({ length: 3 }, (_, i) => makeCard(`LAW-Q${i + 1}`, { knowledgeArea: "LAW.K01" })),
    makeCard("COM-Q1", { knowledgeArea: "COM.K01", kind: "term" }),
  ]);
});

async function learnerWithDeck() {
  const user = await makeUser();
  await savePreferences(user.id, { timeZone: "America/New_York", reviewsPerDay: 3, newCardsPerDay: 2 });
  const card = async (domainId: string, data: Record<string, unknown>) => {
    const { id } = await addOwnCard(
      user.id,
      { domainId, front: `F ${Math.random()}`, back: "B" },
      new Date(now.getTime() - 30 * 24 * HOUR),
    );
    await db.reviewCard.update({
      where: { id },
      data: {
        state: 2,
        reps: 3,
        stability: 5,
        difficulty: 5,
        scheduledDays: 5,
        lastReview: new Date(now.getTime() - 6 * 24 * HOUR),
        ...data,
      },
    });
    return id;
  };
  const lawDue = [];
  for (let i = 0; i < 5; i++) lawDue.push(await card("LAW", { due: new Date(now.getTime() - (10 - i) * HOUR) }));
  const comDue = await card("COM", { due: new Date(now.getTime() - 2 * HOUR) });
  const buried = await card("LAW", {
    due: new Date(now.getTime() - 20 * HOUR),
    buriedUntil: new Date("2026-06-11T08:00:00Z"),
  });
  const suspended = await card("LAW", { due: new Date(now.getTime() - 20 * HOUR), suspended: true });
  const dueLaterToday = await card("LAW", { due: new Date("2026-06-11T07:00:00Z") }); // 3 a.m.: still today's study day
  const tomorrow = await card("LAW", { due: new Date("2026-06-11T09:00:00Z") }); // 5 a.m.: tomorrow
  const learningSoon = await card("LAW", { state: 1, due: new Date(now.getTime() + 10 * 60_000) });
  return { user, lawDue, comDue, buried, suspended, dueLaterToday, tomorrow, learningSoon };
}

describe("the queue's counts", () => {
  it("counts due reviews up to the daily limit, per deck, without buried, suspended or future cards", async () => {
    const { user, lawDue } = await learnerWithDeck();
    await savePreferences(user.id, { reviewsPerDay: 100 });
    const law = await studyQueue(user.id, "LAW", now);
    // 5 overdue + the one due at 3 a.m. (reviews count until the day ends); not buried, suspended, tomorrow or learning in 10 min.
    expect(law.counts).toMatchObject({ due: 6, new: 2, doneToday: 0, reviewLimitReached: false });
    expect(law.current?.ref).toBe(`card:${lawDue[0]}`); // the most overdue first
    // The card read by hand-written SQL gives the same previews as the stored row through the ORM.
    const stored = await db.reviewCard.findUniqueOrThrow({ where: { id: lawDue[0] } });
    expect(law.current?.intervals).toEqual(previewIntervals(stored, now, { desiredRetention: 0.9, fuzz: true }));
    expect(law.current).toMatchObject({
      front: stored.front,
      back: stored.back,
      domainId: "LAW",
      source: "own",
      isNew: false,
    });
    expect((await studyQueue(user.id, "COM", now)).counts).toMatchObject({ due: 1, new: 1 });
    expect((await studyQueue(user.id, null, now)).counts).toMatchObject({ due: 7, new: 2 });
  });

  it("stops at the review limit and says when cards are still waiting", async () => {
    const { user, lawDue } = await learnerWithDeck();
    const first = await studyQueue(user.id, "LAW", now);
    expect(first.counts).toMatchObject({ due: 3, reviewLimitReached: false });
    for (let i = 0; i < 3; i++) {
      const q = await studyQueue(user.id, "LAW", new Date(now.getTime() + i * 1000));
      expect(q.current?.ref).toBe(`card:${lawDue[i]}`);
      expect(q.counts.due).toBe(3 - i);
      expect(
        await rateCard(
          user.id,
          { ref: q.current!.ref, grade: Rating.Good, requestId: `limit-${i}` },
          new Date(now.getTime() + i * 1000),
        ),
      ).toEqual({ ok: true, leech: false });
    }
    const after = await studyQueue(user.id, "LAW", new Date(now.getTime() + 5000));
    expect(after.counts).toMatchObject({ due: 0, doneToday: 3, reviewLimitReached: true });
    // New cards are a separate allowance: the queue moves on to them.
    expect(after.counts.new).toBe(2);
    expect(after.current?.isNew).toBe(true);
  });

  it("shows a learning step due soon only when nothing else is left", async () => {
    const { user, lawDue, dueLaterToday, learningSoon } = await learnerWithDeck();
    await db.reviewCard.updateMany({
      where: { id: { in: [...lawDue, dueLaterToday] } },
      data: { due: new Date("2026-06-12T12:00:00Z") },
    });
    await savePreferences(user.id, { newCardsPerDay: 0 });
    const q = await studyQueue(user.id, "LAW", now);
    expect(q.current?.ref).toBe(`card:${learningSoon}`);
    expect(q.counts).toMatchObject({ due: 1, new: 0 });
  });
});
