// After grading: an attempt at an assignment an LMS links to (LTI) queues its grade for the LMS
// gradebook once the reveal policy lets the student see it: at once (after_submit), after the
// due date (after_due), or never. The lti-score job (app/lti/scores.server.ts) sends it.
import { enqueueJob } from "~/models/job.server.ts";
import { gradedLinksOf, platformAccountOf } from "~/models/lti-link.server.ts";
import { NETWORK_GRACE_MS } from "./timing.ts";

export interface ScoreJobPayload {
  platformId: string;
  resourceLinkId: string;
  userId: string;
}

export async function queueGradeReturn(assignmentId: string, userId: string, now = new Date()) {
  const links = await gradedLinksOf(assignmentId);
  for (const link of links) {
    if (!(await platformAccountOf(link.platformId, userId))) continue;
    const { revealPolicy, dueAt } = link.assignment;
    if (revealPolicy === "never") continue;
    const runAfter =
      revealPolicy === "after_due" ? new Date(Math.max(now.getTime(), dueAt.getTime() + NETWORK_GRACE_MS)) : now;
    const payload: ScoreJobPayload = { platformId: link.platformId, resourceLinkId: link.resourceLinkId, userId };
    // One live job per learner and link: it sends the best score at the time it runs, so a
    // second attempt submitted meanwhile is covered by the job already queued.
    await enqueueJob({
      kind: "lti-score",
      userId,
      activeKey: `lti-score:${link.platformId}:${link.resourceLinkId}:${userId}`,
      payload,
      runAfter,
    });
  }
}
