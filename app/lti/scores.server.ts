// Assignment and Grade Services 2.0: the lti-score job sends a learner's grade to the LMS line
// item of the link they launched from. It asks the platform's token endpoint for an access token
// (client_credentials with a JWT client assertion signed by the tool key, 1EdTech Security
// Framework §4.1) and POSTs a score to <lineitem>/scores.
//
// The grade is the learner's best submitted attempt (Moodle's default, "highest grade"): a
// retake can only raise it, so students are not punished for practising.
import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { z } from "zod";
import type { ClaimedJob } from "~/models/job.server.ts";
import { gradedLink, platformAccountOf, submittedScores } from "~/models/lti-link.server.ts";
import { SCORE_SCOPE } from "./claims.ts";
import { TOOL_KEY_ALG, signingKey } from "./keys.server.ts";

/** Tries in all, about two hours from first to last (1, 2, 4 … 64 minutes apart): an LMS may be down. */
export const SCORE_RETRY = { maxTries: 8, delayMs: (tries: number) => 60_000 * 2 ** (tries - 1) };

const payloadSchema = z.object({ platformId: z.string(), resourceLinkId: z.string(), userId: z.string() });

const REQUEST_TIMEOUT_MS = 15_000;

async function accessToken(platform: { clientId: string; authTokenUrl: string }): Promise<string> {
  const { kid, key } = await signingKey();
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg: TOOL_KEY_ALG, kid, typ: "JWT" })
    .setIssuer(platform.clientId)
    .setSubject(platform.clientId)
    .setAudience(platform.authTokenUrl)
    .setIssuedAt()
    .setExpirationTime("5m")
    .setJti(randomUUID())
    .sign(key);
  const response = await fetch(platform.authTokenUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: assertion,
      scope: SCORE_SCOPE,
    }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`The platform's token endpoint answered ${response.status}.`);
  const body = z.object({ access_token: z.string().min(1) }).safeParse(await response.json());
  if (!body.success) throw new Error("The platform's token endpoint sent no access token.");
  return body.data.access_token;
}

/** <lineitem>/scores, keeping the line item's query string (AGS 2.0 §3.4). */
export function scoresUrl(lineItemUrl: string): string {
  const url = new URL(lineItemUrl);
  url.pathname = `${url.pathname.replace(/\/$/, "")}/scores`;
  return url.toString();
}

/** The best submitted attempt as a percentage, or null when none is graded yet. */
export function bestScore(
  attempts: { scoredCorrect: number | null; scoredTotal: number | null; submittedAt: Date | null }[],
) {
  let best: { percent: number; submittedAt: Date } | null = null;
  for (const a of attempts) {
    if (a.scoredCorrect === null || !a.scoredTotal || !a.submittedAt) continue;
    const percent = Math.round((a.scoredCorrect / a.scoredTotal) * 10_000) / 100;
    if (!best || percent >= best.percent) best = { percent, submittedAt: a.submittedAt };
  }
  return best;
}

/** The lti-score job handler. */
export async function sendScore(job: ClaimedJob) {
  const { platformId, resourceLinkId, userId } = payloadSchema.parse(JSON.parse(job.payload ?? "null"));
  const link = await gradedLink(platformId, resourceLinkId);
  const account = await platformAccountOf(platformId, userId);
  // The link, the platform or the account went away since: nothing to send to.
  if (!link?.lineItemUrl || !account || link.assignment.revealPolicy === "never") return { sent: false };
  const best = bestScore(await submittedScores(link.assignmentId, userId));
  if (!best) return { sent: false };
  const token = await accessToken(link.platform);
  const response = await fetch(scoresUrl(link.lineItemUrl), {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/vnd.ims.lis.v1.score+json" },
    body: JSON.stringify({
      userId: account.sub,
      scoreGiven: best.percent,
      scoreMaximum: 100,
      activityProgress: "Completed",
      gradingProgress: "FullyGraded",
      timestamp: best.submittedAt.toISOString(),
    }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`The platform's scores endpoint answered ${response.status}.`);
  return { sent: true, scoreGiven: best.percent };
}
