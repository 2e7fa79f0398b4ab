import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { startExport } from "~/account/export.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { orNotFound } from "~/utils/http.server.ts";

// "Download my data": the signed-in account's own data as a zip (no id in the URL: there is no
// way to ask for anyone else's). Streamed as it is made; never cached.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const result = await startExport(user);
  if (!result.ok && result.reason === "rate-limited")
    return redirect(`/account/data?${new URLSearchParams({ export: "wait", minutes: String(result.minutes) })}`);
  const { filename, chunks } = orNotFound(result);
  const iterator = chunks[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    // Pulled: the next page is read only when the client has taken the last one.
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
