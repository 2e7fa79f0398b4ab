// The instructor's home (issue 19): what needs their attention today, across all of their live
// classes. Admins see their own classes here, like any instructor. Everything is read in a
// handful of queries (app/models/instructor-home.server.ts), never per student or assignment.
// Home data functions return only JSON values (dates as formatted strings): the home components
// type their props from them.
import { analyseItems } from "~/assignments/item-analysis.ts";
import { formatInZone } from "~/assignments/rules.ts";
import { currentStems } from "~/models/bank.server.ts";
import * as store from "~/models/instructor-home.server.ts";
import { isErasedUser } from "~/models/erased-user.ts";
import type { AuthUser } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/dates.ts";
import {
  ATTENTION_RULES,
  daysAgo,
  daysAhead,
  fallingBehind,
  isInactive,
  latestScore,
  missedBy,
  NEW_SUBMISSION_DAYS,
  OVERDUE_LOOKBACK_DAYS,
  UPCOMING_DAYS,
} from "./attention.ts";

/** At most this many new submissions are listed (the results pages have the rest). */
const SUBMISSIONS_SHOWN = 20;

interface AssignmentRow {
  id: string;
  classId: string;
  title: string;
  dueAt: string;
  /** Members who have submitted, of `students`. */
  submitted: number;
  students: number;
}

const percent = (correct: number | null, total: number | null) =>
  total ? Math.round(((correct ?? 0) / total) * 100) : null;

