// Which function runs each kind of background job, and how failed ones are retried. The only
// module in app/jobs that knows the features; the worker itself takes these as arguments.
import type { JobHandlers, RetryPolicies } from "./worker.server.ts";
import { runOptimization } from "~/review/optimizer.server.ts";
import { MAIL_RETRY, sendQueuedMail } from "~/mail/send.server.ts";
import { SCORE_RETRY, sendScore } from "~/lti/scores.server.ts";

export const jobHandlers: JobHandlers = {
  "fsrs-optimize": (job) => {
    if (!job.userId) throw new Error("An optimizer job names no learner.");
    return runOptimization(job.userId);
  },
  "send-mail": sendQueuedMail,
  "lti-score": sendScore,
};

export const jobRetries: RetryPolicies = { "send-mail": MAIL_RETRY, "lti-score": SCORE_RETRY };
