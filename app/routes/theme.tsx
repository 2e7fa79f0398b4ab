import type { ActionFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { safeRedirect } from "~/utils/safe-redirect.ts";
import { serializeTheme, themeSchema } from "~/utils/theme.server.ts";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const theme = themeSchema.safeParse(formData.get("theme"));
  if (!theme.success) return data({ error: "Choose system, light or dark." }, { status: 400 });
  const headers = { "Set-Cookie": await serializeTheme(theme.data) };
  // A fetcher (JS) wants data back; a plain form post goes back to the page it came from.
  if (request.headers.get("Sec-Fetch-Mode") === "navigate") {
    return redirect(safeRedirect(formData.get("redirectTo")), { headers });
  }
  return data({ ok: true }, { headers });
}
