// The seed script on a fresh SQLite database: content only by default; the two demo accounts
// (whose password is published) only with the explicit --demo flag or SEED_DEMO=1.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrateSqlite } from "./lib/migrate.ts";

function freshDatabase() {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "charted-seed-")), "seed.db");
  migrateSqlite(file);
  return file;
}

function seed(file: string, args: string[] = [], env: Record<string, string> = {}) {
  // Not production (that would need DEMO_PASSWORD to print), and no DEMO_PASSWORD from the caller's shell.
  const { DEMO_PASSWORD: _unused, SEED_DEMO: _unused2, ...base } = process.env;
  return execFileSync("npx", ["tsx", "scripts/seed.ts", ...args], {
    env: { ...base, NODE_ENV: "development", DATABASE_URL: `file:${file}`, ...env },
    encoding: "utf8",
  });
}

function count(file: string, sql: string) {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe("db:seed", () => {
  it(
    "loads content and no account at all without --demo; --demo adds the two demo logins",
    { timeout: 120_000 },
    () => {
      const file = freshDatabase();
      const plain = seed(file);
      expect(count(file, "SELECT count(*) AS n FROM Question")).toBeGreaterThan(100);
      expect(count(file, "SELECT count(*) AS n FROM ContentCard")).toBeGreaterThan(100);
      expect(count(file, "SELECT count(*) AS n FROM User")).toBe(0);
      expect(plain).not.toContain("charted-demo-2026");

      const demo = seed(file, ["--demo"]);
      expect(
        count(
          file,
          "SELECT count(*) AS n FROM User WHERE email IN ('student@charted.test', 'instructor@charted.test', 'editor@charted.test')",
        ),
      ).toBe(3);
      expect(demo).toContain("student@charted.test / charted-demo-2026");
    },
  );

  it("SEED_DEMO=1 is the same opt-in as --demo", { timeout: 120_000 }, () => {
    const file = freshDatabase();
    seed(file, [], { SEED_DEMO: "1" });
    expect(count(file, "SELECT count(*) AS n FROM User")).toBe(3);
  });
});
