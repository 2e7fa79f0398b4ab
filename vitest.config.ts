import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

// Tests never read a developer's .env (scripts/lib/env.mjs): every test picks its own database,
// and the servers and scripts the tests start inherit this.
process.env.SKIP_ENV_FILE = "1";

// Two projects: everything on a fresh SQLite file per test file, and the server tests
// (*.server.test.ts) again on PostgreSQL when TEST_DATABASE_URL is set.
const pgUrl = process.env.TEST_DATABASE_URL;
if (!pgUrl) {
  console.warn(
    "\n[charted] PostgreSQL server tests SKIPPED (including the two-process scale-out test): TEST_DATABASE_URL is not set.\n" +
      "          Run them with TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test npm run test:unit\n",
  );
}

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    projects: [
      {
        plugins: [tsconfigPaths()],
        test: {
          name: "sqlite",
          environment: "node",
          include: ["app/**/*.test.{ts,tsx}", "scripts/**/*.test.ts", "tests/unit/**/*.test.ts"],
          // Two processes sharing one database is a PostgreSQL deployment: that test runs there only.
          exclude: ["tests/unit/scale-out.server.test.ts"],
          setupFiles: ["tests/setup/sqlite.ts"],
          testTimeout: 20_000,
        },
      },
      ...(pgUrl
        ? [
            {
              plugins: [tsconfigPaths()],
              test: {
                name: "postgres",
                environment: "node",
                include: ["app/**/*.server.test.ts", "tests/unit/**/*.server.test.ts"],
                setupFiles: ["tests/setup/postgres.ts"],
                testTimeout: 30_000,
              },
            },
          ]
        : []),
    ],
  },
});
