// Writes prisma/schema.pg.prisma from prisma/schema.prisma: Prisma cannot take the provider
// from env() and refuses two datasources, so the PostgreSQL schema is derived, never edited.
import { readFileSync, writeFileSync } from "node:fs";

export function toPostgresSchema(sqliteSchema: string): string {
  const out = sqliteSchema
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace('output       = "../app/generated/prisma-sqlite"', 'output       = "../app/generated/prisma-pg"');
  if (out === sqliteSchema || !out.includes("prisma-pg")) {
    throw new Error("schema.prisma no longer has the expected sqlite provider/output lines");
  }
  return `// GENERATED from schema.prisma by scripts/gen-pg-schema.ts: do not edit.\n${out}`;
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const pg = toPostgresSchema(readFileSync("prisma/schema.prisma", "utf8"));
  const previous = (() => {
    try {
      return readFileSync("prisma/schema.pg.prisma", "utf8");
    } catch {
      return "";
    }
  })();
  if (process.argv.includes("--check")) {
    if (previous !== pg) {
      console.error("prisma/schema.pg.prisma is out of date: run npm run db:generate");
      process.exit(1);
    }
  } else if (previous !== pg) {
    writeFileSync("prisma/schema.pg.prisma", pg);
    console.log("wrote prisma/schema.pg.prisma");
  }
}
