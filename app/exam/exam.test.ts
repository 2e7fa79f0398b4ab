import { describe, expect, it } from "vitest";
import {
  allocate,
  drawByDomain,
  NotEnoughItemsError,
  planSimulation,
  shuffle,
  weakestDomains,
  type Rng,
} from "./selection.ts";
import { ASSUMED_PASS_PERCENT, estimateScaledScore, scoreItems } from "./scoring.ts";
import { deadlineFor, formatDuration, isPastDeadline, secondsLeft, secondsUsed } from "./timing.ts";

// Deterministic RNG for repeatable draws (mulberry32).
function seeded(seed: number): Rng {
  let a = seed;
  return (max) => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * max);
  };
}

const BLUEPRINT = [
  { id: "FND", weight: 0.09, scoredItems: 10 },
  { id: "COM", weight: 0.19, scoredItems: 21 },
  { id: "LAW", weight: 0.15, scoredItems: 17 },
  { id: "SCH", weight: 0.15, scoredItems: 16 },
  { id: "ENC", weight: 0.19, scoredItems: 21 },
  { id: "BIL", weight: 0.1, scoredItems: 11 },
  { id: "ADM", weight: 0.13, scoredItems: 14 },
];
const pool = BLUEPRINT.flatMap((d) =>
  Array.from({ length: d.scoredItems * 7 }, (_, i) => ({ questionId: `${d.id}-${i}`, domainId: d.id })),
);
const countBy = (items: { domainId: string }[]) =>
  Object.fromEntries(BLUEPRINT.map((d) => [d.id, items.filter((i) => i.domainId === d.id).length]));

describe("allocate", () => {
  it("always adds up to the total and follows the weights", () => {
    for (const total of [5, 17, 25, 110, 135]) {
      const counts = allocate(BLUEPRINT, total);
      expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(total);
    }
    expect(Object.fromEntries(allocate(BLUEPRINT, 100))).toEqual({
      FND: 9,
      COM: 19,
      LAW: 15,
      SCH: 15,
      ENC: 19,
      BIL: 10,
      ADM: 13,
    });
  });
});

describe("planSimulation", () => {
  it("draws the blueprint's 110 scored items per domain plus 25 pretest items, never repeating", () => {
    for (const seed of [1, 2, 3]) {
      const plan = planSimulation(pool, BLUEPRINT, 25, seeded(seed));
      expect(countBy(plan.scored)).toEqual(Object.fromEntries(BLUEPRINT.map((d) => [d.id, d.scoredItems])));
      expect(plan.pretest).toHaveLength(25);
      const ids = [...plan.scored, ...plan.pretest].map((i) => i.questionId);
      expect(new Set(ids).size).toBe(135);
    }
  });

  it("refuses rather than borrow from other domains when one domain is short", () => {
    const short = pool.filter((p) => p.domainId !== "SCH" || Number(p.questionId.split("-")[1]) < 10);
    expect(() => planSimulation(short, BLUEPRINT, 25, seeded(1))).toThrow(
      expect.objectContaining({ domainId: "SCH", available: 10, requested: 16 }),
    );
  });

  it("draws different items on different seeds", () => {
    const a = planSimulation(pool, BLUEPRINT, 25, seeded(1)).scored.map((i) => i.questionId);
    const b = planSimulation(pool, BLUEPRINT, 25, seeded(2)).scored.map((i) => i.questionId);
    expect(a).not.toEqual(b);
  });
});

describe("drawByDomain", () => {
  it("moves a short domain's shortfall to the others so the total holds", () => {
    const small = [...pool.filter((p) => p.domainId !== "BIL"), { questionId: "BIL-only", domainId: "BIL" }];
    const drawn = drawByDomain(small, allocate(BLUEPRINT, 100), seeded(4));
    expect(drawn).toHaveLength(100);
    expect(countBy(drawn).BIL).toBe(1);
    expect(new Set(drawn.map((d) => d.questionId)).size).toBe(100);
  });

  it("refuses when the pool is smaller than the request", () => {
    expect(() => drawByDomain(pool.slice(0, 3), new Map([["FND", 5]]))).toThrow(NotEnoughItemsError);
  });

  it("ignores duplicate pool entries", () => {
    const dupes = [...pool.slice(0, 5), ...pool.slice(0, 5)];
    expect(() => drawByDomain(dupes, new Map([["FND", 6]]))).toThrow(NotEnoughItemsError);
  });
});

