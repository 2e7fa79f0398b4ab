// When a mock counts toward readiness, the mock-score chart and the study plan. The score of a
// mock stays exam-like (unanswered = not earned), but a mock abandoned after a few questions says
// little about the learner: it counts only when most of it was answered. Defined once here.
export const MOCK_MIN_ANSWERED_SHARE = 0.8;

export interface MockSummary {
  kind: string;
  answeredCount: number | null;
  itemCount: number;
}

/** True for a simulation that the learner answered enough of to count (other kinds: false). */
export function mockCounts(attempt: MockSummary): boolean {
  if (attempt.kind !== "simulation" || attempt.itemCount === 0) return false;
  return (attempt.answeredCount ?? 0) >= Math.ceil(MOCK_MIN_ANSWERED_SHARE * attempt.itemCount);
}

export const MOCK_RULE_TEXT = `A mock exam counts toward your chance of passing, the mock-score chart and your plan once you answer at least ${Math.round(MOCK_MIN_ANSWERED_SHARE * 100)}% of its questions. Unanswered questions still earn no points on that mock's score, but they are not counted as wrong anywhere else.`;
