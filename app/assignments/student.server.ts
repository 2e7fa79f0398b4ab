// Students' side of assignments: their list across classes, one assignment as a member sees it,
// and starting (or resuming) an attempt in the exam engine. Students only ever see their own
// attempts; anyone not in the class learns nothing.
import type { DateReader } from "~/utils/dates.ts";
import { notFound } from "~/utils/results.ts";
import { gradeExpiredAttempts } from "~/exam/grading.server.ts";
import { shuffle } from "~/exam/selection.ts";
import { deadlineFor, isLate } from "~/exam/timing.ts";
import { findOverride } from "~/models/assignment-override.server.ts";
import * as attemptStore from "~/models/attempt.server.ts";
import * as store from "~/models/assignment.server.ts";
import { decodeAssignmentConfig } from "~/models/json-columns.ts";
import {
  attemptDeadline,
  effectiveSettings,
  formatInZone,
  startDecision,
  STATUS_LABELS,
  studentStatus,
  type StudentStatus,
} from "./rules.ts";

const REVEAL_LABELS_FOR_STUDENT: Record<string, string> = {
  after_submit: "When you submit",
  after_due: "After the due date",
  never: "Never (you see your score)",
};

export interface StudentAssignmentRow {
  id: string;
  title: string;
  classId: string;
  className: string;
  opensAt: string;
  dueAt: string;
  dueAtIso: string;
  /** Their due date is an extension of the assignment's. */
  extended: boolean;
  status: StudentStatus;
  statusLabel: string;
  overdue: boolean;
}

/** A student's assignments across their classes, dates in their time zone. */
export async function studentAssignments(
  userId: string,
  timeZone: DateReader,
  now = new Date(),
): Promise<StudentAssignmentRow[]> {
  // An attempt whose time ran out counts as submitted: grade a bounded few so statuses are true.
  await gradeExpiredAttempts({ userId }, now);
  const rows = await store.assignmentsForMember(userId);
  return rows.map((a) => {
    // Only dates and attempts matter here; extra time is not shown in lists.
    const own = effectiveSettings(a, a.overrides[0], null);
    const status = studentStatus(own, a.attempts, now);
    return {
      id: a.id,
      title: a.title,
      classId: a.class.id,
      className: a.class.name,
      opensAt: formatInZone(a.opensAt, timeZone),
      dueAt: formatInZone(own.dueAt, timeZone),
      dueAtIso: own.dueAt.toISOString(),
      extended: own.extended,
      status,
      statusLabel: STATUS_LABELS[status],
      overdue: (status === "not_started" || status === "in_progress") && now.getTime() > own.dueAt.getTime(),
    };
  });
}

/** The assignment as a member sees it; "not found" for anyone not in the class (they learn nothing). */
async function memberAssignment(userId: string, assignmentId: string) {
  const assignment = await store.findAssignment(assignmentId);
  if (!assignment || assignment.class.archivedAt) return notFound("We could not find that assignment.");
  const member = await store.membership(assignment.classId, userId);
  if (!member) return notFound("This assignment is for members of its class only. Join the class with its code first.");
  // The extra time this class's instructor gave the student (nothing from any other class) and
  // their override of this assignment, combined once.
  const settings = effectiveSettings(assignment, await findOverride(assignmentId, userId), member);
  return { ok: true as const, assignment, settings };
}