describe("shuffle", () => {
  it("keeps every element", () => {
    expect(shuffle([1, 2, 3, 4, 5], seeded(9)).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});

describe("weakestDomains", () => {
  it("puts unpractised domains first, then lowest accuracy", () => {
    const stats = [
      { domainId: "LAW", correct: 9, answered: 10 },
      { domainId: "BIL", correct: 2, answered: 10 },
      { domainId: "COM", correct: 5, answered: 10 },
    ];
    expect(weakestDomains(stats, ["LAW", "BIL", "COM", "SCH"], 3)).toEqual(["SCH", "BIL", "COM"]);
  });
});

describe("scoring", () => {
  it("counts only scored items, by domain; unanswered is wrong", () => {
    const s = scoreItems(
      [
        { domainId: "LAW", scored: true, selectedIndex: 1, answerIndex: 1 },
        { domainId: "LAW", scored: true, selectedIndex: null, answerIndex: 2 },
        { domainId: "BIL", scored: true, selectedIndex: 0, answerIndex: 3 },
        { domainId: "BIL", scored: false, selectedIndex: 3, answerIndex: 3 },
      ],
      ["FND", "LAW", "BIL"],
    );
    expect(s).toEqual({
      correct: 1,
      total: 3,
      fraction: 1 / 3,
      byDomain: [
        { domainId: "LAW", correct: 1, total: 2 },
        { domainId: "BIL", correct: 0, total: 1 },
      ],
    });
  });

  it("maps raw fractions onto 200-500 through the pass anchor", () => {
    expect(estimateScaledScore(0)).toBe(200);
    expect(estimateScaledScore(ASSUMED_PASS_PERCENT)).toBe(390);
    expect(estimateScaledScore(1)).toBe(500);
    expect(estimateScaledScore(0.35)).toBe(295);
    expect(estimateScaledScore(0.85)).toBe(445);
    expect(estimateScaledScore(1.2)).toBe(500);
  });
});

describe("timing", () => {
  const start = new Date("2026-04-01T18:00:00Z");
  it("sets the deadline from minutes and the accommodation factor", () => {
    expect(deadlineFor(start, 135)?.toISOString()).toBe("2026-04-01T20:15:00.000Z");
    expect(deadlineFor(start, 135, 1.5)?.toISOString()).toBe("2026-04-01T21:22:30.000Z");
    expect(deadlineFor(start, 10, 0.5)?.toISOString()).toBe("2026-04-01T18:10:00.000Z");
    expect(deadlineFor(start, null)).toBeNull();
  });

  it("refuses only after the deadline plus network grace", () => {
    const deadline = new Date("2026-04-01T18:10:00Z");
    expect(isPastDeadline(deadline, new Date("2026-04-01T18:10:01Z"))).toBe(false);
    expect(isPastDeadline(deadline, new Date("2026-04-01T18:10:03Z"))).toBe(true);
    expect(isPastDeadline(null, new Date("2030-01-01"))).toBe(false);
    expect(secondsLeft(deadline, new Date("2026-04-01T18:09:00Z"))).toBe(60);
    expect(secondsLeft(deadline, new Date("2026-04-01T18:11:00Z"))).toBe(0);
  });

  it("caps time used at the deadline", () => {
    const deadline = new Date("2026-04-01T18:10:00Z");
    expect(secondsUsed(start, new Date("2026-04-01T18:05:00Z"), deadline)).toBe(300);
    expect(secondsUsed(start, new Date("2026-04-01T19:00:00Z"), deadline)).toBe(600);
    expect(formatDuration(8100)).toBe("2:15:00");
    expect(formatDuration(59)).toBe("0:59");
  });
});
