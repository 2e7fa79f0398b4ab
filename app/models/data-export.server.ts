// Reads for "Download my data" (app/account/export.server.ts): every row one account holds, in
// pages, so a learner with 200,000 review logs never has them all in memory at once. Only rows
// of the user whose id is passed: the export has no other way in. Secrets (password hash, token
// hashes, session ids) are never selected.
import { db } from "~/utils/db.server.ts";

/** Rows per page for tables that grow with use (cards, logs, reports). */
export const EXPORT_PAGE_SIZE = 2_000;
/** Attempts per page: each brings its items (up to 135 for a full simulation). */
export const ATTEMPT_PAGE_SIZE = 50;

type Page = { take: number; cursor?: { id: string }; skip?: number };

/** Reads `read` page after page (Prisma's cursor, then the next `take`) until a short page. */
async function* pages<T extends { id: string }>(read: (page: Page) => Promise<T[]>, take: number) {
  let cursor: { id: string } | undefined;
  for (;;) {
    const page = await read({ take, ...(cursor ? { cursor, skip: 1 } : {}) });
    if (page.length) yield page;
    if (page.length < take) return;
    cursor = { id: page[page.length - 1].id };
  }
}

export function accountProfile(userId: string) {
  return db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      timeZone: true,
      accommodationFactor: true,
      emailVerifiedAt: true,
      onboardedAt: true,
      createdAt: true,
      updatedAt: true,
      preferences: {
        select: {
          desiredRetention: true,
          newCardsPerDay: true,
          reviewsPerDay: true,
          fsrsWeights: true,
          examDate: true,
          studyWeekdays: true,
          studyMinutes: true,
          studyStartTime: true,
          learningSteps: true,
          relearningSteps: true,
          loadBalance: true,
          lightWeekdays: true,
          finalReview: true,
          catchUpCap: true,
          catchUpSince: true,
          longWeekdays: true,
          daysOff: true,
          weeklyGoalDays: true,
          updatedAt: true,
        },
      },
    },
  });
}

export function attemptPages(userId: string, take = ATTEMPT_PAGE_SIZE) {
  return pages(
    (page) =>
      db.examAttempt.findMany({
        where: { userId },
        orderBy: [{ startedAt: "asc" }, { id: "asc" }],
        ...page,
        select: {
          id: true,
          kind: true,
          mode: true,
          config: true,
          status: true,
          startedAt: true,
          deadline: true,
          submittedAt: true,
          scoredCorrect: true,
          scoredTotal: true,
          scaledScore: true,
          answeredCount: true,
          assignment: {
            select: {
              title: true,
              revealPolicy: true,
              dueAt: true,
              // Extensions hold the key for everyone (keyReleaseDue).
              overrides: { select: { dueAt: true } },
              class: { select: { name: true } },
            },
          },
          items: {
            orderBy: { position: "asc" },
            select: {
              position: true,
              scored: true,
              selectedIndex: true,
              flagged: true,
              answeredAt: true,
              checkedAt: true,
              isCorrect: true,
              questionVersion: { select: { questionId: true, version: true } },
            },
          },
        },
      }),
    take,
  );
}

export function reviewCardPages(userId: string, take = EXPORT_PAGE_SIZE) {
  return pages(
    (page) =>
      db.reviewCard.findMany({
        where: { userId },
        orderBy: { id: "asc" },
        ...page,
        select: {
          id: true,
          source: true,
          contentCardId: true,
          questionId: true,
          domainId: true,
          knowledgeArea: true,
          front: true,
          back: true,
          keyHeld: true,
          suspended: true,
          buriedUntil: true,
          createdAt: true,
          state: true,
          due: true,
          stability: true,
          difficulty: true,
          elapsedDays: true,
          scheduledDays: true,
          learningSteps: true,
          reps: true,
          lapses: true,
          lastReview: true,
        },
      }),
    take,
  );
}

