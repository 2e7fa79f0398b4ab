import { orNotFound, routeParams } from "~/utils/http.server.ts";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { gradebookCsv } from "~/assignments/results.server.ts";
import { idParam } from "~/assignments/forms.ts";
import { requireRole } from "~/utils/auth.server.ts";

// The results table as a spreadsheet download (instructor of the class, or an admin).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "instructor");
  const ids = routeParams(params, { id: idParam, aid: idParam }, "We could not find that assignment.");
  const { filename, csv } = orNotFound(await gradebookCsv(user, ids.id, ids.aid));
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