export async function assignmentForStudent(
  userId: string,
  timeZone: DateReader,
  assignmentId: string,
  now = new Date(),
) {
  const membership = await memberAssignment(userId, assignmentId);
  if (!membership.ok) return membership;
  const { assignment, settings } = membership;
  await gradeExpiredAttempts({ userId, assignmentId }, now);
  const attempts = await store.attemptsOf(assignmentId, userId);
  const fmt = (d: Date) => formatInZone(d, timeZone);
  const decision = startDecision(settings, attempts, now, fmt);
  const config = decodeAssignmentConfig(assignment.config);
  const factor = settings.accommodationFactor;
  const minutes = settings.timeLimitMinutes;
  const status = studentStatus(settings, attempts, now);
  return {
    ok: true as const,
    assignment: {
      id: assignment.id,
      title: assignment.title,
      className: assignment.class.name,
      opensAt: fmt(assignment.opensAt),
      dueAt: fmt(settings.dueAt),
      /** The class's due date when theirs is extended. */
      classDueAt: settings.extended ? fmt(assignment.dueAt) : null,
      questions: config.questionIds.length + (config.pretestIds?.length ?? 0),
      minutes: minutes === null ? null : Math.round(minutes * factor),
      extraTime: minutes !== null && factor > 1 ? factor : null,
      attemptsAllowed: settings.attemptsAllowed,
      revealPolicy: REVEAL_LABELS_FOR_STUDENT[assignment.revealPolicy] ?? assignment.revealPolicy,
    },
    status,
    statusLabel: STATUS_LABELS[status],
    canStart: decision.ok,
    resumeId: decision.ok ? decision.resume : null,
    startsLate: decision.ok && decision.late,
    refusal: decision.ok ? null : decision.message,
    attempts: attempts.map((t, i) => ({
      id: t.id,
      number: i + 1,
      status: t.status,
      submittedAt: t.submittedAt ? fmt(t.submittedAt) : null,
      late: isLate(settings, t.submittedAt),
      percent:
        t.status === "submitted" && t.scoredTotal ? Math.round(((t.scoredCorrect ?? 0) / t.scoredTotal) * 100) : null,
    })),
  };
}

export type StartAssignmentResult =
  { ok: true; attemptId: string } | { ok: false; status: 403 | 404 | 409; message: string };

/** Starts (or resumes) the member's attempt: an exam-mode ExamAttempt of kind "assignment". */
export async function startAssignment(
  userId: string,
  timeZone: DateReader,
  assignmentId: string,
  now = new Date(),
): Promise<StartAssignmentResult> {
  const membership = await memberAssignment(userId, assignmentId);
  if (!membership.ok) return { ok: false, status: 404, message: membership.message };
  const { assignment, settings } = membership;
  const attempts = await store.attemptsOf(assignmentId, userId);
  const decision = startDecision(settings, attempts, now, (d) => formatInZone(d, timeZone));
  if (!decision.ok) return { ok: false, status: decision.reason === "not_open" ? 403 : 409, message: decision.message };
  if (decision.resume) return { ok: true, attemptId: decision.resume };
  const config = decodeAssignmentConfig(assignment.config);
  const ids = [
    ...config.questionIds.map((id) => ({ id, scored: true })),
    ...(config.pretestIds ?? []).map((id) => ({ id, scored: false })),
  ];
  // The class's instructor may have written some of the questions.
  const versions = await store.currentVersions(
    ids.map((i) => i.id),
    assignment.class.instructorId,
  );
  // A question retired since the assignment was made is left out rather than failing the start.
  const items = ids.flatMap((i) => {
    const versionId = versions.get(i.id)?.versionId;
    return versionId ? [{ versionId, scored: i.scored }] : [];
  });
  if (!items.length)
    return {
      ok: false,
      status: 409,
      message: "This assignment has no questions left in the bank. Tell your instructor.",
    };
  const { timeLimitMinutes: minutes, accommodationFactor: factor } = settings;
  try {
    const created = await attemptStore.createAttempt({
      userId,
      kind: "assignment",
      mode: "exam",
      config: { assignmentId, minutes, count: items.length, accommodationFactor: factor },
      startedAt: now,
      deadline: attemptDeadline(settings, deadlineFor(now, minutes, factor)),
      items: shuffle(items),
      assignmentId,
      // Numbered: of two racing starts only one gets this number, on every database.
      assignmentSlot: Math.max(0, ...attempts.map((t) => t.assignmentSlot ?? 0)) + 1,
    });
    return { ok: true, attemptId: created.id };
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
    // The racing start won: offer its attempt.
    const after = await store.attemptsOf(assignmentId, userId);
    const open = after.find((t) => t.status === "in_progress");
    if (open) return { ok: true, attemptId: open.id };
    return { ok: false, status: 409, message: "You have used all your attempts at this assignment." };
  }
}
