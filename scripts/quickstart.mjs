#!/usr/bin/env node
// npm run quickstart: one command from a fresh clone to a running Charted on SQLite with demo
// data. Installs dependencies, generates the Prisma clients, migrates, loads content and demo
// accounts, builds, and starts the production server. Plain Node: it runs before npm ci.
import "./lib/env.mjs";
import { run, checkNode, ensureDependencies } from "./lib/bootstrap.mjs";

checkNode();
ensureDependencies();
run("npm", ["run", "-s", "db:migrate"]);
run("npm", ["run", "-s", "db:seed", "--", "--demo"]);
run("npm", ["run", "-s", "build"]);
console.log("\nStarting Charted. Open the address below and log in with a demo account (Ctrl-C stops it).\n");
run("npm", ["run", "-s", "start"], { env: { ...process.env, COOKIE_SECURE: process.env.COOKIE_SECURE ?? "false" } });
