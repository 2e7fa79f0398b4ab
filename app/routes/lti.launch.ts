// LTI 1.3 launch: the LMS posts the signed id_token here (cross-site, so this path is exempt from
// the origin checks and is a resource route: the signature, the state and the nonce authenticate
// it). A good launch signs the person in and sends them on with a 303: the session cookie is set
// on that response and the GET that follows is a top-level navigation, which SameSite=Lax allows.
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { launchRefused } from "~/lti/launch-page.server.ts";
import { admitLaunch } from "~/lti/launch.server.ts";
import { clearStateCookie, readStateCookie } from "~/lti/state-cookie.server.ts";
import { verifyLaunch } from "~/lti/verify.server.ts";
import { sessionDevice, startSession } from "~/utils/auth.server.ts";

const launchForm = z.object({ id_token: z.string().min(1).max(20_000), state: z.string().min(1).max(200) });

export function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const parsed = launchForm.safeParse({ id_token: form.get("id_token"), state: form.get("state") });
  const headers = { "Set-Cookie": clearStateCookie(request.url) };
  if (!parsed.success)
    return launchRefused("This launch is incomplete: open Charted from your course again.", 400, headers);
  const verified = await verifyLaunch({
    idToken: parsed.data.id_token,
    state: parsed.data.state,
    cookieState: readStateCookie(request),
  });
  if (!verified.ok) return launchRefused(verified.message, 401, headers);
  const admitted = await admitLaunch(verified);
  if (!admitted.ok) return launchRefused(admitted.message, 403, headers);
  const out = new Headers(headers);
  out.append("Set-Cookie", await startSession(admitted.userId, sessionDevice(request, context.clientIp)));
  out.set("Cache-Control", "no-store");
  return redirect(admitted.redirectTo, { status: 303, headers: out });
}
