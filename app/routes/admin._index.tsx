import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireRole } from "~/utils/auth.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return redirect("/admin/users");
}
