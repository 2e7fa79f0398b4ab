import { describe, expect, it } from "vitest";
import {
  analyseItems,
  MIN_RESPONSES_FOR_DISCRIMINATION,
  pearson,
  pointBiserial,
  type ResponseSet,
} from "./item-analysis.ts";

// Five students, three scored items (1 = correct). Totals 3, 2, 1, 1, 1.
//        I1 I2 I3
//   S1    1  1  1
//   S2    1  1  0
//   S3    1  0  0
//   S4    0  0  1
//   S5    0  0  1
// Worked by hand (rest = total - item; population moments):
//   I1: x = 1 1 1 0 0, rest = 2 1 0 1 1 -> mean rest 1; sum (dx)(dr) = .4 + 0 - .4 + 0 + 0 = 0 -> r = 0
//   I2: x = 1 1 0 0 0, rest = 2 1 1 1 1 -> sum (dx)(dr) = .6, sum dx^2 = 1.2, sum dr^2 = .8
//       r = .6 / sqrt(1.2 * .8) = 0.612372
//   I3: x = 1 0 0 1 1, rest = 2 2 1 0 0 -> sum (dx)(dr) = -1, sum dx^2 = 1.2, sum dr^2 = 4
//       r = -1 / sqrt(4.8) = -0.456435. Same by (M1 - M0) / s * sqrt(pq): M1 = (2+0+0)/3,
//       M0 = (2+1)/2, s = sqrt(4/5): (0.6667 - 1.5) / 0.894427 * sqrt(.6 * .4) = -0.456435.
const MATRIX = [
  [1, 1, 1],
  [1, 1, 0],
  [1, 0, 0],
  [0, 0, 1],
  [0, 0, 1],
];
// Option chosen by each student on each item (answer key is A = 0 for all three items).
const CHOICES = [
  [0, 0, 0],
  [0, 0, 2],
  [0, 1, null],
  [3, 1, 0],
  [1, 2, 0],
];

const sets: ResponseSet[] = MATRIX.map((row, s) =>
  row.map((c, i) => ({ questionId: `Q${i + 1}`, scored: true, correct: c === 1, selectedIndex: CHOICES[s][i] })),
);

describe("item analysis", () => {
  it("matches the hand-computed difficulty and point-biserial values", () => {
    const stats = analyseItems(sets, 4, 0);
    expect(stats.map((s) => s.questionId)).toEqual(["Q1", "Q2", "Q3"]);
    expect(stats.map((s) => s.difficulty)).toEqual([0.6, 0.4, 0.6]);
    expect(stats[0].discrimination).toBeCloseTo(0, 10);
    expect(stats[1].discrimination).toBeCloseTo(0.612372, 6);
    expect(stats[2].discrimination).toBeCloseTo(-0.456435, 6);
    expect(stats.map((s) => s.flagged)).toEqual([false, false, true]);
    expect(stats.every((s) => s.responses === 5)).toBe(true);
  });

  it("counts how often each option was chosen, and blanks separately", () => {
    const stats = analyseItems(sets, 4, 0);
    expect(stats[0].optionCounts).toEqual([3, 1, 0, 1]);
    expect(stats[1].optionCounts).toEqual([2, 2, 1, 0]);
    expect(stats[2].optionCounts).toEqual([3, 0, 1, 0]);
    expect(stats.map((s) => s.unanswered)).toEqual([0, 0, 1]);
  });

  it("agrees with the textbook (M1 - M0) / s * sqrt(pq) form", () => {
    const x = [true, false, false, true, true];
    const rest = [2, 2, 1, 0, 0];
    const m1 = (2 + 0 + 0) / 3;
    const m0 = (2 + 1) / 2;
    const mean = rest.reduce((a, b) => a + b, 0) / rest.length;
    const s = Math.sqrt(rest.reduce((a, r) => a + (r - mean) ** 2, 0) / rest.length);
    expect(pointBiserial(x, rest)).toBeCloseTo(((m1 - m0) / s) * Math.sqrt(0.6 * 0.4), 12);
  });

  it("is undefined (null, not flagged) when everyone is right, everyone is wrong, or rest-scores do not vary", () => {
    const allRight: ResponseSet[] = [0, 1, 2].map((n) => [
      { questionId: "easy", scored: true, correct: true, selectedIndex: 0 },
      { questionId: "other", scored: true, correct: n > 0, selectedIndex: n > 0 ? 0 : 1 },
    ]);
    const [easy] = analyseItems(allRight, 4, 0);
    expect(easy.difficulty).toBe(1);
    expect(easy.discrimination).toBeNull();
    expect(easy.flagged).toBe(false);
    expect(pearson([1, 0, 1], [2, 2, 2])).toBeNull();
    expect(pearson([1], [1])).toBeNull();
  });

  it("does not count unscored (pretest) items in anyone's rest-score", () => {
    const withPretest: ResponseSet[] = MATRIX.map((row, s) => [
      ...row.map((c, i) => ({ questionId: `Q${i + 1}`, scored: true, correct: c === 1, selectedIndex: CHOICES[s][i] })),
      { questionId: "P1", scored: false, correct: s < 2, selectedIndex: s < 2 ? 0 : 1 },
    ]);
    const stats = analyseItems(withPretest, 4, 0);
    expect(stats[2].discrimination).toBeCloseTo(-0.456435, 6);
    // P1 is right for S1, S2 (totals 3, 2): its rest-scores are the full totals 3 2 1 1 1.
    // x = 1 1 0 0 0: sum (dx)(dr) = .6*1.4 + .6*.4 - .4*(-.6)*3 = 1.8, dx^2 = 1.2, dr^2 = 1.96+.16+.36*3 = 3.2
    expect(stats[3].discrimination).toBeCloseTo(1.8 / Math.sqrt(1.2 * 3.2), 12);
  });

  it("shows no discrimination and flags nothing below the minimum number of responses", () => {
    // Five students: item 3 looks negative, but five responses prove nothing.
    const few = analyseItems(sets);
    expect(few.map((s) => s.discrimination)).toEqual([null, null, null]);
    expect(few.some((s) => s.flagged)).toBe(false);
    expect(few.map((s) => s.responses)).toEqual([5, 5, 5]);
    // The same pattern from enough students is flagged (the value does not change with copies).
    const enough = analyseItems(Array.from({ length: MIN_RESPONSES_FOR_DISCRIMINATION / 5 }, () => sets).flat());
    expect(enough[2].discrimination).toBeCloseTo(-0.456435, 6);
    expect(enough[2].flagged).toBe(true);
  });
});
