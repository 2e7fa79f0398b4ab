import { describe, expect, it } from "vitest";
import { default_w, forgetting_curve, State } from "ts-fsrs";
import { cardMemory, formatStability, recallBelowRatio } from "./memory.ts";

const NOW = new Date("2026-03-01T12:00:00Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

describe("card memory", () => {
  it("has none for a card never rated", () => {
    expect(cardMemory({ state: State.New, stability: 0, difficulty: 0, lastReview: null }, NOW)).toBeNull();
  });

  it("reports FSRS difficulty, stability and the forgetting curve's recall now", () => {
    const m = cardMemory({ state: State.Review, stability: 12, difficulty: 6.2, lastReview: daysAgo(12) }, NOW)!;
    expect(m.difficulty).toBe(6.2);
    expect(m.stability).toBe(12);
    // By definition recall after `stability` days is 90%.
    expect(m.recall).toBeCloseTo(0.9, 6);
    expect(m.recall).toBeCloseTo(forgetting_curve(default_w as number[], 12, 12), 10);
  });

  it("turns a recall threshold into the elapsed/stability ratio where recall crosses it", () => {
    const weights = [...default_w];
    weights[20] = 0.3; // another decay: the ratio must follow the learner's parameters
    for (const w of [null, weights]) {
      for (const target of [0.5, 0.7, 0.8, 0.9]) {
        const ratio = recallBelowRatio(target, w);
        const at = (r: number) =>
          cardMemory({ state: State.Review, stability: 10, difficulty: 5, lastReview: daysAgo(10 * r) }, NOW, w)!
            .recall;
        expect(at(ratio)).toBeCloseTo(target, 6);
        expect(at(ratio * 1.01)).toBeLessThan(target);
        expect(at(ratio * 0.99)).toBeGreaterThan(target);
      }
    }
    expect(recallBelowRatio(0.9)).toBeCloseTo(1, 6);
  });

  it("formats stability for people", () => {
    expect(formatStability(0.25)).toBe("6 h");
    expect(formatStability(3.21)).toBe("3.2 days");
    expect(formatStability(1234.4)).toBe("1,234 days");
  });
});
