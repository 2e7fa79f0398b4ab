import { databaseKind } from "~/utils/database-url.ts";
import { db } from "~/utils/db.server.ts";

// For load balancers and uptime checks: 200 only when the database answers.
export async function loader() {
  const headers = { "Cache-Control": "no-store" };
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return Response.json({ status: "ok", database: databaseKind() }, { headers });
  } catch (error) {
    console.error("healthz: database check failed", error);
    return Response.json({ status: "error", database: databaseKind() }, { status: 503, headers });
  }
}
