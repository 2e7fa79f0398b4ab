// Assignment rules that need no database: when a student may start, what their status is and when
// an attempt must end. All times are instants (UTC). When answers may be shown is the exam's
// key-release policy (~/exam/key-release.ts); whether a submission was late is ~/exam/timing.ts.
//
// Late work: a student may start after the due date (the attempt is marked late) unless the
// answers were released at the due date (policy "after_due"): then the assignment is closed,
// because classmates' answers are already out.

import { formatDate } from "~/utils/dates.ts";
import { isLate } from "~/exam/timing.ts";

export interface AssignmentTimes {
  opensAt: Date;
  dueAt: Date;
  attemptsAllowed: number;
  revealPolicy: string;
}

export interface AttemptSummary {
  id: string;
  status: string; // in_progress | submitted
  submittedAt: Date | null;
}

export type StudentStatus = "not_open" | "not_started" | "in_progress" | "submitted" | "late" | "closed";

export const STATUS_LABELS: Record<StudentStatus, string> = {
  not_open: "Not open yet",
  not_started: "Not started",
  in_progress: "In progress",
  submitted: "Submitted",
  late: "Submitted late",
  closed: "Closed",
};

/** Closed to new attempts: past due and answers were released at the due date. */
export function isClosed(a: AssignmentTimes, now: Date): boolean {
  return a.revealPolicy === "after_due" && now.getTime() >= a.dueAt.getTime();
}

export function studentStatus(a: AssignmentTimes, attempts: readonly AttemptSummary[], now: Date): StudentStatus {
  if (attempts.some((t) => t.status === "in_progress")) return "in_progress";
  const submitted = attempts.filter((t) => t.status === "submitted");
  if (submitted.length) return submitted.some((t) => !isLate(a, t.submittedAt)) ? "submitted" : "late";
  if (now.getTime() < a.opensAt.getTime()) return "not_open";
  if (isClosed(a, now)) return "closed";
  return "not_started";
}

export type StartDecision =
  | { ok: true; resume: string | null; late: boolean }
  | { ok: false; reason: "not_open" | "used_up" | "closed"; message: string };

/** May this member start (or resume) an attempt now? `formatDate` renders times for the message. */
export function startDecision(
  a: AssignmentTimes,
  attempts: readonly AttemptSummary[],
  now: Date,
  formatDate: (d: Date) => string,
): StartDecision {
  const open = attempts.find((t) => t.status === "in_progress");
  if (open) return { ok: true, resume: open.id, late: now.getTime() > a.dueAt.getTime() };
  if (now.getTime() < a.opensAt.getTime())
    return { ok: false, reason: "not_open", message: `This assignment opens on ${formatDate(a.opensAt)}.` };
  if (attempts.length >= a.attemptsAllowed) {
    const n = a.attemptsAllowed;
    return {
      ok: false,
      reason: "used_up",
      message: `You have used ${n === 1 ? "your one attempt" : `all ${n} attempts`} at this assignment.`,
    };
  }
  if (isClosed(a, now)) {
    return {
      ok: false,
      reason: "closed",
      message: `This assignment closed on ${formatDate(a.dueAt)}, when its answers were released to the class.`,
    };
  }
  return { ok: true, resume: null, late: now.getTime() > a.dueAt.getTime() };
}

/**
 * When an attempt of this assignment must end: its time limit, and for answers released at the
 * due date, the due date itself, so that no attempt still open when keys appear can use them
 * (untimed and multi-attempt alike). Past it, saves are refused and the attempt is graded with
 * what was saved, by the same server clock as any timed attempt.
 */
export function attemptDeadline(
  a: Pick<AssignmentTimes, "dueAt" | "revealPolicy">,
  timeLimitEnd: Date | null,
): Date | null {
  if (a.revealPolicy !== "after_due") return timeLimitEnd;
  return timeLimitEnd && timeLimitEnd.getTime() < a.dueAt.getTime() ? timeLimitEnd : a.dueAt;
}

/** "Dec 1, 2026, 9:00 AM EST" in the reader's time zone. */
export const formatInZone = (date: Date, timeZone: string): string => formatDate(date, timeZone, "dateTimeZone");
