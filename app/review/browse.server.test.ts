// Browse cards: sorting by memory and the "recall below" filter run in SQL, on both databases,
// and agree with FSRS's forgetting curve computed in JavaScript.
import { describe, expect, it } from "vitest";
import { State } from "ts-fsrs";
import { makeUser } from "../../tests/factories/users.ts";
import { browseDeck, type BrowseOrder } from "./browse.server.ts";
import { db } from "~/utils/db.server.ts";
import { cardMemory } from "./memory.ts";

const NOW = new Date("2026-03-01T12:00:00Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

async function deck() {
  const user = await makeUser();
  const cards = [
    // front, stability, difficulty, days since review
    ["strong", 100, 3, 10],
    ["weak", 2, 8, 10],
    ["middling", 10, 5, 10],
    ["fading", 5, 6.5, 12],
  ] as const;
  for (const [front, stability, difficulty, ago] of cards)
    await db.reviewCard.create({
      data: {
        userId: user.id,
        source: "own",
        domainId: "BIL",
        front,
        back: "b",
        due: NOW,
        state: State.Review,
        stability,
        difficulty,
        reps: 3,
        lastReview: daysAgo(ago),
      },
    });
  await db.reviewCard.create({
    data: { userId: user.id, source: "own", domainId: "BIL", front: "new", back: "b", due: NOW },
  });
  return user;
}

const fronts = async (userId: string, order: BrowseOrder, recallBelow?: number) => {
  const { cards, total } = await browseDeck(
    userId,
    { filter: { domains: null }, recallBelow, order, take: 50, skip: 0 },
    null,
    NOW,
  );
  const rows = cards.map((c) => c.card);
  return { fronts: rows.map((r) => r.front), total, rows };
};

describe("browse cards by memory", () => {
  it("sorts by recall now, lowest first, with never-rated cards last either way", async () => {
    const user = await deck();
    const { fronts: asc, rows } = await fronts(user.id, { sort: "recall", dir: "asc" });
    const recalls = rows.slice(0, 4).map((r) => cardMemory(r, NOW)!.recall);
    expect(recalls).toEqual([...recalls].sort((a, b) => a - b));
    expect(asc).toEqual(["weak", "fading", "middling", "strong", "new"]);
    expect((await fronts(user.id, { sort: "recall", dir: "desc" })).fronts).toEqual([
      "strong",
      "middling",
      "fading",
      "weak",
      "new",
    ]);
  });

  it("sorts by difficulty and stability", async () => {
    const user = await deck();
    expect((await fronts(user.id, { sort: "difficulty", dir: "desc" })).fronts).toEqual([
      "weak",
      "fading",
      "middling",
      "strong",
      "new",
    ]);
    expect((await fronts(user.id, { sort: "stability", dir: "asc" })).fronts).toEqual([
      "weak",
      "fading",
      "middling",
      "strong",
      "new",
    ]);
  });

  it("filters recall below a threshold, counting only the matches", async () => {
    const user = await deck();
    for (const threshold of [0.5, 0.8, 0.9, 0.95]) {
      const { fronts: found, total, rows } = await fronts(user.id, { sort: "recall", dir: "asc" }, threshold);
      for (const r of rows) expect(cardMemory(r, NOW)!.recall).toBeLessThan(threshold);
      const all = (await fronts(user.id, { sort: "due", dir: "asc" })).rows;
      const expected = all.filter((r) => (cardMemory(r, NOW)?.recall ?? 1) < threshold).length;
      expect(total).toBe(expected);
      expect(found).toHaveLength(expected);
    }
    // "weak" (2-day stability, 10 days ago) is well below 80%; "strong" is not.
    const below80 = (await fronts(user.id, { sort: "recall", dir: "asc" }, 0.8)).fronts;
    expect(below80).toContain("weak");
    expect(below80).not.toContain("strong");
  });
});
