import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { exportAuthored, ownQuestionsOfAssignments } from "~/authoring/export.server.ts";
import { ownQuestionId } from "~/authoring/forms.ts";
import { IMPORT_LIMITS } from "~/authoring/formats/types.ts";
import { requireRole } from "~/utils/auth.server.ts";

const exportQuery = z.object({
  format: z.enum(["gift", "xml"]),
  scope: z.enum(["all", "selected", "assignments"]),
  id: z.array(ownQuestionId).max(IMPORT_LIMITS.questions),
  assignment: z.array(z.string().regex(/^[a-z0-9]{20,40}$/)).max(200),
});

// The instructor's own questions (all, those ticked on My questions, or those in chosen
// assignments) as a GIFT or Moodle XML download. Only questions they wrote: admins too get only
// their own, never the shared bank.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "instructor");
  const search = new URL(request.url).searchParams;
  const query = exportQuery.safeParse({
    format: search.get("format") ?? "gift",
    scope: search.get("scope") ?? "all",
    id: search.getAll("id"),
    assignment: search.getAll("assignment"),
  });
  if (!query.success) throw new Response("Choose GIFT or Moodle XML, and questions of yours.", { status: 400 });
  const { format, scope, id, assignment } = query.data;
  if (scope === "selected" && !id.length) return redirect("/classes/questions?export=none");
  if (scope === "assignments" && !assignment.length) return redirect("/classes/questions?export=no-assignment");
  const ids =
    scope === "selected"
      ? id
      : scope === "assignments"
        ? await ownQuestionsOfAssignments(user.id, assignment)
        : undefined;
  const file = await exportAuthored(user.id, format, ids);
  if (!file.count) return redirect("/classes/questions?export=empty");
  return new Response(file.body, {
    headers: {
      "Content-Type": `${file.type}; charset=utf-8`,
      "Content-Disposition": `attachment; filename="charted-questions.${file.extension}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
