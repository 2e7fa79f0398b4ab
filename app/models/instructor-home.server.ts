// Data access for the instructor's home (issue 19): every read spans all of the instructor's live
// classes at once (a handful of queries, none per student or per assignment). Callers pass the
// instructor's own id; admins see their own classes here like any instructor.
import { db } from "~/utils/db.server.ts";

/** The instructor's classes that are not archived, with their members. */
export function liveClassesWithMembers(instructorId: string) {
  return db.class.findMany({
    where: { instructorId, archivedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      memberships: {
        orderBy: { joinedAt: "asc" },
        select: { joinedAt: true, user: { select: { id: true, name: true, email: true } } },
      },
    },
  });
}

/** Assignments of these classes due between `from` and `to`, with their overrides and every
 * attempt's status and score (no items). */
export function assignmentsDueBetween(classIds: string[], from: Date, to: Date) {
  return db.assignment.findMany({
    where: { classId: { in: classIds }, dueAt: { gte: from, lte: to } },
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      classId: true,
      title: true,
      opensAt: true,
      dueAt: true,
      timeLimitMinutes: true,
      attemptsAllowed: true,
      revealPolicy: true,
      overrides: {
        select: { userId: true, dueAt: true, timeLimitMinutes: true, untimed: true, attemptsAllowed: true },
      },
      attempts: {
        orderBy: [{ startedAt: "asc" }, { id: "asc" }],
        select: { id: true, userId: true, status: true, submittedAt: true, scoredCorrect: true, scoredTotal: true },
      },
    },
  });
}

/** Submitted attempts at assignments of the instructor's live classes since `since`, newest first. */
export function submissionsSince(instructorId: string, since: Date, take: number) {
  return db.examAttempt.findMany({
    where: {
      status: "submitted",
      submittedAt: { gte: since },
      assignment: { class: { instructorId, archivedAt: null } },
    },
    orderBy: [{ submittedAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      submittedAt: true,
      scoredCorrect: true,
      scoredTotal: true,
      user: { select: { id: true, name: true, email: true } },
      assignment: { select: { id: true, title: true, classId: true, class: { select: { name: true } } } },
    },
  });
}

/** Each learner's latest study event: a rating, an exam attempt started or submitted, a finished
 * lesson. Three grouped reads over indexed columns, whatever the number of learners. */
export async function latestActivity(userIds: string[]): Promise<Map<string, Date>> {
  if (!userIds.length) return new Map();
  const [reviews, attempts, lessons] = await Promise.all([
    db.reviewLog.groupBy({ by: ["userId"], where: { userId: { in: userIds } }, _max: { review: true } }),
    db.examAttempt.groupBy({
      by: ["userId"],
      where: { userId: { in: userIds } },
      _max: { startedAt: true, submittedAt: true },
    }),
    db.lessonCompletion.groupBy({ by: ["userId"], where: { userId: { in: userIds } }, _max: { completedAt: true } }),
  ]);
  const latest = new Map<string, Date>();
  const note = (userId: string, at: Date | null | undefined) => {
    if (at && at.getTime() > (latest.get(userId)?.getTime() ?? -Infinity)) latest.set(userId, at);
  };
  for (const r of reviews) note(r.userId, r._max.review);
  for (const a of attempts) {
    note(a.userId, a._max.startedAt);
    note(a.userId, a._max.submittedAt);
  }
  for (const l of lessons) note(l.userId, l._max.completedAt);
  return latest;
}

/** Every submitted attempt at these assignments with its graded items, oldest first (item analysis). */
export function submittedAttemptItems(assignmentIds: string[]) {
  if (!assignmentIds.length) return Promise.resolve([]);
  return db.examAttempt.findMany({
    where: { assignmentId: { in: assignmentIds }, status: "submitted" },
    orderBy: [{ startedAt: "asc" }, { id: "asc" }],
    select: {
      userId: true,
      assignmentId: true,
      items: {
        select: {
          scored: true,
          selectedIndex: true,
          questionVersion: { select: { questionId: true, answerIndex: true } },
        },
      },
    },
  });
}
