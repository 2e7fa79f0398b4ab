import type { LoaderFunctionArgs } from "@remix-run/node";
import { offlinePack } from "~/review/sync.server.ts";
import { requireUser } from "~/utils/auth.server.ts";

// GET /review/offline-pack: the signed-in learner's cards for reviewing offline today and
// tomorrow (faces, memory states, scheduler settings). Theirs alone: never stored by a cache.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return Response.json(await offlinePack(user.id), { headers: { "Cache-Control": "private, no-store" } });
}
