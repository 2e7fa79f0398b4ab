// The background job worker. Every app process runs one loop (started from entry.server.tsx);
// each poll claims at most one job (models/job.server.ts claims each job once across processes),
// runs its handler and records the outcome. Handlers are passed in, so this folder depends on no
// feature: the wiring of kinds to handlers is in app/jobs/handlers.server.ts.
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import * as jobs from "~/models/job.server.ts";

export type JobHandler = (job: jobs.ClaimedJob) => Promise<unknown>;
export type JobHandlers = Record<jobs.JobKind, JobHandler>;

/** How a kind of job that failed is tried again (kinds without one fail at once). */
export interface RetryPolicy {
  maxTries: number;
  /** Wait before try number `tries + 1`. */
  delayMs: (tries: number) => number;
}
export type RetryPolicies = Partial<Record<jobs.JobKind, RetryPolicy>>;

/** A claim older than this belongs to a worker that died (a handler never runs this long). */
export const CLAIM_STALE_MS = 15 * 60_000;
/** A job is tried this many times (a crash mid-run counts) before it is marked failed. */
export const MAX_TRIES = 3;

const defaultWorkerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export type JobOutcome = { id: string; kind: jobs.JobKind; status: "done" | "failed" | "queued"; result: unknown };

/** Claims and runs one job, if any is waiting. */
export async function runNextJob(
  handlers: JobHandlers,
  workerId = defaultWorkerId,
  now = new Date(),
  retries: RetryPolicies = {},
): Promise<JobOutcome | null> {
  const staleBefore = new Date(now.getTime() - CLAIM_STALE_MS);
  await jobs.failAbandonedJobs(staleBefore, MAX_TRIES, now);
  const job = await jobs.claimNextJob(workerId, now, staleBefore, MAX_TRIES);
  if (!job) return null;
  let status: "done" | "failed" = "done";
  let result: unknown;
  try {
    result = await handlers[job.kind](job);
  } catch (error) {
    const retry = retries[job.kind];
    if (retry && job.tries < retry.maxTries) {
      const runAfter = new Date(now.getTime() + retry.delayMs(job.tries));
      console.warn(
        `Job ${job.id} (${job.kind}) failed on try ${job.tries}; trying again at ${runAfter.toISOString()}:`,
        String(error),
      );
      await jobs.retryJobLater(job.id, workerId, runAfter, String(error));
      return { id: job.id, kind: job.kind, status: "queued", result: { message: String(error) } };
    }
    console.error(`Job ${job.id} (${job.kind}) failed:`, error);
    status = "failed";
    result = { message: "The job could not finish." };
  }
  await jobs.finishJob(job.id, workerId, status, result, new Date());
  return { id: job.id, kind: job.kind, status, result };
}

/**
 * Polls for jobs until stopped: runs jobs back to back while there are some, then waits
 * `pollMs`. One job at a time per process (the optimizer already trains in a worker thread).
 */
export function startJobWorker(handlers: JobHandlers, options: { pollMs?: number; retries?: RetryPolicies } = {}) {
  const pollMs = options.pollMs ?? 1_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    try {
      while (!stopped && (await runNextJob(handlers, defaultWorkerId, new Date(), options.retries))) {
        /* keep going while there is work */
      }
    } catch (error) {
      console.error("Job worker:", error);
    }
    if (!stopped) timer = setTimeout(tick, pollMs).unref();
  };
  timer = setTimeout(tick, pollMs).unref();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
