// Settings from `.env`: importing this module first (before anything reads process.env) loads
// the file in the working directory, which npm scripts and server.js always run from (the
// project root). A variable already set in the environment wins, even when it is empty:
// process.loadEnvFile never overwrites an existing key. SKIP_ENV_FILE=1 loads nothing: the test
// runners set it, so a developer's .env cannot point the tests at a real database or mail server.
import { existsSync } from "node:fs";
import path from "node:path";

/** Loads `<dir>/.env` when it exists and SKIP_ENV_FILE is not set; returns the file loaded, or null. */
export function loadEnvFile(dir = process.cwd()) {
  // Before Node 20.12 there is no loader; quickstart then stops with its "needs Node 20.19" message.
  if (process.env.SKIP_ENV_FILE === "1" || typeof process.loadEnvFile !== "function") return null;
  const file = path.join(dir, ".env");
  if (!existsSync(file)) return null;
  process.loadEnvFile(file);
  return file;
}

loadEnvFile();
