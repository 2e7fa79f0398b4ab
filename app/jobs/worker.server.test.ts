// The job queue on a real database (both SQLite and PostgreSQL): one live job per key, each job
// claimed once by concurrent workers, crashed handlers and dead workers recorded as such.
import { describe, expect, it } from "vitest";
import { makeUser } from "../../tests/factories/users.ts";
import { claimNextJob, enqueueJob, finishJob } from "~/models/job.server.ts";
import { db } from "~/utils/db.server.ts";
import { CLAIM_STALE_MS, MAX_TRIES, runNextJob, type JobHandlers } from "./worker.server.ts";

function recorder() {
  const seen: string[] = [];
  const handlers: JobHandlers = {
    "fsrs-optimize": async (job) => {
      seen.push(job.id);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { handled: job.id };
    },
    "send-mail": async (job) => ({ handled: job.id }),
    "lti-score": async (job) => ({ handled: job.id }),
  };
  return { seen, handlers };
}

async function drain(handlers: JobHandlers, workerId: string) {
  let n = 0;
  while (await runNextJob(handlers, workerId)) n += 1;
  return n;
}

describe("background jobs", () => {
  it("refuses a second live job for the same key, and takes one again once it has finished", async () => {
    const user = await makeUser();
    const first = await enqueueJob({ kind: "fsrs-optimize", userId: user.id, activeKey: `k:${user.id}` });
    expect(first.ok).toBe(true);
    const racing = await Promise.all([
      enqueueJob({ kind: "fsrs-optimize", userId: user.id, activeKey: `k:${user.id}` }),
      enqueueJob({ kind: "fsrs-optimize", userId: user.id, activeKey: `k:${user.id}` }),
    ]);
    expect(racing).toEqual([
      { ok: false, reason: "already-active" },
      { ok: false, reason: "already-active" },
    ]);
    const { handlers } = recorder();
    const outcome = await runNextJob(handlers, "w1");
    expect(outcome).toMatchObject({ status: "done", result: { handled: first.ok ? first.id : "" } });
    expect((await enqueueJob({ kind: "fsrs-optimize", userId: user.id, activeKey: `k:${user.id}` })).ok).toBe(true);
    await drain(handlers, "w1");
  });

  it("gives each job to exactly one of several workers polling at once", async () => {
    const users = await Promise.all(Array.from({ length: 12 }, () => makeUser()));
    for (const u of users) await enqueueJob({ kind: "fsrs-optimize", userId: u.id, activeKey: `many:${u.id}` });
    const { seen, handlers } = recorder();
    const counts = await Promise.all(["a", "b", "c", "d"].map((w) => drain(handlers, `worker-${w}`)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(12);
    expect(new Set(seen).size).toBe(12);
    expect(seen).toHaveLength(12);
    const rows = await db.job.findMany({ where: { activeKey: null, userId: { in: users.map((u) => u.id) } } });
    expect(rows).toHaveLength(12);
    expect(rows.every((r) => r.status === "done" && r.tries === 1 && r.finishedAt !== null)).toBe(true);
  });

  it("records a handler that throws as failed and frees the key", async () => {
    const user = await makeUser();
    await enqueueJob({ kind: "fsrs-optimize", userId: user.id, activeKey: `boom:${user.id}` });
    const outcome = await runNextJob(
      {
        "fsrs-optimize": async () => {
          throw new Error("boom");
        },
        "send-mail": async () => ({}),
        "lti-score": async () => ({}),
      },
      "w1",
    );
    expect(outcome).toMatchObject({ status: "failed", result: { message: "The job could not finish." } });
    const job = await db.job.findFirstOrThrow({ where: { userId: user.id } });
    expect(job).toMatchObject({ status: "failed", activeKey: null });
  });

  it("runs again a job whose worker died, and gives up after the last try", async () => {
    const user = await makeUser();
    const queued = await enqueueJob({ kind: "fsrs-optimize", userId: user.id, activeKey: `dead:${user.id}` });
    if (!queued.ok) throw new Error("not queued");
    const now = new Date();
    // A worker claims it and dies: nothing else may take it while the claim is fresh.
    expect(await claimNextJob("dead-worker", now, new Date(now.getTime() - CLAIM_STALE_MS), MAX_TRIES)).toMatchObject({
      id: queued.id,
      tries: 1,
    });
    const { seen, handlers } = recorder();
    expect(await runNextJob(handlers, "w1", now)).toBeNull();

    // Past the stale limit another worker runs it; the dead one cannot record an outcome.
    const later = new Date(now.getTime() + CLAIM_STALE_MS + 1_000);
    expect(await runNextJob(handlers, "w1", later)).toMatchObject({ id: queued.id, status: "done" });
    expect(seen).toEqual([queued.id]);
    expect(await finishJob(queued.id, "dead-worker", "done", {}, later)).toBe(false);

    // A job that has used all its tries and whose last worker died is marked failed.
    const again = await enqueueJob({ kind: "fsrs-optimize", userId: user.id, activeKey: `dead:${user.id}` });
    if (!again.ok) throw new Error("not queued");
    await db.job.update({
      where: { id: again.id },
      data: { status: "running", claimedBy: "dead-worker", claimedAt: now, tries: MAX_TRIES },
    });
    expect(await runNextJob(handlers, "w1", later)).toBeNull();
    expect(await db.job.findUniqueOrThrow({ where: { id: again.id } })).toMatchObject({
      status: "failed",
      activeKey: null,
    });
    expect(seen).toEqual([queued.id]);
  });

  it("tries a failed job of a kind with a retry policy again later, and clears its payload when it ends", async () => {
    const now = new Date(Date.now() + 1_000);
    const queued = await enqueueJob({ kind: "send-mail", payload: { to: "a@example.com" } });
    if (!queued.ok) throw new Error("not queued");
    let calls = 0;
    const flaky: JobHandlers = {
      "fsrs-optimize": async () => ({}),
      "send-mail": async (job) => {
        calls += 1;
        expect(JSON.parse(job.payload ?? "null")).toEqual({ to: "a@example.com" });
        if (calls === 1) throw new Error("connection refused");
        return { sent: true };
      },
      "lti-score": async () => ({}),
    };
    const retries = { "send-mail": { maxTries: 3, delayMs: () => 60_000 } };
    expect(await runNextJob(flaky, "w1", now, retries)).toMatchObject({ status: "queued" });
    const waiting = await db.job.findUniqueOrThrow({ where: { id: queued.id } });
    expect(waiting).toMatchObject({ status: "queued", tries: 1, claimedBy: null });
    expect(waiting.runAfter.getTime()).toBe(now.getTime() + 60_000);
    expect(waiting.payload).not.toBeNull();
    // Not before its time; then it runs and its payload (which may hold a link) is dropped.
    expect(await runNextJob(flaky, "w1", new Date(now.getTime() + 30_000), retries)).toBeNull();
    expect(await runNextJob(flaky, "w1", new Date(now.getTime() + 61_000), retries)).toMatchObject({ status: "done" });
    expect(await db.job.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({
      status: "done",
      tries: 2,
      payload: null,
    });
  });
});