export async function instructorHome(
  user: Pick<AuthUser, "id" | "name" | "timeZone"> & { locale?: string },
  now = new Date(),
) {
  const classes = await store.liveClassesWithMembers(user.id);
  const classIds = classes.map((c) => c.id);
  const memberIds = [...new Set(classes.flatMap((c) => c.memberships.map((m) => m.user.id)))];
  const [assignments, submissions, lastActivity] = await Promise.all([
    classIds.length
      ? store.assignmentsDueBetween(classIds, daysAgo(now, OVERDUE_LOOKBACK_DAYS), daysAhead(now, UPCOMING_DAYS))
      : Promise.resolve([]),
    classIds.length
      ? store.submissionsSince(user.id, daysAgo(now, NEW_SUBMISSION_DAYS), SUBMISSIONS_SHOWN)
      : Promise.resolve([]),
    store.latestActivity(memberIds),
  ]);
  const when = (d: Date) => formatInZone(d, { timeZone: user.timeZone, locale: user.locale });
  const classById = new Map(classes.map((c) => [c.id, c]));
  const membersOf = (classId: string) =>
    classById.get(classId)?.memberships.map((m) => ({ userId: m.user.id, joinedAt: m.joinedAt })) ?? [];

  // Assignments: upcoming (not yet due) and overdue (some members past their due date unsubmitted).
  const missedByStudent = new Map<string, { classId: string; assignmentId: string; count: number }>();
  const upcoming: AssignmentRow[] = [];
  const overdue: (AssignmentRow & { missing: number })[] = [];
  for (const a of assignments) {
    const members = membersOf(a.classId);
    const submitted = new Set(a.attempts.filter((t) => t.status === "submitted").map((t) => t.userId));
    const submittedMembers = members.filter((m) => submitted.has(m.userId)).length;
    const missed = missedBy(a, members, now);
    for (const userId of missed) {
      const seen = missedByStudent.get(userId);
      if (seen) seen.count += 1;
      else missedByStudent.set(userId, { classId: a.classId, assignmentId: a.id, count: 1 });
    }
    const row: AssignmentRow = {
      id: a.id,
      classId: a.classId,
      title: a.title,
      dueAt: when(a.dueAt),
      submitted: submittedMembers,
      students: members.length,
    };
    if (a.dueAt.getTime() > now.getTime()) upcoming.push(row);
    else if (missed.length) overdue.push({ ...row, missing: missed.length });
  }

  // Students: inactive for a week, and falling behind (missed due dates, or a low latest score).
  const inactive = [];
  const behind = [];
  const seen = new Set<string>();
  for (const c of classes) {
    for (const m of c.memberships) {
      const student = m.user;
      if (seen.has(student.id)) continue;
      seen.add(student.id);
      const last = lastActivity.get(student.id) ?? null;
      if (isInactive(last, m.joinedAt, now))
        inactive.push({
          id: student.id,
          name: student.name,
          classId: c.id,
          className: c.name,
          lastActive: last ? formatDate(last, user.timeZone, "date", user.locale) : null,
        });
      const own = assignments.flatMap((a) =>
        membersOf(a.classId).some((x) => x.userId === student.id)
          ? a.attempts.filter((t) => t.userId === student.id).map((t) => ({ ...t, assignment: a }))
          : [],
      );
      const latest = latestScore(own);
      const missed = missedByStudent.get(student.id);
      const reason = fallingBehind(missed?.count ?? 0, latest);
      if (!reason) continue;
      const latestAttempt = own
        .filter((t) => t.status === "submitted" && t.submittedAt)
        .sort((x, y) => y.submittedAt!.getTime() - x.submittedAt!.getTime())[0];
      behind.push({
        id: student.id,
        name: student.name,
        reason:
          reason.kind === "missed"
            ? `Missed ${reason.count === 1 ? "a due date" : `${reason.count} due dates`}`
            : `Scored ${reason.percent}% on ${latestAttempt?.assignment.title ?? "their latest assignment"}`,
        // The assignment that shows the problem: the missed one's results, or their low-scoring work.
        href:
          reason.kind === "missed"
            ? `/classes/${missed!.classId}/assignments/${missed!.assignmentId}`
            : `/classes/${latestAttempt!.assignment.classId}/assignments/${latestAttempt!.assignment.id}/students/${student.id}`,
      });
    }
  }

  // Items flagged by the results page's item analysis (each student's first submitted attempt).
  const attempts = await store.submittedAttemptItems(assignments.map((a) => a.id));
  const flaggedRows = [];
  for (const a of assignments) {
    const first = new Map<string, (typeof attempts)[number]>();
    for (const t of attempts) if (t.assignmentId === a.id && !first.has(t.userId)) first.set(t.userId, t);
    if (!first.size) continue;
    const stats = analyseItems(
      [...first.values()].map((t) =>
        t.items.map((i) => ({
          questionId: i.questionVersion.questionId,
          scored: i.scored,
          selectedIndex: i.selectedIndex,
          correct: i.selectedIndex === i.questionVersion.answerIndex,
        })),
      ),
    );
    for (const s of stats.filter((x) => x.flagged))
      flaggedRows.push({ assignment: a, questionId: s.questionId, discrimination: s.discrimination! });
  }
  const stems = await currentStems([...new Set(flaggedRows.map((f) => f.questionId))]);

  return {
    name: user.name,
    rules: ATTENTION_RULES,
    classes: classes.map((c) => ({
      id: c.id,
      name: c.name,
      students: c.memberships.length,
      upcoming: upcoming.filter((a) => a.classId === c.id),
      overdue: overdue.filter((a) => a.classId === c.id),
    })),
    submissions: submissions.flatMap((s) =>
      !s.assignment || isErasedUser(s.user)
        ? []
        : [
            {
              attemptId: s.id,
              studentName: s.user.name,
              href: `/classes/${s.assignment.classId}/assignments/${s.assignment.id}/students/${s.user.id}`,
              title: s.assignment.title,
              className: s.assignment.class.name,
              submittedAt: when(s.submittedAt!),
              percent: percent(s.scoredCorrect, s.scoredTotal),
            },
          ],
    ),
    inactive,
    behind,
    flagged: flaggedRows.map((f) => ({
      questionId: f.questionId,
      stem: stems.get(f.questionId) ?? "",
      title: f.assignment.title,
      className: classById.get(f.assignment.classId)?.name ?? "",
      href: `/classes/${f.assignment.classId}/assignments/${f.assignment.id}`,
      discrimination: Math.round(f.discrimination * 100) / 100,
    })),
  };
}
