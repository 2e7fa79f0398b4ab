import { orNotFound } from "~/utils/http.server.ts";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { gradebookCsv } from "~/assignments/results.server.ts";
import { idParam } from "~/assignments/forms.ts";
import { requireRole } from "~/utils/auth.server.ts";

// The results table as a spreadsheet download (instructor of the class, or an admin).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "instructor");
  const classId = idParam.safeParse(params.id);
  const assignmentId = idParam.safeParse(params.aid);
  if (!classId.success || !assignmentId.success)
    throw new Response("We could not find that assignment.", { status: 404 });
  const { filename, csv } = orNotFound(await gradebookCsv(user, classId.data, assignmentId.data));
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
