// Assignment rules that need no database: when a student may start, what their status is, when
// answers may be shown, and whether a submission was late. All times are instants (UTC).
//
// Late work: a student may start after the due date (the attempt is marked late) unless the
// answers were released at the due date (policy "after_due"): then the assignment is closed,
// because classmates' answers are already out.

import { formatDate } from "~/utils/dates.ts";
import { z } from "zod";
import { NETWORK_GRACE_MS } from "~/exam/timing.ts";

export const REVEAL_POLICIES = ["after_submit", "after_due", "never"] as const;
export type RevealPolicy = (typeof REVEAL_POLICIES)[number];
export const SOURCES = ["blueprint", "domains", "items"] as const;
export type AssignmentSource = (typeof SOURCES)[number];

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

export function isLate(a: Pick<AssignmentTimes, "dueAt">, submittedAt: Date | null): boolean {
  return submittedAt !== null && submittedAt.getTime() > a.dueAt.getTime();
}

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

/** May the student see correct answers and rationales of their submitted attempt? */
export function answersVisible(
  a: Pick<AssignmentTimes, "dueAt" | "revealPolicy">,
  submitted: boolean,
  now: Date,
): boolean {
  if (!submitted) return false;
  if (a.revealPolicy === "after_submit") return true;
  // After the network grace too: by then no save to an attempt still open at the due date is accepted.
  if (a.revealPolicy === "after_due") return now.getTime() >= a.dueAt.getTime() + NETWORK_GRACE_MS;
  return false;
}

/** Missed items become review cards (which show the key) only when the key is shown at submit. */
export function missedCardsAllowed(revealPolicy: string): boolean {
  return revealPolicy === "after_submit";
}

export function revealMessage(
  a: Pick<AssignmentTimes, "dueAt" | "revealPolicy">,
  formatDate: (d: Date) => string,
): string {
  if (a.revealPolicy === "after_due")
    return `Your instructor shows the answers and explanations after the due date, ${formatDate(a.dueAt)}. An attempt still open then is submitted with the answers you saved, and none can start after it.`;
  if (a.revealPolicy === "never") return "Your instructor does not show the answers for this assignment.";
  return "";
}

/** "Dec 1, 2026, 9:00 AM EST" in the reader's time zone. */
export const formatInZone = (date: Date, timeZone: string): string => formatDate(date, timeZone, "dateTimeZone");

/** What an assignment is built from, stored as JSON in Assignment.config: the items are fixed
 * when it is created. One decoder; older rows without the optional lists read as empty. */
const assignmentConfigSchema = z.object({
  source: z.enum(SOURCES).default("items"),
  domains: z.array(z.string()).default([]),
  /** Scored items, in the order chosen or drawn. */
  questionIds: z.array(z.string()).default([]),
  /** Unscored pretest items (full simulations only). */
  pretestIds: z.array(z.string()).default([]),
  itemCount: z.number().int().default(0),
});
/** As written (optional lists may be left out) and as read back (every list present). */
export type AssignmentConfig = z.input<typeof assignmentConfigSchema>;
export type StoredAssignmentConfig = z.output<typeof assignmentConfigSchema>;

export const parseConfig = (json: string) => assignmentConfigSchema.parse(JSON.parse(json));

/** A key no due date releases (policy "never"): held until the class stops withholding it. */
export const KEY_NEVER_RELEASED = new Date("9999-12-31T00:00:00.000Z");

/** When each withheld question's key comes out: the latest release among the assignments
 * withholding it (the due date plus the network grace, or never). */
export function keyHolds(
  withholding: readonly { revealPolicy: string; dueAt: Date; config: StoredAssignmentConfig }[],
): Map<string, Date> {
  const holds = new Map<string, Date>();
  for (const a of withholding) {
    const release = a.revealPolicy === "never" ? KEY_NEVER_RELEASED : new Date(a.dueAt.getTime() + NETWORK_GRACE_MS);
    for (const id of [...a.config.questionIds, ...a.config.pretestIds]) {
      const held = holds.get(id);
      if (!held || held < release) holds.set(id, release);
    }
  }
  return holds;
}
