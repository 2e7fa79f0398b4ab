// npm run db:migration:new -- <name>: writes the SQL that takes the checked-in migrations to
// the current prisma/schema.prisma, for SQLite (prisma/migrations) and PostgreSQL
// (prisma/migrations-pg). Works offline, around Prisma 6.19's adapter limits
// (docs/decisions/002-migrations.md): apply existing migrations to a scratch SQLite file,
// `db pull --print` it for the previous datamodel, then `migrate diff` datamodel to datamodel.
import "./lib/env.mjs";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { toPostgresSchema } from "./gen-pg-schema.ts";
import { migrateSqlite } from "./lib/migrate.ts";

const name = process.argv[2]?.replace(/[^a-z0-9_]+/gi, "_").toLowerCase();
if (!name) {
  console.error("Usage: npm run db:migration:new -- <name>   (e.g. add_study_plan)");
  process.exit(1);
}
const scratch = mkdtempSync(path.join(os.tmpdir(), "charted-migration-"));
try {
  const file = path.join(scratch, "prev.db");
  migrateSqlite(file);
  const env = { ...process.env, DATABASE_URL: `file:${file}` };
  const pulled = execFileSync("npx", ["prisma", "db", "pull", "--print"], {
    env,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  // The CLI prints an adapter WARNING block before the schema; keep from the generator on.
  const datamodel = pulled.slice(pulled.search(/^(generator|datasource) /m));
  const current = readFileSync("prisma/schema.prisma", "utf8");
  const generator = /generator client \{[\s\S]*?\}/.exec(current)![0];
  const prevSqlite = path.join(scratch, "prev.prisma");
  writeFileSync(prevSqlite, datamodel.replace(/generator client \{[\s\S]*?\}/, generator));
  const prevPg = path.join(scratch, "prev.pg.prisma");
  writeFileSync(prevPg, toPostgresSchema(readFileSync(prevSqlite, "utf8")));
  execFileSync("npx", ["tsx", "scripts/gen-pg-schema.ts"], { stdio: "inherit" });

  // The bundled engine diffs two datamodels but still opens a connection through the adapter.
  const pgDiffUrl = process.env.PG_DIFF_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const diff = (config: string, from: string, to: string, out: string) => {
    const sql = execFileSync(
      "npx",
      [
        "prisma",
        "migrate",
        "diff",
        "--config",
        config,
        "--from-schema-datamodel",
        from,
        "--to-schema-datamodel",
        to,
        "--script",
      ],
      {
        env: { ...process.env, DATABASE_URL: config.includes("pg") ? pgDiffUrl : `file:${file}` },
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    if (/^-- This is an empty migration\.\s*$/m.test(sql) || !sql.trim()) return false;
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, sql);
    console.log(`wrote ${out}`);
    return true;
  };
  const wrote = diff(
    "prisma.config.ts",
    prevSqlite,
    "prisma/schema.prisma",
    `prisma/migrations/${stamp}_${name}/migration.sql`,
  );
  try {
    diff(
      "prisma.pg.config.ts",
      prevPg,
      "prisma/schema.pg.prisma",
      `prisma/migrations-pg/${stamp}_${name}/migration.sql`,
    );
  } catch {
    console.error(
      `The PostgreSQL migration needs a reachable PostgreSQL server: set PG_DIFF_URL (now ${pgDiffUrl}) and run again.`,
    );
    process.exitCode = 1;
  }
  if (!wrote) console.log("The schema matches the migrations: nothing to write.");
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
