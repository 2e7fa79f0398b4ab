// Background jobs (table "Job"): enqueue, claim once across processes, finish. The worker loop
// and the handlers live in app/jobs; this module is all the SQL.
import { db } from "~/utils/db.server.ts";
import { skipLocked } from "./sql-dialect.server.ts";

export const JOB_KINDS = ["fsrs-optimize", "send-mail", "lti-score"] as const;
export type JobKind = (typeof JOB_KINDS)[number];
export type JobStatus = "queued" | "running" | "done" | "failed";

/** A claimed job, as its handler gets it. */
export interface ClaimedJob {
  id: string;
  kind: JobKind;
  userId: string | null;
  tries: number;
  /** JSON written by whoever queued the job (null when none). */
  payload: string | null;
}

export type EnqueueResult = { ok: true; id: string } | { ok: false; reason: "already-active" };

/**
 * Queues a job. `activeKey` (unique while the job is queued or running) refuses a second live
 * job for the same thing, atomically: of two racing requests, one inserts and one is told.
 */
export async function enqueueJob(input: {
  kind: JobKind;
  userId?: string | null;
  activeKey?: string | null;
  payload?: unknown;
  /** Not before this instant (default: now). */
  runAfter?: Date;
}): Promise<EnqueueResult> {
  const { payload, ...rest } = input;
  try {
    const job = await db.job.create({
      data: { ...rest, payload: payload === undefined ? null : JSON.stringify(payload) },
      select: { id: true },
    });
    return { ok: true, id: job.id };
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return { ok: false, reason: "already-active" };
    throw error;
  }
}

/**
 * Claims the oldest runnable job for `workerId`: a queued one, or a running one whose worker
 * stopped answering (claimed before `staleBefore`) with tries left. One UPDATE … RETURNING: on
 * SQLite the single writer serializes claimers; on PostgreSQL `FOR UPDATE SKIP LOCKED` lets
 * concurrent claimers pass over a row another one is taking. Either way a job is claimed once.
 */
export async function claimNextJob(
  workerId: string,
  now: Date,
  staleBefore: Date,
  maxTries: number,
): Promise<ClaimedJob | null> {
  const rows = await db.$queryRaw<
    { id: string; kind: string; userId: string | null; tries: number | bigint; payload: string | null }[]
  >`
    UPDATE "Job" SET "status" = 'running', "claimedAt" = ${now}, "claimedBy" = ${workerId}, "tries" = "tries" + 1
    WHERE "id" = (
      SELECT "id" FROM "Job"
      WHERE ("status" = 'queued' AND "runAfter" <= ${now})
         OR ("status" = 'running' AND "claimedAt" < ${staleBefore} AND "tries" < ${maxTries})
      ORDER BY "createdAt", "id" LIMIT 1 ${skipLocked()})
    RETURNING "id", "kind", "userId", "tries", "payload"`;
  const row = rows[0];
  if (!row) return null;
  return { id: row.id, kind: row.kind as JobKind, userId: row.userId, tries: Number(row.tries), payload: row.payload };
}

/** Records a job's outcome and frees its key. Only the worker holding the claim can finish it. */
export async function finishJob(id: string, workerId: string, status: "done" | "failed", result: unknown, now: Date) {
  const { count } = await db.job.updateMany({
    where: { id, claimedBy: workerId, status: "running" },
    // The payload may hold a one-time link (a mail job): it is not kept once the job has ended.
    data: { status, result: JSON.stringify(result), activeKey: null, finishedAt: now, payload: null },
  });
  return count === 1;
}

/** Puts a job that failed back in the queue, to be tried again after `runAfter`. */
export async function retryJobLater(id: string, workerId: string, runAfter: Date, message: string) {
  const { count } = await db.job.updateMany({
    where: { id, claimedBy: workerId, status: "running" },
    data: { status: "queued", runAfter, claimedAt: null, claimedBy: null, result: JSON.stringify({ message }) },
  });
  return count === 1;
}

/** Running jobs whose workers died after their last try: failed, so their key is free again. */
export function failAbandonedJobs(staleBefore: Date, maxTries: number, now: Date) {
  return db.job.updateMany({
    where: { status: "running", claimedAt: { lt: staleBefore }, tries: { gte: maxTries } },
    data: {
      status: "failed",
      activeKey: null,
      payload: null,
      finishedAt: now,
      result: JSON.stringify({ message: "The job stopped before it finished." }),
    },
  });
}

/** The learner's most recent job of a kind (to show its progress or outcome). */
export function latestJob(userId: string, kind: JobKind) {
  return db.job.findFirst({
    where: { userId, kind },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, status: true, result: true, createdAt: true, claimedAt: true, finishedAt: true },
  });
}
