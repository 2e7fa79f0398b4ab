// A learner's first visit (issue 19): the plan settings, then an optional diagnostic, then Today.
// Finishing or skipping records the account as onboarded, so "/" stops sending it to /welcome.
import { DOMAIN_IDS } from "~/content/exam-ids.ts";
import { startPractice, type StartResult } from "~/exam/attempts.server.ts";
import { markOnboarded } from "~/models/user.server.ts";

/** Questions in the diagnostic: enough to place every domain roughly, short enough for one sitting. */
export const DIAGNOSTIC_QUESTIONS = 20;

export async function finishOnboarding(userId: string, now = new Date()) {
  await markOnboarded(userId, now);
}

/**
 * Starts the diagnostic: an untimed exam-mode practice quiz of DIAGNOSTIC_QUESTIONS across all
 * domains in the blueprint's proportions. It is an ordinary practice attempt, so its answers count
 * toward mastery and readiness like any quiz. Starting it completes the onboarding: an unfinished
 * diagnostic waits on Today under "Resume".
 */
export async function startDiagnostic(userId: string, now = new Date()): Promise<StartResult> {
  const result = await startPractice(
    userId,
    {
      domains: [...DOMAIN_IDS],
      weakest: false,
      count: DIAGNOSTIC_QUESTIONS,
      timed: false,
      minutes: undefined,
      mode: "exam",
      only: "all",
      lesson: undefined,
    },
    now,
  );
  if (result.ok) await finishOnboarding(userId, now);
  return result;
}
