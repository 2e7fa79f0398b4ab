import type { ActionFunctionArgs } from "@remix-run/node";
import { syncRequest } from "~/review/forms.ts";
import { syncRatings } from "~/review/sync.server.ts";
import type { Grade } from "~/review/scheduler.ts";
import { requireUser } from "~/utils/auth.server.ts";

// POST /review/sync: the ratings a learner made offline, as JSON. Each comes back with its own
// result (saved, merged, duplicate or refused with a message); a malformed request changes nothing.
const headers = { "Cache-Control": "no-store" };

export async function loader() {
  return Response.json({ error: "Send ratings with POST." }, { status: 405, headers: { ...headers, Allow: "POST" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if (request.method !== "POST")
    return Response.json({ error: "Send ratings with POST." }, { status: 405, headers: { ...headers, Allow: "POST" } });
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return Response.json({ error: "Send the ratings as JSON." }, { status: 400, headers });
  }
  const parsed = syncRequest.safeParse(body);
  if (!parsed.success) return Response.json({ error: parsed.error.issues[0].message }, { status: 400, headers });
  const results = await syncRatings(
    user.id,
    parsed.data.ratings.map((r) => ({ ...r, grade: r.grade as Grade, reviewedAt: new Date(r.reviewedAt) })),
  );
  return Response.json({ results }, { headers });
}
