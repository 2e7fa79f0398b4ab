// npm run content:sync: load the question bank and review cards into DATABASE_URL.
import "./lib/env.mjs";
import { db } from "../app/utils/db.server.ts";
import { syncContent } from "./lib/content-sync.ts";

const report = await syncContent();
console.log(report.summary);
await db.$disconnect();
