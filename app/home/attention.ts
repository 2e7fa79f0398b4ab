// What needs an instructor's attention (issue 19), as rules over plain values: who has missed a
// due date, who has gone quiet, who is falling behind, which submissions are new. Pure functions;
// app/home/instructor.server.ts gathers the rows. The page states each rule in one sentence
// (ATTENTION_RULES), so what it shows is never a mystery.
import { effectiveSettings, type AssignmentTimes, type OverrideSettings } from "~/assignments/rules.ts";
import { ASSUMED_PASS_PERCENT } from "~/exam/scoring.ts";

const DAY_MS = 86_400_000;

/** Upcoming: due within this many days. */
export const UPCOMING_DAYS = 7;
/** Overdue assignments are looked at this far back (older ones are the gradebook's business). */
export const OVERDUE_LOOKBACK_DAYS = 30;
/** A submission is new for this many days after it was submitted. */
export const NEW_SUBMISSION_DAYS = 7;
/** A student with no study activity for this many days is inactive. */
export const INACTIVE_DAYS = 7;
/** A latest assignment score below this fraction counts as falling behind (the exam's assumed pass mark). */
export const LOW_SCORE_FRACTION = ASSUMED_PASS_PERCENT;

export const ATTENTION_RULES = {
  overdue: `Overdue: the due date (or a student's extension) has passed in the last ${OVERDUE_LOOKBACK_DAYS} days and some students have not submitted.`,
  newSubmissions: `New: submitted in the last ${NEW_SUBMISSION_DAYS} days.`,
  inactive: `Inactive: no reviews, quizzes, exams or finished lessons for ${INACTIVE_DAYS} days (counted from joining the class if they have never studied).`,
  behind: `Falling behind: missed a due date in the last ${OVERDUE_LOOKBACK_DAYS} days without submitting, or scored under ${Math.round(LOW_SCORE_FRACTION * 100)}% on the latest assignment they submitted.`,
} as const;

export const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);
export const daysAhead = (now: Date, days: number) => new Date(now.getTime() + days * DAY_MS);

export interface AssignmentWork extends AssignmentTimes {
  timeLimitMinutes: number | null;
  overrides: (OverrideSettings & { userId: string })[];
  attempts: { userId: string; status: string; submittedAt: Date | null }[];
}

/** Members who have not submitted although their due date (their extension's, if any) has passed.
 * An attempt still open past the due date is not a submission; someone who joined the class after
 * the due date did not miss it. */
export function missedBy(
  assignment: AssignmentWork,
  members: readonly { userId: string; joinedAt: Date }[],
  now: Date,
): string[] {
  const submitted = new Set(assignment.attempts.filter((t) => t.status === "submitted").map((t) => t.userId));
  return members.flatMap(({ userId, joinedAt }) => {
    if (submitted.has(userId)) return [];
    const own = effectiveSettings(
      assignment,
      assignment.overrides.find((o) => o.userId === userId),
      null,
    );
    const due = own.dueAt.getTime();
    return due <= now.getTime() && joinedAt.getTime() < due ? [userId] : [];
  });
}

/** Inactive: nothing studied for INACTIVE_DAYS; someone who never studied counts from joining. */
export function isInactive(lastActivity: Date | null, joinedAt: Date, now: Date): boolean {
  const since = lastActivity ?? joinedAt;
  return now.getTime() - since.getTime() >= INACTIVE_DAYS * DAY_MS;
}

export type BehindReason = { kind: "missed"; count: number } | { kind: "low-score"; percent: number };

/** Why a student is falling behind (missed due dates first), or null when they are not. */
export function fallingBehind(missed: number, latestFraction: number | null): BehindReason | null {
  if (missed > 0) return { kind: "missed", count: missed };
  if (latestFraction !== null && latestFraction < LOW_SCORE_FRACTION)
    return { kind: "low-score", percent: Math.round(latestFraction * 100) };
  return null;
}

/** The score of a student's most recently submitted attempt among these, as a fraction (null: none). */
export function latestScore(
  attempts: readonly {
    status: string;
    submittedAt: Date | null;
    scoredCorrect: number | null;
    scoredTotal: number | null;
  }[],
): number | null {
  let latest: (typeof attempts)[number] | null = null;
  for (const a of attempts) {
    if (a.status !== "submitted" || !a.submittedAt || !a.scoredTotal) continue;
    if (!latest || a.submittedAt.getTime() > latest.submittedAt!.getTime()) latest = a;
  }
  return latest ? (latest.scoredCorrect ?? 0) / latest.scoredTotal! : null;
}
