// Grading an attempt: one read of its items and one short transaction of writes, however long
// the attempt. Used by submit, by the lazy grading of attempts whose time ran out (a few per
// page load, yielding in between, so no request waits on a learner's backlog), and when a
// student is removed from a class. Depends on models and pure rules only, so any feature may use it.
import { setImmediate as nextTurn } from "node:timers/promises";
import { getContentIndex } from "~/content/index.server.ts";
import * as attempts from "~/models/attempt.server.ts";
import { queueGradeReturn } from "./grade-return.server.ts";
import { applyKeyHolds } from "./key-holds.server.ts";
import { missedCardsAllowed } from "./key-release.ts";
import { GRADE_PER_PAGE_LOAD } from "./limits.ts";
import { estimateScaledScore, scoreItems } from "./scoring.ts";
import { NETWORK_GRACE_MS } from "./timing.ts";
import { decodeOptions } from "~/models/json-columns.ts";

export interface GradableAttempt {
  id: string;
  userId: string;
  kind: string;
  deadline: Date | null;
  assignmentId: string | null;
}

/** Grades and closes the attempt; false if it was already submitted (idempotent, race-safe). */
export async function gradeAttempt(attempt: GradableAttempt, submittedAt: Date): Promise<boolean> {
  const items = await attempts.gradedItems(attempt.id);
  const scorable = items.map((i) => ({
    domainId: i.questionVersion.question.domainId,
    scored: i.scored,
    selectedIndex: i.selectedIndex,
    answerIndex: i.questionVersion.answerIndex,
  }));
  const score = scoreItems(
    scorable,
    getContentIndex().blueprint.domains.map((d) => d.id),
  );
  // An assignment whose key is not shown at submit must not leak it through the review deck.
  const policy = attempt.assignmentId ? await attempts.assignmentPolicy(attempt.assignmentId) : null;
  const cardsAllowed = !policy || missedCardsAllowed(policy.revealPolicy);
  // Only questions answered wrong become cards: an unanswered one says nothing about what the
  // learner knows (ending early or running out of time is not a miss).
  const missed = cardsAllowed
    ? items.filter((i) => i.selectedIndex !== null && i.selectedIndex !== i.questionVersion.answerIndex)
    : [];
  const finalize = () =>
    attempts.finalizeAttempt({
      attemptId: attempt.id,
      userId: attempt.userId,
      // Late submissions (the tab was closed) count as submitted at the deadline.
      submittedAt: attempt.deadline && submittedAt > attempt.deadline ? attempt.deadline : submittedAt,
      grades: items.flatMap((i, n) =>
        i.selectedIndex === null
          ? []
          : [{ itemId: i.id, isCorrect: scorable[n].selectedIndex === scorable[n].answerIndex }],
      ),
      scoredCorrect: score.correct,
      scoredTotal: score.total,
      scaledScore: attempt.kind === "simulation" ? estimateScaledScore(score.fraction) : null,
      missedCards: missed.map((i) => {
        const options = decodeOptions(i.questionVersion.options);
        const key = options[i.questionVersion.answerIndex];
        return {
          questionId: i.questionVersion.questionId,
          domainId: i.questionVersion.question.domainId,
          knowledgeArea: i.questionVersion.question.knowledgeArea,
          front: i.questionVersion.stem,
          back: `${key.text}\n\n${key.rationale}`,
        };
      }),
    });
  let graded: boolean;
  try {
    graded = await finalize();
  } catch (error) {
    // Two of the learner's attempts graded at once may both add the same missed card: the
    // loser's transaction rolled back; once more, it finds the card and only refreshes it.
    if ((error as { code?: string }).code !== "P2002") throw error;
    graded = await finalize();
  }
  // New cards for questions a class of the learner withholds keep their keys out of the deck
  // (an attempt graded late is held by what is withheld now, not at its deadline).
  if (graded && missed.length)
    await applyKeyHolds([attempt.userId], new Date(Math.max(Date.now(), submittedAt.getTime())));
  if (graded && attempt.assignmentId) await queueGradeReturn(attempt.assignmentId, attempt.userId);
  return graded;
}

/**
 * Grades at most `limit` attempts whose time ran out (oldest first), each at its deadline in its
 * own transaction, letting other requests run in between. Returns how many it graded; the rest
 * wait for a later page load or for the learner to open them.
 */
export async function gradeExpiredAttempts(
  filter: attempts.ExpiredFilter,
  now = new Date(),
  limit = GRADE_PER_PAGE_LOAD,
) {
  const due = await attempts.expiredAttempts(filter, new Date(now.getTime() - NETWORK_GRACE_MS), limit);
  let graded = 0;
  for (const attempt of due) {
    await nextTurn();
    if (await gradeAttempt(attempt, attempt.deadline!)) graded += 1;
  }
  return graded;
}
