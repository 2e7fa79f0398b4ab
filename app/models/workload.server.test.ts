// The workload estimate's sample of a big deck: every k-th started card in due order, standing
// for its share, picked by the database (both databases).
import { describe, expect, it } from "vitest";
import { State } from "ts-fsrs";
import { makeUser } from "../../tests/factories/users.ts";
import { db } from "~/utils/db.server.ts";
import { startedCardSample } from "./workload.server.ts";

const DAY = 86_400_000;
const T0 = new Date("2026-03-01T12:00:00Z").getTime();

describe("started card sample", () => {
  it("returns every started card when there are few, and an even sample standing for all when there are many", async () => {
    const user = await makeUser();
    for (let i = 0; i < 10; i++)
      await db.reviewCard.create({
        data: {
          userId: user.id,
          source: "own",
          domainId: "BIL",
          front: `f${i}`,
          back: "b",
          due: new Date(T0 + i * DAY),
          state: State.Review,
          stability: 1 + i,
          difficulty: 5,
          reps: 2,
          lastReview: new Date(T0 - DAY),
        },
      });
    // New and suspended cards are not started memory.
    await db.reviewCard.create({
      data: { userId: user.id, source: "own", domainId: "BIL", front: "n", back: "b", due: new Date(T0) },
    });
    await db.reviewCard.create({
      data: {
        userId: user.id,
        source: "own",
        domainId: "BIL",
        front: "s",
        back: "b",
        due: new Date(T0),
        state: State.Review,
        stability: 3,
        difficulty: 5,
        suspended: true,
        lastReview: new Date(T0),
      },
    });

    const all = await startedCardSample(user.id, 50);
    expect(all.total).toBe(10);
    expect(all.cards).toHaveLength(10);
    expect(all.cards.every((c) => c.weight === 1)).toBe(true);

    const sample = await startedCardSample(user.id, 4);
    expect(sample.total).toBe(10);
    // Every 3rd card in due order: the 1st, 4th, 7th and 10th.
    expect(sample.cards.map((c) => c.stability)).toEqual([1, 4, 7, 10]);
    expect(sample.cards.reduce((n, c) => n + c.weight, 0)).toBeCloseTo(10, 10);
    expect(sample.cards[0].due).toEqual(new Date(T0));
    expect(sample.cards[0].lastReview).toEqual(new Date(T0 - DAY));
  });
});
