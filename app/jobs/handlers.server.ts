// Which function runs each kind of background job. The only module in app/jobs that knows the
// features; the worker itself takes the handlers as an argument.
import type { JobHandlers } from "./worker.server.ts";
import { runOptimization } from "~/review/optimizer.server.ts";

export const jobHandlers: JobHandlers = {
  "fsrs-optimize": (job) => {
    if (!job.userId) throw new Error("An optimizer job names no learner.");
    return runOptimization(job.userId);
  },
};
