// How much one learner can have open and start, so one account cannot pile up work the server
// must do later (grading expired attempts) or now (building 135-item exams). Assignments keep
// their own rules (attempts allowed, due dates): these bounds apply to self-started attempts.
export const ATTEMPT_BOUNDS = {
  simulation: { open: 1, startsPerHour: 4, one: "full simulation", many: "full simulations" },
  practice: { open: 3, startsPerHour: 30, one: "practice quiz", many: "practice quizzes" },
} as const;

export type SelfStartedKind = keyof typeof ATTEMPT_BOUNDS;

/** Starts are counted over this window (from the ExamAttempt table). */
export const START_WINDOW_MS = 60 * 60_000;

/** Expired attempts graded per page load; the rest on later loads or when opened. */
export const GRADE_PER_PAGE_LOAD = 3;

/** When the learner may start again, given their starts in the window (oldest first); null if now. */
export function nextStartAt(kind: SelfStartedKind, startsInWindow: readonly Date[]): Date | null {
  const limit = ATTEMPT_BOUNDS[kind].startsPerHour;
  if (startsInWindow.length < limit) return null;
  // The window must drop enough starts to leave room for one more.
  const freeing = startsInWindow[startsInWindow.length - limit];
  return new Date(freeing.getTime() + START_WINDOW_MS);
}

export function throttleMessage(kind: SelfStartedKind, retryAt: Date, now: Date): string {
  const { startsPerHour, many } = ATTEMPT_BOUNDS[kind];
  const minutes = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 60_000));
  return `You have started ${startsPerHour} ${many} in the last hour, the most we allow. You can start another in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

export function openMessage(kind: SelfStartedKind): string {
  const { open, one, many } = ATTEMPT_BOUNDS[kind];
  return open === 1
    ? `You already have a ${one} open. Resume it, or submit it (with the answers you saved) and start a new one.`
    : `You already have ${open} ${many} open, the most at one time. Resume one, or submit the oldest (with the answers you saved) and start a new one.`;
}
