import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { exportAuthored } from "~/authoring/export.server.ts";
import { ownQuestionId } from "~/authoring/forms.ts";
import { IMPORT_LIMITS } from "~/authoring/formats/types.ts";
import { requireRole } from "~/utils/auth.server.ts";

const exportQuery = z.object({
  format: z.enum(["gift", "xml"]),
  scope: z.enum(["all", "selected"]),
  id: z.array(ownQuestionId).max(IMPORT_LIMITS.questions),
});

// The instructor's own questions (all, or those ticked on My questions) as a GIFT or Moodle XML
// download. Only questions they wrote: admins too get only their own, never the shared bank.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "instructor");
  const search = new URL(request.url).searchParams;
  const query = exportQuery.safeParse({
    format: search.get("format") ?? "gift",
    scope: search.get("scope") ?? "all",
    id: search.getAll("id"),
  });
  if (!query.success) throw new Response("Choose GIFT or Moodle XML, and questions of yours.", { status: 400 });
  const { format, scope, id } = query.data;
  if (scope === "selected" && !id.length) return redirect("/classes/questions?export=none");
  const file = await exportAuthored(user.id, format, scope === "selected" ? id : undefined);
  if (!file.count) return redirect("/classes/questions?export=empty");
  return new Response(file.body, {
    headers: {
      "Content-Type": `${file.type}; charset=utf-8`,
      "Content-Disposition": `attachment; filename="charted-questions.${file.extension}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
