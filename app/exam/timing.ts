// The server owns the exam clock. An attempt's deadline is fixed when it starts:
// start + minutes x the learner's accommodation factor. Answers are accepted until the deadline
// plus a short grace for the request's trip over the network.
export const NETWORK_GRACE_MS = 2_000;

export function deadlineFor(startedAt: Date, minutes: number | null, accommodationFactor = 1): Date | null {
  if (minutes === null) return null;
  const factor = Number.isFinite(accommodationFactor) && accommodationFactor >= 1 ? accommodationFactor : 1;
  return new Date(startedAt.getTime() + Math.round(minutes * factor * 60_000));
}

export function isPastDeadline(deadline: Date | null, now: Date, graceMs = NETWORK_GRACE_MS): boolean {
  return deadline !== null && now.getTime() > deadline.getTime() + graceMs;
}

export function secondsLeft(deadline: Date | null, now: Date): number | null {
  return deadline === null ? null : Math.max(0, Math.floor((deadline.getTime() - now.getTime()) / 1000));
}

/** Time used, capped at the deadline (an attempt finalized late counts as submitted at it). */
export function secondsUsed(startedAt: Date, submittedAt: Date, deadline: Date | null): number {
  const end = deadline && submittedAt > deadline ? deadline : submittedAt;
  return Math.max(0, Math.round((end.getTime() - startedAt.getTime()) / 1000));
}

/** A student's due date: their override's (an extension) when they have one, else the assignment's. */
export function dueDateFor(a: { dueAt: Date }, override: { dueAt: Date | null } | null | undefined): Date {
  return override?.dueAt ?? a.dueAt;
}

/** Submitted after the due date (an instant, UTC); a submission exactly at it is on time. */
export function isLate(a: { dueAt: Date }, submittedAt: Date | null): boolean {
  return submittedAt !== null && submittedAt.getTime() > a.dueAt.getTime();
}

export function formatDuration(totalSeconds: number): string {
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  return h ? `${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}` : `${m}:${String(s).padStart(2, "0")}`;
}

/** Warning thresholds in seconds left, announced once each. */
export const TIME_WARNINGS = [15 * 60, 5 * 60, 60] as const;
