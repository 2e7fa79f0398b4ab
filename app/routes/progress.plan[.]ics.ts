import type { LoaderFunctionArgs } from "@remix-run/node";
import { progressDashboard } from "~/progress/dashboard.server.ts";
import { planToIcs } from "~/progress/ics.server.ts";
import { requireUser } from "~/utils/auth.server.ts";

// The study plan as a calendar file. Each import replaces the previous one's sessions.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const d = await progressDashboard(user.id);
  const body = planToIcs({
    userId: user.id,
    sessions: d.plan.sessions,
    startTime: d.prefs.startTime,
    timeZone: d.timeZone,
    baseUrl: new URL(request.url).origin,
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'attachment; filename="charted-study-plan.ics"',
      "Cache-Control": "private, no-store",
    },
  });
}
