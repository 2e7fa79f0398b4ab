// Checking a launch's id_token (LTI 1.3 Core §5.1.3): signed by the platform's key (its JWKS),
// issued by it for Charted's client id, fresh, carrying the nonce of a state Charted handed out
// and has not yet spent, from a registered deployment, LTI 1.3.0, a message type Charted knows.
import { createRemoteJWKSet, errors, jwtVerify } from "jose";
import { takeLaunchState } from "~/models/lti-launch-state.server.ts";
import { findPlatform } from "~/models/lti-platform.server.ts";
import { CLAIM, LTI_VERSION, MESSAGE_TYPES, launchClaims, type LaunchClaims } from "./claims.ts";

const CLOCK_TOLERANCE_SECONDS = 60;
/** An id_token older than this is refused even if its exp says otherwise. */
const MAX_TOKEN_AGE = "10m";

// One key set per JWKS URL: jose caches the keys and refetches on an unknown kid.
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
function platformKeys(jwksUrl: string) {
  let keys = keySets.get(jwksUrl);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(jwksUrl), { cooldownDuration: 30_000, timeoutDuration: 5_000 });
    keySets.set(jwksUrl, keys);
  }
  return keys;
}

export type VerifiedLaunch = {
  ok: true;
  platform: NonNullable<Awaited<ReturnType<typeof findPlatform>>>;
  claims: LaunchClaims;
};
export type LaunchRefusal = { ok: false; message: string };

const refuse = (message: string): LaunchRefusal => ({ ok: false, message });
const EXPIRED = "This launch has expired or was already used. Open Charted from your course again.";

export async function verifyLaunch(
  input: { idToken: string; state: string; cookieState: string | null },
  now = new Date(),
): Promise<VerifiedLaunch | LaunchRefusal> {
  // The cookie, when the browser kept it, ties the launch to the browser that started the login.
  if (input.cookieState !== null && input.cookieState !== input.state) return refuse(EXPIRED);
  const stored = await takeLaunchState(input.state, now);
  if (!stored || stored.expiresAt <= now) return refuse(EXPIRED);
  const platform = await findPlatform(stored.platformId);
  if (!platform) return refuse(EXPIRED);
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(input.idToken, platformKeys(platform.jwksUrl), {
      issuer: platform.issuer,
      audience: platform.clientId,
      algorithms: ["RS256"],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      maxTokenAge: MAX_TOKEN_AGE,
      currentDate: now,
      requiredClaims: ["exp", "iat", "sub", "nonce"],
    }));
  } catch (error) {
    if (error instanceof errors.JOSEError) return refuse("The learning platform's launch could not be verified.");
    throw error;
  }
  // Several audiences: the authorized party must be Charted (OpenID Connect Core §3.1.3.7).
  if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp !== platform.clientId)
    return refuse("The learning platform's launch could not be verified.");
  if (payload.nonce !== stored.nonce) return refuse(EXPIRED);
  if (payload[CLAIM.version] !== LTI_VERSION) return refuse("Charted supports LTI 1.3.0 launches only.");
  if (!MESSAGE_TYPES.includes(payload[CLAIM.messageType] as (typeof MESSAGE_TYPES)[number]))
    return refuse("Charted does not handle this kind of LTI message.");
  const deploymentId = payload[CLAIM.deploymentId];
  if (!platform.deployments.some((d) => d.deploymentId === deploymentId))
    return refuse("This deployment of the learning platform is not registered with Charted.");
  const claims = launchClaims.safeParse(payload);
  if (!claims.success) return refuse("The learning platform's launch is missing information Charted needs.");
  return { ok: true, platform, claims: claims.data };
}
