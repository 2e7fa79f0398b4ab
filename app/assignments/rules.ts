// Assignment rules that need no database: when a student may start, what their status is and when
// an attempt must end. All times are instants (UTC). When answers may be shown is the exam's
// key-release policy (~/exam/key-release.ts); whether a submission was late is ~/exam/timing.ts.
//
// Late work: a student may start after the due date (the attempt is marked late) unless the
// answers were released at the due date (policy "after_due"): then the assignment is closed,
// because classmates' answers are already out.

import { formatFor, type DateReader } from "~/utils/dates.ts";
import { dueDateFor, isLate } from "~/exam/timing.ts";

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
      message: `This assignment closed on ${formatDate(a.dueAt)}: its answers are shown to the class after the due date.`,
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

/** One student's override of an assignment's settings (AssignmentOverride): null keeps the assignment's. */
export interface OverrideSettings {
  dueAt: Date | null;
  timeLimitMinutes: number | null;
  /** Untimed for this student although the assignment is timed. */
  untimed: boolean;
  attemptsAllowed: number | null;
}

/** What one student works under: the assignment, their override, their class's extra time. */
export interface EffectiveSettings extends AssignmentTimes {
  timeLimitMinutes: number | null;
  accommodationFactor: number;
  /** Their due date is later than the assignment's. */
  extended: boolean;
}

/**
 * The ONE place a student's settings are worked out; starting, lateness, statuses and lists read
 * it. The override replaces a setting; the extra-time factor multiplies whichever time limit
 * applies (deadlineFor). A factor under 1 or missing is standard time.
 */
export function effectiveSettings(
  a: AssignmentTimes & { timeLimitMinutes: number | null },
  override: OverrideSettings | null | undefined,
  membership: { accommodationFactor: number | null } | null | undefined,
): EffectiveSettings {
  const factor = membership?.accommodationFactor ?? 1;
  const dueAt = dueDateFor(a, override);
  return {
    opensAt: a.opensAt,
    dueAt,
    attemptsAllowed: override?.attemptsAllowed ?? a.attemptsAllowed,
    revealPolicy: a.revealPolicy,
    timeLimitMinutes: override?.untimed ? null : (override?.timeLimitMinutes ?? a.timeLimitMinutes),
    accommodationFactor: Number.isFinite(factor) && factor >= 1 ? factor : 1,
    extended: dueAt.getTime() > a.dueAt.getTime(),
  };
}

/** "Dec 1, 2026, 9:00 AM EST" in the reader's time zone and locale. */
export const formatInZone = (date: Date, reader: DateReader): string => formatFor(date, reader, "dateTimeZone");
