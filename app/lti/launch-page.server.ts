// The page a refused LTI login or launch answers with. /lti/login and /lti/launch are resource
// routes: Remix refuses document POSTs whose Origin is another site, and the LMS's posts are
// cross-site by design (the signed id_token, state and nonce authenticate them instead).
import { escapeHtml } from "~/utils/html.ts";

export function launchRefused(message: string, status: number, headers: HeadersInit = {}): Response {
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Launch refused · Charted</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5">
<main><h1>This launch did not work</h1><p role="alert">${escapeHtml(message)}</p><p><a href="/">Go to Charted</a></p></main></body></html>`;
  const out = new Headers(headers);
  out.set("Content-Type", "text/html; charset=utf-8");
  out.set("Cache-Control", "no-store");
  return new Response(page, { status, headers: out });
}
