import { data } from "@remix-run/node";
import { databaseKind } from "~/utils/database-url.ts";
import { db } from "~/utils/db.server.ts";

// For load balancers and uptime checks: 200 only when the database answers.
export async function loader() {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return data({ status: "ok", database: databaseKind() }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    console.error("healthz: database check failed", error);
    return data({ status: "error", database: databaseKind() }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
