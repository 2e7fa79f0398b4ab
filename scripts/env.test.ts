// Every script reads .env from the directory it runs in (scripts/lib/env.mjs); a variable set in
// the environment wins over the file; SKIP_ENV_FILE=1 (set for all tests) ignores the file.
// Checked through `db:migrate`, which creates the SQLite database DATABASE_URL names.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const tsx = path.resolve("node_modules/.bin/tsx");
const migrateScript = path.resolve("scripts/db-migrate.ts");

/** A directory shaped like a checkout (the migrations; a .env naming its own database), as npm's cwd. */
function project() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "charted-env-"));
  symlinkSync(path.resolve("prisma"), path.join(dir, "prisma"));
  writeFileSync(path.join(dir, ".env"), "# settings for this checkout\nDATABASE_URL=file:./from-dotenv.db\n");
  return dir;
}

function migrate(cwd: string, env: Record<string, string>) {
  // The caller's own DATABASE_URL and the tests' SKIP_ENV_FILE=1 must not leak into the script.
  const { DATABASE_URL: _url, SKIP_ENV_FILE: _skip, ...base } = process.env;
  return execFileSync(tsx, [migrateScript], { cwd, env: { ...base, ...env }, encoding: "utf8" });
}

describe("settings from .env", () => {
  it("db:migrate uses the DATABASE_URL in .env", { timeout: 60_000 }, () => {
    const dir = project();
    const out = migrate(dir, {});
    expect(out).toContain(`SQLite ${path.join(dir, "from-dotenv.db")}: applied`);
    expect(existsSync(path.join(dir, "from-dotenv.db"))).toBe(true);
  });

  it("a variable set in the environment wins over .env", { timeout: 60_000 }, () => {
    const dir = project();
    const explicit = path.join(dir, "explicit.db");
    const out = migrate(dir, { DATABASE_URL: `file:${explicit}` });
    expect(out).toContain(`SQLite ${explicit}: applied`);
    expect(existsSync(path.join(dir, "from-dotenv.db"))).toBe(false);
  });

  it("SKIP_ENV_FILE=1 ignores .env (the default database is used)", { timeout: 60_000 }, () => {
    const dir = project();
    const out = migrate(dir, { SKIP_ENV_FILE: "1" });
    expect(out).toContain(`SQLite ${path.join(dir, "data", "charted.db")}: applied`);
    expect(existsSync(path.join(dir, "from-dotenv.db"))).toBe(false);
  });
});
