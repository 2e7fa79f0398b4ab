// npm run admin -- <command>: account administration from the server's shell (the first admin
// of a fresh install, a locked-out admin, a forgotten password). `npm run admin -- --help`.
// Settings from .env (never over what the shell already set), before anything opens the database.
import "./lib/env.mjs";

const { runAdminCli } = await import("./lib/admin-cli.ts");
process.exitCode = await runAdminCli(process.argv.slice(2));
