// npm run content:sync: load the question bank and review cards into DATABASE_URL.
import "./lib/env.mjs";
import { settleTables } from "../app/models/table-upkeep.server.ts";
import { db } from "../app/utils/db.server.ts";
import { syncContent } from "./lib/content-sync.ts";

const report = await syncContent();
console.log(report.summary);
// PostgreSQL plans from statistics: gather them now rather than whenever autovacuum gets to it
// (ANALYZE only: a sync changes a few tables of what may be a large database).
await settleTables({ vacuum: false });
await db.$disconnect();
