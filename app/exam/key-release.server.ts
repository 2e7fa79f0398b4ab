// An assignment attempt's results: whether its key and rationales may be shown yet, by the
// assignment's reveal policy (rules in key-release.ts). Attempts still open at an "after the due
// date" cut-off are graded here first, so the key never reaches an attempt that could still use it.
import { findAssignment } from "~/models/assignment.server.ts";
import { formatDate } from "~/utils/dates.ts";
import { gradeExpiredAttempts } from "./grading.server.ts";
import { answersVisible, missedCardsAllowed, revealMessage } from "./key-release.ts";
import { isLate } from "./timing.ts";

/** For the exam engine: the assignment behind an attempt, and whether its key may be shown yet. */
export async function assignmentReveal(
  assignmentId: string,
  attempt: { status: string; submittedAt: Date | null },
  timeZone: string,
  now = new Date(),
) {
  const assignment = await findAssignment(assignmentId);
  if (!assignment) return null;
  // Attempts still open at the cut-off ended then (their deadline is the due date): grade them
  // as keys are about to be shown, a bounded few per load (any left can no longer change).
  if (assignment.revealPolicy === "after_due" && now >= assignment.dueAt)
    await gradeExpiredAttempts({ assignmentId }, now);
  const submitted = attempt.status === "submitted";
  const answers = answersVisible(assignment, submitted, now);
  return {
    title: assignment.title,
    late: isLate(assignment, attempt.submittedAt),
    answersVisible: answers,
    // Wrong answers become review cards (which carry the key) only under "after submitting".
    cardsMade: missedCardsAllowed(assignment.revealPolicy),
    message: answers ? "" : revealMessage(assignment, (d) => formatDate(d, timeZone, "dateTimeZone")),
  };
}
