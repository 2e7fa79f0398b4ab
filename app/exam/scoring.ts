// Scoring an attempt and the estimated scaled score.
//
// NHA reports a scaled score from 200 to 500 with 390 to pass, but does not publish how raw
// scores convert (it varies by test form). Our estimate is a two-piece straight line through
// three anchors: 0% correct -> 200, ASSUMED_PASS_PERCENT correct -> 390, 100% -> 500. It is a
// study aid, labelled as an estimate everywhere it appears.
export const SCALE = { min: 200, max: 500, pass: 390 } as const;
export const ASSUMED_PASS_PERCENT = 0.7;

export function estimateScaledScore(fractionCorrect: number): number {
  const f = Math.min(1, Math.max(0, fractionCorrect));
  const score =
    f <= ASSUMED_PASS_PERCENT
      ? SCALE.min + (f / ASSUMED_PASS_PERCENT) * (SCALE.pass - SCALE.min)
      : SCALE.pass + ((f - ASSUMED_PASS_PERCENT) / (1 - ASSUMED_PASS_PERCENT)) * (SCALE.max - SCALE.pass);
  return Math.round(score);
}

export interface ScorableItem {
  domainId: string;
  scored: boolean;
  selectedIndex: number | null;
  answerIndex: number;
}

export interface DomainScore {
  domainId: string;
  correct: number;
  total: number;
}

export interface AttemptScore {
  correct: number;
  total: number;
  fraction: number;
  byDomain: DomainScore[];
}

/** Only scored items count; an unanswered item is wrong. */
export function scoreItems(items: ScorableItem[], domainOrder: string[]): AttemptScore {
  const byDomain = new Map(domainOrder.map((id) => [id, { domainId: id, correct: 0, total: 0 }]));
  let correct = 0;
  let total = 0;
  for (const item of items) {
    if (!item.scored) continue;
    const d =
      byDomain.get(item.domainId) ??
      byDomain.set(item.domainId, { domainId: item.domainId, correct: 0, total: 0 }).get(item.domainId)!;
    d.total += 1;
    total += 1;
    if (item.selectedIndex === item.answerIndex) {
      d.correct += 1;
      correct += 1;
    }
  }
  return {
    correct,
    total,
    fraction: total ? correct / total : 0,
    byDomain: [...byDomain.values()].filter((d) => d.total > 0),
  };
}
