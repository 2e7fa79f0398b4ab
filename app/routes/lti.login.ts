// LTI 1.3 OIDC login initiation: the LMS sends the browser here (GET or POST) to start a launch.
// A resource route: the POST comes from the LMS's site (see ~/lti/launch-page.server.ts).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { launchRefused } from "~/lti/launch-page.server.ts";
import { startLogin } from "~/lti/login.server.ts";
import { stateCookie } from "~/lti/state-cookie.server.ts";

const loginParams = z.object({
  iss: z.string().url().max(500),
  login_hint: z.string().min(1).max(2000),
  target_link_uri: z.string().url().max(2000),
  lti_message_hint: z.string().max(4000).optional(),
  client_id: z.string().max(200).optional(),
  lti_deployment_id: z.string().max(255).optional(),
});

async function initiate(request: Request, params: Record<string, unknown>) {
  const parsed = loginParams.safeParse(params);
  if (!parsed.success)
    return launchRefused("This LTI login request is incomplete: open Charted from your course again.", 400);
  const started = await startLogin(parsed.data);
  if (!started.ok) return launchRefused(started.message, 400);
  return redirect(started.redirectTo, {
    status: 303,
    headers: { "Set-Cookie": stateCookie(started.state, request.url), "Cache-Control": "no-store" },
  });
}

export function loader({ request }: LoaderFunctionArgs) {
  return initiate(request, Object.fromEntries(new URL(request.url).searchParams));
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  return initiate(request, Object.fromEntries([...form].filter(([, v]) => typeof v === "string")));
}
