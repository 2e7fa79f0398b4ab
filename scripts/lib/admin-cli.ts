// The admin CLI's commands (scripts/admin.ts loads .env, then runs these). Every command calls
// the admin area's own feature functions (app/admin/users.server.ts) with the actor "server
// shell", so the rules and the audit log are the same whichever way an admin acts.
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { z } from "zod";
import * as admin from "../../app/admin/users.server.ts";
import { email as emailSchema, newPassword, registerSchema } from "../../app/auth/schemas.ts";
import { jobHandlers, jobRetries } from "../../app/jobs/handlers.server.ts";
import { runNextJob } from "../../app/jobs/worker.server.ts";
import { mailIsConfigured, outboxDir } from "../../app/mail/transport.server.ts";
import { latestJob } from "../../app/models/job.server.ts";
import { absoluteUrl } from "../../app/utils/app-url.server.ts";
import { db } from "../../app/utils/db.server.ts";
import { ROLES, type Role } from "../../app/utils/roles.ts";

const ACTOR = "server shell";

/** Exit codes: done; refused (a rule, an unknown account, a failed delivery); misused. */
export const EXIT = { ok: 0, refused: 1, usage: 2 } as const;

/** How long a running server gets to pick up a queued mail before the CLI delivers it itself
 * (the app's job worker polls every second). */
const SERVER_PICKUP_MS = 3_000;

const HELP = `Charted admin: manage accounts from the server's shell. Every action is written to
the audit log with the actor "server shell". Settings (DATABASE_URL, SMTP_URL, APP_URL, ...)
come from the environment and from .env in the current folder.

Usage: npm run admin -- <command> [options]

Commands:
  create-admin --email E --name N [--password-stdin]
      Create an admin account (the first admin of a fresh install). Asks for the password
      twice on a terminal; with --password-stdin it reads one line from standard input.
  promote --email E [--role admin|instructor|student]
      Give an account a role (admin unless --role says otherwise).
  reset-password --email E [--password-stdin]
      Set a new password; the account is signed out everywhere and unused reset links die.
  send-reset --email E
      Email the account a one-hour password reset link.
  unlock --email E
      Clear the failed sign-in counts for that address, and enable the account if disabled.
  list-admins
      List the admin accounts.

Options:
  -h, --help    Show this help.

Exit status: 0 done, 1 refused (unknown account, a rule such as "keep one admin", a weak
password, mail not delivered), 2 wrong usage.`;

class UsageError extends Error {}
/** Input the rules refuse (a short or common password): exit 1, like any refusal. */
class Refused extends Error {}

/** What the commands print to; tests and the entry point use the console. */
export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}
const consoleIo: Io = { out: (l) => console.log(l), err: (l) => console.error(l) };

const zodMessage = (error: z.ZodError) => error.issues.map((i) => i.message).join(" ");

function parseWith<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  if (value === undefined) throw new UsageError(`Give ${what}.`);
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UsageError(zodMessage(parsed.error));
  return parsed.data;
}

type Options = {
  email?: string;
  name?: string;
  role?: string;
  "password-stdin"?: boolean;
  help?: boolean;
};

function parse(argv: string[]) {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        email: { type: "string" },
        name: { type: "string" },
        role: { type: "string" },
        "password-stdin": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
    return { command: positionals[0], extra: positionals.slice(1), options: values as Options };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // One line: the newline that ends it is not part of the password.
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

/** Asks on the terminal without echoing what is typed. */
function askHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    process.stdout.write(prompt);
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
    rl.on("SIGINT", () => {
      rl.close();
      process.stdout.write("\n");
      reject(new UsageError("Cancelled."));
    });
    rl.question("", (answer) => {
      rl.close();
      process.stdout.write("\n");
      resolve(answer);
    });
  });
}

/** The new password: from standard input with --password-stdin, else asked twice on a terminal. */
async function readNewPassword(options: Options): Promise<string> {
  let password: string;
  if (options["password-stdin"]) {
    password = await readStdin();
  } else if (process.stdin.isTTY) {
    password = await askHidden("New password: ");
    const again = await askHidden("Type it again: ");
    if (again !== password) throw new Refused("The passwords do not match.");
  } else {
    throw new UsageError("No terminal to ask for the password on: pipe it in and add --password-stdin.");
  }
  const checked = newPassword.safeParse(password);
  if (!checked.success) throw new Refused(`That password cannot be used: ${zodMessage(checked.error)}`);
  return checked.data;
}

async function accountFor(options: Options) {
  const email = parseWith(emailSchema, options.email, "the account's address with --email");
  return { email, account: await admin.findAccountByEmail(email) };
}

type Result = { ok: true } | { ok: false; message: string };
type Command = (options: Options, io: Io) => Promise<number>;

const refusedWith = (io: Io, result: Result) => {
  if (result.ok) return EXIT.ok;
  io.err(result.message);
  return EXIT.refused;
};

const noAccount = (io: Io, email: string) => {
  io.err(`There is no account with the address ${email}.`);
  return EXIT.refused;
};