/** Ratings in time order (the index on userId, review serves it). */
export function reviewLogPages(userId: string, take = EXPORT_PAGE_SIZE) {
  return pages(
    (page) =>
      db.reviewLog.findMany({
        where: { userId },
        orderBy: [{ review: "asc" }, { id: "asc" }],
        ...page,
        select: {
          id: true,
          cardId: true,
          rating: true,
          state: true,
          review: true,
          due: true,
          stability: true,
          difficulty: true,
          elapsedDays: true,
          lastElapsedDays: true,
          scheduledDays: true,
          learningSteps: true,
        },
      }),
    take,
  );
}

/** Optimizer runs: a few a month at most. */
export function fsrsOptimizationRows(userId: string) {
  return db.fsrsOptimization.findMany({
    where: { userId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      createdAt: true,
      reviewCount: true,
      trainingItems: true,
      logLossBefore: true,
      rmseBefore: true,
      logLossAfter: true,
      rmseAfter: true,
      parameters: true,
      adopted: true,
    },
  });
}

/** At most one row per lesson. */
export function lessonCompletionRows(userId: string) {
  return db.lessonCompletion.findMany({
    where: { userId },
    orderBy: [{ completedAt: "asc" }, { lessonSlug: "asc" }],
    select: { lessonSlug: true, completedAt: true },
  });
}

/** Today's plan as it was first shown, one row per day the learner opened Today. */
export function planDayRows(userId: string) {
  return db.planDay.findMany({
    where: { userId },
    orderBy: { day: "asc" },
    select: { day: true, tasks: true, createdAt: true },
  });
}

/** One row per study day with activity (a year is 365 rows at most). */
export function activityDayRows(userId: string) {
  return db.activityDay.findMany({
    where: { userId },
    orderBy: { day: "asc" },
    select: { day: true, seconds: true, reviews: true, answers: true, lessons: true },
  });
}

/** Instructors' overrides of assignments for this learner (a later due date, time limit, attempts). */
export function assignmentOverrideRows(userId: string) {
  return db.assignmentOverride.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: {
      dueAt: true,
      timeLimitMinutes: true,
      untimed: true,
      attemptsAllowed: true,
      createdAt: true,
      updatedAt: true,
      assignment: { select: { title: true, class: { select: { name: true } } } },
    },
  });
}

/** Classes the account is in, was removed from, and teaches. */
export async function classRows(userId: string) {
  const [memberships, removals, taught] = await Promise.all([
    db.classMembership.findMany({
      where: { userId },
      orderBy: { joinedAt: "asc" },
      select: { joinedAt: true, accommodationFactor: true, class: { select: { name: true, archivedAt: true } } },
    }),
    db.classRemoval.findMany({
      where: { userId },
      orderBy: { removedAt: "asc" },
      select: { removedAt: true, class: { select: { name: true } } },
    }),
    db.class.findMany({
      where: { instructorId: userId },
      orderBy: { createdAt: "asc" },
      select: { name: true, createdAt: true, archivedAt: true, _count: { select: { memberships: true } } },
    }),
  ]);
  return { memberships, removals, taught };
}

export function contentReportPages(userId: string, take = EXPORT_PAGE_SIZE) {
  return pages(
    (page) =>
      db.contentReport.findMany({
        where: { reporterId: userId },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        ...page,
        select: {
          id: true,
          targetKind: true,
          targetId: true,
          section: true,
          message: true,
          source: true,
          status: true,
          reply: true,
          resolvedAt: true,
          createdAt: true,
        },
      }),
    take,
  );
}

/** An instructor's own questions with every version (each version is a few KB: smaller pages). */
export function authoredQuestionPages(userId: string, take = 200) {
  return pages(
    (page) =>
      db.question.findMany({
        where: { authorId: userId },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        ...page,
        select: {
          id: true,
          domainId: true,
          knowledgeArea: true,
          currentVersion: true,
          retiredAt: true,
          createdAt: true,
          versions: {
            orderBy: { version: "asc" },
            select: {
              version: true,
              createdAt: true,
              difficulty: true,
              cognitive: true,
              stem: true,
              options: true,
              answerIndex: true,
              reference: true,
            },
          },
        },
      }),
    take,
  );
}

/** "Request instructor access" notes (one pending at a time: a handful per account). */
export function instructorRequestRows(userId: string) {
  return db.instructorRequest.findMany({
    where: { userId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { note: true, status: true, createdAt: true, decidedAt: true },
  });
}
