// After a bulk load the planner has statistics for the tables it plans and, with VACUUM, the
// loaded pages are all-visible (PostgreSQL); SQLite is deliberately left as it is (see
// table-upkeep.server.ts).
import { describe, expect, it } from "vitest";
import { makeUser } from "../../tests/factories/users.ts";
import { settleTables } from "./table-upkeep.server.ts";
import { db } from "~/utils/db.server.ts";
import { databaseKind } from "~/utils/database-url.ts";

const postgres = databaseKind() === "postgres";
const count = async (query: string) => Number((await db.$queryRawUnsafe<{ n: unknown }[]>(query))[0].n);
// pg_stats holds a row per analyzed column of a table that has rows; relallvisible counts the
// pages VACUUM marked all-visible (ANALYZE alone only reports what is already marked).
const emailStats = `SELECT COUNT(*) AS n FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'User' AND attname = 'email'`;
const visiblePages = `SELECT "relallvisible" AS n FROM pg_class WHERE oid = '"User"'::regclass`;

describe("settleTables", () => {
  it.runIf(postgres)("ANALYZE gathers statistics for every table of the schema in use", async () => {
    await makeUser();
    expect(await count(emailStats)).toBe(0);
    expect(await settleTables({ vacuum: false })).toEqual(
      expect.arrayContaining(["User", "ReviewCard", "ReviewLog", "AttemptItem"]),
    );
    expect(await count(emailStats)).toBe(1);
    expect(await count(visiblePages)).toBe(0);
  });

  it.runIf(postgres)("VACUUM (ANALYZE) also marks the loaded pages all-visible", async () => {
    await makeUser();
    await settleTables({ vacuum: true });
    expect(await count(emailStats)).toBe(1);
    expect(await count(visiblePages)).toBeGreaterThan(0);
  });

  it.skipIf(postgres)("leaves SQLite without statistics", async () => {
    await makeUser();
    expect(await settleTables({ vacuum: true })).toEqual([]);
    expect(await count(`SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'sqlite_stat1'`)).toBe(0);
  });
});
