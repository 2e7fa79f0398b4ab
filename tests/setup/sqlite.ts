// Every test file gets its own SQLite database, migrated from prisma/migrations, before any
// app module (and so the Prisma client) is imported.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { migrateSqlite } from "../../scripts/lib/migrate.ts";

const dir = mkdtempSync(path.join(os.tmpdir(), "charted-test-"));
const file = path.join(dir, "test.db");
migrateSqlite(file);
process.env.DATABASE_URL = `file:${file}`;

afterAll(() => rmSync(dir, { recursive: true, force: true }));
