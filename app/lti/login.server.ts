// OIDC login initiation (LTI 1.3 Core §5.1.1, 1EdTech Security Framework §5.1.1): the platform
// asks Charted to start a launch; Charted remembers a fresh state and nonce and sends the
// browser to the platform's authorization endpoint, which answers at /lti/launch.
import { randomBytes } from "node:crypto";
import { createLaunchState } from "~/models/lti-launch-state.server.ts";
import { platformsByIssuer } from "~/models/lti-platform.server.ts";
import { absoluteUrl } from "~/utils/app-url.server.ts";

export const LAUNCH_STATE_MINUTES = 10;

export interface LoginRequest {
  iss: string;
  login_hint: string;
  target_link_uri: string;
  lti_message_hint?: string;
  client_id?: string;
  lti_deployment_id?: string;
}

export type LoginResult = { ok: true; redirectTo: string; state: string } | { ok: false; message: string };

const random = () => randomBytes(32).toString("base64url");

export async function startLogin(request: LoginRequest, now = new Date()): Promise<LoginResult> {
  const candidates = await platformsByIssuer(request.iss);
  // Without client_id an issuer must name one registration, or Charted cannot tell which.
  const matching = request.client_id ? candidates.filter((p) => p.clientId === request.client_id) : candidates;
  if (matching.length !== 1) return { ok: false, message: "This learning platform is not registered with Charted." };
  const platform = matching[0];
  if (request.lti_deployment_id && !platform.deployments.some((d) => d.deploymentId === request.lti_deployment_id))
    return { ok: false, message: "This deployment of the learning platform is not registered with Charted." };
  const state = random();
  const nonce = random();
  await createLaunchState({
    state,
    nonce,
    platformId: platform.id,
    targetLink: request.target_link_uri,
    expiresAt: new Date(now.getTime() + LAUNCH_STATE_MINUTES * 60_000),
  });
  const url = new URL(platform.authLoginUrl);
  const query: Record<string, string> = {
    scope: "openid",
    response_type: "id_token",
    response_mode: "form_post",
    prompt: "none",
    client_id: platform.clientId,
    redirect_uri: absoluteUrl("/lti/launch"),
    login_hint: request.login_hint,
    state,
    nonce,
  };
  if (request.lti_message_hint) query.lti_message_hint = request.lti_message_hint;
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return { ok: true, redirectTo: url.toString(), state };
}
