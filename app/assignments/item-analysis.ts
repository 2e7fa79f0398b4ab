// Classical item analysis for one assignment: how hard each item was (proportion correct), how
// well it separates stronger from weaker students (point-biserial correlation between getting the
// item right and the rest-score), and how often each option was chosen.
//
// rest-score = the student's scored correct answers on the OTHER items of the attempt, so an item
// is not correlated with itself (the "corrected" point-biserial). Point-biserial is Pearson's r
// with one variable 0/1: r = cov(x, rest) / (sd(x) · sd(rest)), population moments. It is
// undefined (null) when everyone got the item right, or wrong, or all rest-scores are equal.

export interface ResponseItem {
  questionId: string;
  /** Counted in the score (pretest items of a simulation are not, but are still analysed). */
  scored: boolean;
  selectedIndex: number | null;
  correct: boolean;
}

/** One student's submitted attempt. */
export type ResponseSet = ResponseItem[];

export interface ItemStats {
  questionId: string;
  responses: number;
  /** Proportion correct, 0..1 (the classical "difficulty" or p-value). */
  difficulty: number;
  /** Corrected point-biserial, -1..1; null when it cannot be computed (no variation) or there are
   * fewer than MIN_RESPONSES_FOR_DISCRIMINATION responses. */
  discrimination: number | null;
  /** How many chose option A, B, C, D. */
  optionCounts: number[];
  unanswered: number;
  /** Negative discrimination: stronger students tend to get it wrong (miskeyed or ambiguous). */
  flagged: boolean;
}

/** Pearson correlation of two equal-length series; null when either has no variance. */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  if (n < 2 || ys.length !== n) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let cov = 0;
  let vx = 0;
  let vy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - mx;
    const dy = ys[i] - my;
    cov += dx * dy;
    vx += dx * dx;
    vy += dy * dy;
  }
  // Guard against float noise around zero variance (e.g. all rest-scores equal).
  if (vx < 1e-12 || vy < 1e-12) return null;
  return cov / Math.sqrt(vx * vy);
}

/** Point-biserial between a 0/1 item score and the rest-score. */
export function pointBiserial(itemCorrect: readonly boolean[], restScores: readonly number[]): number | null {
  return pearson(
    itemCorrect.map((c) => (c ? 1 : 0)),
    restScores,
  );
}

/**
 * Below this many responses a point-biserial swings on one student's answer: the item gets no
 * discrimination and is never called broken (Moodle's statistics likewise need enough takers).
 */
export const MIN_RESPONSES_FOR_DISCRIMINATION = 10;

export function analyseItems(
  sets: readonly ResponseSet[],
  optionsPerItem = 4,
  minResponses = MIN_RESPONSES_FOR_DISCRIMINATION,
): ItemStats[] {
  const perItem = new Map<string, { correct: boolean[]; rest: number[]; options: number[]; unanswered: number }>();
  for (const set of sets) {
    const total = set.filter((i) => i.scored && i.correct).length;
    for (const item of set) {
      const entry =
        perItem.get(item.questionId) ??
        perItem
          .set(item.questionId, {
            correct: [],
            rest: [],
            options: Array.from({ length: optionsPerItem }, () => 0),
            unanswered: 0,
          })
          .get(item.questionId)!;
      entry.correct.push(item.correct);
      entry.rest.push(total - (item.scored && item.correct ? 1 : 0));
      if (item.selectedIndex === null) entry.unanswered += 1;
      else if (item.selectedIndex >= 0 && item.selectedIndex < optionsPerItem) entry.options[item.selectedIndex] += 1;
    }
  }
  return [...perItem].map(([questionId, e]) => {
    const discrimination = e.correct.length >= minResponses ? pointBiserial(e.correct, e.rest) : null;
    return {
      questionId,
      responses: e.correct.length,
      difficulty: e.correct.filter(Boolean).length / e.correct.length,
      discrimination,
      optionCounts: e.options,
      unanswered: e.unanswered,
      flagged: discrimination !== null && discrimination < 0,
    };
  });
}
