import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { examScreen } from "~/exam/attempts.server.ts";
import { attemptIdParam } from "~/exam/forms.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { routeParams } from "~/utils/http.server.ts";

// Resume: the first unanswered question, or the results once submitted.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { id } = routeParams(params, { id: attemptIdParam }, "We could not find that attempt.");
  const screen = await examScreen(user.id, id, 1);
  if (screen.state === "not-found") throw new Response(screen.message, { status: 404 });
  if (screen.state !== "open") return redirect(`/attempts/${id}/results`);
  const next = screen.navigator.find((n) => !n.answered)?.number ?? 1;
  return redirect(`/attempts/${id}/q/${next}`);
}
