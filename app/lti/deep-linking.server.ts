// Deep Linking 2.0: an instructor launched from the LMS's "add content" picks a Charted
// assignment; Charted answers with a signed LtiDeepLinkingResponse the browser posts back.
//
// The request's details (return URL, deployment, opaque data) wait in a token signed with the
// tool key, bound to the instructor and short-lived, rather than in a table: nothing to clean up,
// and nobody can alter the return URL or use another instructor's request.
import { randomUUID } from "node:crypto";
import { SignJWT, errors, jwtVerify } from "jose";
import { assignmentsForClass, findAssignment } from "~/models/assignment.server.ts";
import { findPlatform } from "~/models/lti-platform.server.ts";
import { absoluteUrl } from "~/utils/app-url.server.ts";
import { notFound } from "~/utils/results.ts";
import { CLAIM, LTI_VERSION } from "./claims.ts";
import { TOOL_KEY_ALG, signingKey, toolJwksKeys } from "./keys.server.ts";

const REQUEST_AUDIENCE = "charted:deep-link-request";
const REQUEST_LIFETIME = "1h";

export interface DeepLinkRequest {
  userId: string;
  platformId: string;
  classId: string;
  deploymentId: string;
  returnUrl: string;
  data: string | null;
}

export async function deepLinkRequestToken(request: DeepLinkRequest): Promise<string> {
  const { kid, key } = await signingKey();
  const { userId, ...rest } = request;
  return new SignJWT({ ...rest })
    .setProtectedHeader({ alg: TOOL_KEY_ALG, kid })
    .setSubject(userId)
    .setAudience(REQUEST_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(REQUEST_LIFETIME)
    .sign(key);
}

/** The request if the token is genuine, unexpired and this user's. */
export async function readDeepLinkRequest(token: string, userId: string) {
  try {
    const { payload } = await jwtVerify(token, toolJwksKeys(), { audience: REQUEST_AUDIENCE, subject: userId });
    const { platformId, classId, deploymentId, returnUrl, data } = payload as Record<string, unknown>;
    if (typeof platformId !== "string" || typeof classId !== "string" || typeof deploymentId !== "string") return null;
    if (typeof returnUrl !== "string" || (data !== null && typeof data !== "string")) return null;
    return { userId, platformId, classId, deploymentId, returnUrl, data: data as string | null };
  } catch (error) {
    if (error instanceof errors.JOSEError) return null;
    throw error;
  }
}

export async function deepLinkChoices(request: DeepLinkRequest) {
  const assignments = await assignmentsForClass(request.classId);
  return assignments.map((a) => ({ id: a.id, title: a.title, dueAt: a.dueAt }));
}

/** The signed response for the chosen assignment, and where the browser posts it. */
export async function deepLinkResponse(request: DeepLinkRequest, assignmentId: string, now = new Date()) {
  const assignment = await findAssignment(assignmentId);
  const platform = await findPlatform(request.platformId);
  if (!assignment || assignment.class.id !== request.classId || !platform)
    return notFound("We could not find that assignment.");
  const { kid, key } = await signingKey();
  const claims: Record<string, unknown> = {
    nonce: randomUUID(),
    [CLAIM.messageType]: "LtiDeepLinkingResponse",
    [CLAIM.version]: LTI_VERSION,
    [CLAIM.deploymentId]: request.deploymentId,
    [CLAIM.deepLinkingContentItems]: [
      {
        type: "ltiResourceLink",
        title: assignment.title,
        url: absoluteUrl("/lti/launch"),
        custom: { assignment_id: assignment.id },
        lineItem: { scoreMaximum: 100, label: assignment.title },
      },
    ],
  };
  if (request.data !== null) claims[CLAIM.deepLinkingData] = request.data;
  const jwt = await new SignJWT(claims)
    .setProtectedHeader({ alg: TOOL_KEY_ALG, kid, typ: "JWT" })
    .setIssuer(platform.clientId)
    .setAudience(platform.issuer)
    .setIssuedAt(now)
    .setExpirationTime(new Date(now.getTime() + 5 * 60_000))
    .sign(key);
  return { ok: true as const, returnUrl: request.returnUrl, jwt, title: assignment.title };
}
