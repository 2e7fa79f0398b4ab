// Students' side of assignments: their list across classes, one assignment as a member sees it,
// and starting (or resuming) an attempt in the exam engine. Students only ever see their own
// attempts; anyone not in the class learns nothing.
import { notFound } from "~/utils/results.ts";
import { gradeExpiredAttempts } from "~/exam/grading.server.ts";
import { shuffle } from "~/exam/selection.ts";
import { deadlineFor, isLate } from "~/exam/timing.ts";
import * as attemptStore from "~/models/attempt.server.ts";
import * as store from "~/models/assignment.server.ts";
import { decodeAssignmentConfig } from "~/models/json-columns.ts";
import {
  attemptDeadline,
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
  status: StudentStatus;
  statusLabel: string;
  overdue: boolean;
}

/** A student's assignments across their classes, dates in their time zone. */
export async function studentAssignments(
  userId: string,
  timeZone: string,
  now = new Date(),
): Promise<StudentAssignmentRow[]> {
  // An attempt whose time ran out counts as submitted: grade a bounded few so statuses are true.
  await gradeExpiredAttempts({ userId }, now);
  const rows = await store.assignmentsForMember(userId);
  return rows.map((a) => {
    const status = studentStatus(a, a.attempts, now);
    return {
      id: a.id,
      title: a.title,
      classId: a.class.id,
      className: a.class.name,
      opensAt: formatInZone(a.opensAt, timeZone),
      dueAt: formatInZone(a.dueAt, timeZone),
      dueAtIso: a.dueAt.toISOString(),
      status,
      statusLabel: STATUS_LABELS[status],
      overdue: (status === "not_started" || status === "in_progress") && now.getTime() > a.dueAt.getTime(),
    };
  });
}

/** The assignment as a member sees it; "not found" for anyone not in the class (they learn nothing). */
async function memberAssignment(userId: string, assignmentId: string) {
  const assignment = await store.findAssignment(assignmentId);
  if (!assignment || assignment.class.archivedAt) return notFound("We could not find that assignment.");
  const member = await store.membership(assignment.classId, userId);
  if (!member) return notFound("This assignment is for members of its class only. Join the class with its code first.");
  return { ok: true as const, assignment, member };
}

/** The extra time this class's instructor gave the student; nothing from any other class. */
function accommodation(member: { accommodationFactor: number | null }) {
  return member.accommodationFactor ?? 1;
}

export async function assignmentForStudent(userId: string, timeZone: string, assignmentId: string, now = new Date()) {
  const membership = await memberAssignment(userId, assignmentId);
  if (!membership.ok) return membership;
  const { assignment, member } = membership;
  await gradeExpiredAttempts({ userId, assignmentId }, now);
  const attempts = await store.attemptsOf(assignmentId, userId);
  const fmt = (d: Date) => formatInZone(d, timeZone);
  const decision = startDecision(assignment, attempts, now, fmt);
  const config = decodeAssignmentConfig(assignment.config);
  const factor = accommodation(member);
  const status = studentStatus(assignment, attempts, now);
  return {
    ok: true as const,
    assignment: {
      id: assignment.id,
      title: assignment.title,
      className: assignment.class.name,
      opensAt: fmt(assignment.opensAt),
      dueAt: fmt(assignment.dueAt),
      questions: config.questionIds.length + (config.pretestIds?.length ?? 0),
      minutes: assignment.timeLimitMinutes === null ? null : Math.round(assignment.timeLimitMinutes * factor),
      extraTime: assignment.timeLimitMinutes !== null && factor > 1 ? factor : null,
      attemptsAllowed: assignment.attemptsAllowed,
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
      late: isLate(assignment, t.submittedAt),
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
  timeZone: string,
  assignmentId: string,
  now = new Date(),
): Promise<StartAssignmentResult> {
  const membership = await memberAssignment(userId, assignmentId);
  if (!membership.ok) return { ok: false, status: 404, message: membership.message };
  const { assignment, member } = membership;
  const attempts = await store.attemptsOf(assignmentId, userId);
  const decision = startDecision(assignment, attempts, now, (d) => formatInZone(d, timeZone));
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
  const factor = accommodation(member);
  try {
    const created = await attemptStore.createAttempt({
      userId,
      kind: "assignment",
      mode: "exam",
      config: { assignmentId, minutes: assignment.timeLimitMinutes, count: items.length, accommodationFactor: factor },
      startedAt: now,
      deadline: attemptDeadline(assignment, deadlineFor(now, assignment.timeLimitMinutes, factor)),
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
