// An assignment attempt's results: whether its key and rationales may be shown yet, by the
// assignment's reveal policy (rules in key-release.ts). Attempts still open at an "after the due
// date" cut-off are graded here first, so the key never reaches an attempt that could still use it.
import { findAssignment } from "~/models/assignment.server.ts";
import { findOverride, latestOverrideDue } from "~/models/assignment-override.server.ts";
import { formatFor, type DateReader } from "~/utils/dates.ts";
import { gradeExpiredAttempts } from "./grading.server.ts";
import { answersVisible, keyReleaseDue, missedCardsAllowed, revealMessage } from "./key-release.ts";
import { dueDateFor, isLate } from "./timing.ts";

/** For the exam engine: the assignment behind an attempt, and whether its key may be shown yet. */
export async function assignmentReveal(
  assignmentId: string,
  attempt: { userId: string; status: string; submittedAt: Date | null },
  timeZone: DateReader,
  now = new Date(),
) {
  const assignment = await findAssignment(assignmentId);
  if (!assignment) return null;
  // Attempts still open at the cut-off ended then (their deadline is the due date): grade them
  // as keys are about to be shown, a bounded few per load (any left can no longer change).
  if (assignment.revealPolicy === "after_due" && now >= assignment.dueAt)
    await gradeExpiredAttempts({ assignmentId }, now);
  const submitted = attempt.status === "submitted";
  // Keys wait for the latest extension of the class (keyReleaseDue); lateness is the student's own due date.
  const release = {
    revealPolicy: assignment.revealPolicy,
    dueAt: keyReleaseDue(assignment.dueAt, [{ dueAt: await latestOverrideDue(assignmentId) }]),
  };
  const answers = answersVisible(release, submitted, now);
  const own = await findOverride(assignmentId, attempt.userId);
  return {
    title: assignment.title,
    late: isLate({ dueAt: dueDateFor(assignment, own) }, attempt.submittedAt),
    answersVisible: answers,
    // Wrong answers become review cards (which carry the key) only under "after submitting".
    cardsMade: missedCardsAllowed(assignment.revealPolicy),
    message: answers ? "" : revealMessage(release, (d) => formatFor(d, timeZone, "dateTimeZone")),
  };
}