const COMMANDS: Record<string, Command> = {
  async "create-admin"(options, io) {
    const email = parseWith(emailSchema, options.email, "the new admin's address with --email");
    const name = parseWith(registerSchema.shape.name, options.name, "the new admin's name with --name");
    const password = await readNewPassword(options);
    const created = await admin.createAdmin(ACTOR, { email, name, password });
    if (!created.ok) return refusedWith(io, created);
    io.out(`Created the admin account ${email} (${name}). Log in at ${absoluteUrl("/login")}.`);
    return EXIT.ok;
  },

  async promote(options, io) {
    const role: Role = options.role === undefined ? "admin" : parseWith(z.enum(ROLES), options.role, "a role");
    const { email, account } = await accountFor(options);
    if (!account) return noAccount(io, email);
    const changed = await admin.changeRole(ACTOR, account.id, role);
    if (!changed.ok) return refusedWith(io, changed);
    io.out(`${email} is now ${/^[aeiou]/.test(role) ? "an" : "a"} ${role} (was ${account.role}).`);
    return EXIT.ok;
  },

  async "reset-password"(options, io) {
    const { email, account } = await accountFor(options);
    if (!account) return noAccount(io, email);
    const password = await readNewPassword(options);
    const set = await admin.setPassword(ACTOR, account.id, password);
    if (!set.ok) return refusedWith(io, set);
    io.out(
      `New password set for ${email}. Signed out everywhere (${set.sessionsEnded} session${set.sessionsEnded === 1 ? "" : "s"}); unused reset links revoked.`,
    );
    return EXIT.ok;
  },

  async "send-reset"(options, io) {
    const { email, account } = await accountFor(options);
    if (!account) return noAccount(io, email);
    const sent = await admin.sendResetLink(ACTOR, account.id);
    if (!sent.ok) return refusedWith(io, sent);
    io.out(`A password reset link for ${email} is queued.`);
    return deliverQueuedMail(account.id, io);
  },

  async unlock(options, io) {
    const { email, account } = await accountFor(options);
    if (!account) return noAccount(io, email);
    const unlocked = await admin.unlock(ACTOR, account.id);
    if (!unlocked.ok) return refusedWith(io, unlocked);
    io.out(
      `Failed sign-in counts cleared for ${email}.${unlocked.reEnabled ? " The account was disabled and is enabled again." : ""}`,
    );
    return EXIT.ok;
  },

  async "list-admins"(_options, io) {
    const admins = await admin.listAdmins();
    if (!admins.length) {
      io.out("There is no admin account. Create one: npm run admin -- create-admin --email E --name N");
      return EXIT.ok;
    }
    for (const a of admins) io.out(`${a.email}\t${a.name}${a.disabledAt ? "\t(disabled)" : ""}`);
    return EXIT.ok;
  },
};

/**
 * A running server's job worker sends queued mail within a second or two; when none picks it up,
 * the CLI runs the worker itself until the account's message has left, and says where it went.
 */
async function deliverQueuedMail(userId: string, io: Io): Promise<number> {
  const deadline = Date.now() + SERVER_PICKUP_MS;
  let job = await latestJob(userId, "send-mail");
  while (job?.status === "queued" && Date.now() < deadline) {
    await sleep(200);
    job = await latestJob(userId, "send-mail");
  }
  const byServer = job?.status !== "queued";
  if (!byServer) {
    io.out("No running server took it: delivering it from here.");
    const worker = `admin-cli:${process.pid}`;
    while (job?.status === "queued" && (await runNextJob(jobHandlers, worker, new Date(), jobRetries))) {
      job = await latestJob(userId, "send-mail");
    }
  }
  // A server may be sending it right now.
  while (job?.status === "running") {
    await sleep(200);
    job = await latestJob(userId, "send-mail");
  }
  const where = byServer
    ? "by the running server's job worker, with the server's mail settings"
    : mailIsConfigured()
      ? "through the SMTP server (SMTP_URL)"
      : `to the outbox folder ${outboxDir()} (no SMTP_URL is set)`;
  switch (job?.status) {
    case "done":
      io.out(`Sent ${where}.`);
      return EXIT.ok;
    case "queued":
      io.err(`The mail server did not take the message; it stays queued and the app's job worker will retry it.`);
      return EXIT.refused;
    default:
      io.err("The message could not be sent. Check the mail settings (SMTP_URL) and try again.");
      return EXIT.refused;
  }
}

/** Runs one command line; returns the exit status. */
export async function runAdminCli(argv: string[], io: Io = consoleIo): Promise<number> {
  try {
    const { command, extra, options } = parse(argv);
    if (options.help || !command || command === "help") {
      io.out(HELP);
      return command || options.help ? EXIT.ok : EXIT.usage;
    }
    const run = COMMANDS[command];
    if (!run) throw new UsageError(`Unknown command "${command}".`);
    if (extra.length) throw new UsageError(`Unexpected argument "${extra[0]}".`);
    return await run(options, io);
  } catch (error) {
    if (error instanceof Refused) {
      io.err(error.message);
      return EXIT.refused;
    }
    if (!(error instanceof UsageError)) throw error;
    io.err(`${error.message} See npm run admin -- --help.`);
    return EXIT.usage;
  } finally {
    await db.$disconnect();
  }
}
