// Prisma CLI config for PostgreSQL: generates the PostgreSQL client and diffs migrations with
// the bundled WebAssembly engine (offline). Migrations are applied by scripts/migrate-pg.ts,
// because `migrate deploy` through adapter-pg fails in 6.19 (see docs/decisions/002).
import "./scripts/lib/env.mjs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import type { PrismaConfig } from "prisma";

process.env.DATABASE_URL ??= "postgresql://127.0.0.1:5432/charted";

export default {
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.pg.prisma"),
  migrations: { path: path.join("prisma", "migrations-pg") },
  async adapter() {
    // Discrete fields, not { connectionString }: the latter can redirect the shadow connection.
    const url = new URL(process.env.DATABASE_URL!);
    return new PrismaPg({
      host: url.hostname,
      port: Number(url.port || 5432),
      user: decodeURIComponent(url.username) || undefined,
      password: decodeURIComponent(url.password) || undefined,
      database: url.pathname.slice(1),
    });
  },
} satisfies PrismaConfig;
