// Data access for the progress dashboard and study plan: activity roll-ups, the evidence for
// mastery, and plan preferences.
import { rollUpEvents, type StudyEvent } from "~/progress/activity.ts";
import { db } from "~/utils/db.server.ts";

/** Events newer than this are left for the next roll-up, so a write still committing is not missed. */
const ROLLUP_LAG_MS = 5_000;

/**
 * Brings a learner's ActivityDay rows up to date from their review log, answers and finished
 * lessons since the last roll-up. Safe to run concurrently: the cursor update is conditional,
 * and the loser's transaction rolls back.
 */
export async function rollUpActivity(userId: string, timeZone: string, now = new Date()) {
  const through = new Date(now.getTime() - ROLLUP_LAG_MS);
  const cursor = await db.activityRollup.findUnique({ where: { userId } });
  const since = cursor?.through ?? new Date(0);
  if (since >= through) return;
  const window = { gt: since, lte: through };
  const [reviews, answers, lessons] = await Promise.all([
    db.reviewLog.findMany({ where: { userId, review: window }, select: { review: true } }),
    db.attemptItem.findMany({ where: { attempt: { userId }, answeredAt: window }, select: { answeredAt: true } }),
    db.lessonCompletion.findMany({ where: { userId, completedAt: window }, select: { completedAt: true } }),
  ]);
  const events: StudyEvent[] = [
    ...reviews.map((r) => ({ at: r.review, kind: "review" as const })),
    ...answers.map((a) => ({ at: a.answeredAt!, kind: "answer" as const })),
    ...lessons.map((l) => ({ at: l.completedAt, kind: "lesson" as const })),
  ];
  const { days, lastEventAt } = rollUpEvents(events, timeZone, cursor?.lastEventAt ?? null);
  try {
    await db.$transaction(async (tx) => {
      if (cursor) {
        const moved = await tx.activityRollup.updateMany({ where: { userId, through: cursor.through }, data: { through, lastEventAt } });
        if (moved.count !== 1) throw new RollupRace();
      } else {
        await tx.activityRollup.create({ data: { userId, through, lastEventAt } });
      }
      for (const d of days) {
        const { day, ...totals } = d;
        await tx.activityDay.upsert({
          where: { userId_day: { userId, day } },
          create: { userId, day, ...totals },
          update: {
            seconds: { increment: totals.seconds },
            reviews: { increment: totals.reviews },
            answers: { increment: totals.answers },
            lessons: { increment: totals.lessons },
          },
        });
      }
    });
  } catch (error) {
    // Another request rolled up the same events first: theirs stands.
    if (error instanceof RollupRace || isUniqueViolation(error)) return;
    throw error;
  }
}

class RollupRace extends Error {}
function isUniqueViolation(error: unknown) {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

export function activityDays(userId: string, fromDay: string) {
  return db.activityDay.findMany({ where: { userId, day: { gte: fromDay } }, orderBy: { day: "asc" }, select: { day: true, seconds: true, reviews: true, answers: true, lessons: true } });
}

export function planPrefs(userId: string) {
  return db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { timeZone: true, examDate: true, studyWeekdays: true, studyMinutes: true, studyStartTime: true, fsrsWeights: true },
  });
}

export function updatePlanPrefs(userId: string, data: { examDate: Date | null; studyWeekdays: string; studyMinutes: number; studyStartTime: string }) {
  return db.user.update({ where: { id: userId }, data, select: { id: true } });
}

/** The learner's attempts, newest first (for the score trend and mock recency). */
export function attemptSummaries(userId: string) {
  return db.examAttempt.findMany({
    where: { userId, status: "submitted" },
    orderBy: { submittedAt: "desc" },
    select: { id: true, kind: true, mode: true, submittedAt: true, scoredCorrect: true, scoredTotal: true, scaledScore: true },
  });
}

/** Graded answers in the given submitted attempts. */
export function gradedAnswers(attemptIds: string[]) {
  return db.attemptItem.findMany({
    where: { attemptId: { in: attemptIds }, isCorrect: { not: null } },
    select: { attemptId: true, questionVersionId: true, isCorrect: true, answeredAt: true },
  });
}

/** Started (not new) cards with what mastery and the forecast need. */
export function startedCards(userId: string) {
  return db.reviewCard.findMany({
    where: { userId, state: { not: 0 } },
    select: { domainId: true, knowledgeArea: true, stability: true, lastReview: true, due: true, suspended: true },
  });
}

// Question versions rarely change (content sync, instructor items): keep their domain and
// knowledge area in memory and reload when an unknown version turns up.
let versionAreas: Map<string, { domainId: string; knowledgeArea: string }> | null = null;
export async function versionAreaMap(ids: Iterable<string>) {
  const missing = () => [...ids].some((id) => !versionAreas!.has(id));
  if (!versionAreas || missing()) {
    const rows = await db.questionVersion.findMany({ select: { id: true, question: { select: { domainId: true, knowledgeArea: true } } } });
    versionAreas = new Map(rows.map((r) => [r.id, r.question]));
  }
  return versionAreas;
}
