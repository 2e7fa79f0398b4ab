// Prisma CLI config for the SQLite database (the embedded default). The CLI uses its bundled
// WebAssembly schema engine through the driver adapter, so it works offline.
// With a config file Prisma does not read .env itself: it is loaded here, as by every script.
import "./scripts/lib/env.mjs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { PrismaConfig } from "prisma";
import { defaultSqliteUrl } from "./app/utils/database-url.ts";

process.env.DATABASE_URL ??= defaultSqliteUrl();

export default {
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    return new PrismaBetterSQLite3({ url: process.env.DATABASE_URL! });
  },
} satisfies PrismaConfig;
