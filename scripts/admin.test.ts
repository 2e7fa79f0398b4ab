// npm run admin, run as the operator would: a child process on this test file's own SQLite
// database (tests/setup/sqlite.ts made and migrated it), checked through the database and the
// audit log. Every command acts as "server shell".
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import { afterAll, describe, expect, it } from "vitest";
import { makeUser } from "../tests/factories/users.ts";
import { verifyPassword } from "../app/auth/password.server.ts";
import { keyFor, reserve } from "../app/auth/throttle.server.ts";
import { ACCOUNT_ACTIONS } from "../app/models/audit-actions.ts";
import { recordLoginFailure } from "../app/models/login-failure.server.ts";
import { startSession } from "../app/utils/auth.server.ts";
import { db } from "../app/utils/db.server.ts";

const outbox = mkdtempSync(path.join(os.tmpdir(), "charted-admin-outbox-"));
afterAll(() => rmSync(outbox, { recursive: true, force: true }));

function admin(args: string[], input = "") {
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/admin.ts", ...args], {
    input,
    encoding: "utf8",
    // This file's database; mail to a scratch outbox, whatever a developer's .env says.
    env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL, SMTP_URL: "", MAIL_OUTBOX_DIR: outbox },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const lastAudit = (targetId: string) =>
  db.auditEntry.findFirstOrThrow({ where: { targetId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });

describe("npm run admin", { timeout: 120_000 }, () => {
  it("create-admin takes the password from stdin and refuses short, common or duplicate ones", async () => {
    const email = "first.admin@example.test";
    const short = admin(["create-admin", "--email", email, "--name", "Fay First", "--password-stdin"], "short\n");
    expect(short.status).toBe(1);
    expect(short.stderr).toContain("Use at least 10 characters.");
    const common = admin(
      ["create-admin", "--email", email, "--name", "Fay First", "--password-stdin"],
      "password1234\n",
    );
    expect(common.status).toBe(1);
    expect(common.stderr).toContain("too common");
    expect(await db.user.count({ where: { email } })).toBe(0);

    const created = admin(
      ["create-admin", "--email", "First.Admin@Example.test", "--name", "Fay First", "--password-stdin"],
      "a long shell phrase\n",
    );
    expect(created.stderr).toBe("");
    expect(created.status).toBe(0);
    expect(created.stdout).toContain("Created the admin account first.admin@example.test");
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(user).toMatchObject({ role: "admin", name: "Fay First" });
    // The newline that ended the line is not part of the password.
    expect(await verifyPassword(user.passwordHash, "a long shell phrase")).toBe(true);
    expect(await lastAudit(user.id)).toMatchObject({
      actorId: null,
      actorLabel: "server shell",
      action: ACCOUNT_ACTIONS.created,
      targetLabel: email,
    });

    const again = admin(
      ["create-admin", "--email", email, "--name", "Again", "--password-stdin"],
      "another long phrase\n",
    );
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("already exists");

    const listed = admin(["list-admins"]);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toContain(`${email}\tFay First`);
  });

  it("promote gives a role (admin by default) and keeps the last admin", async () => {
    const student = await makeUser();
    const promoted = admin(["promote", "--email", student.email, "--role", "instructor"]);
    expect(promoted.status).toBe(0);
    expect(promoted.stdout).toContain("is now an instructor (was student)");
    expect((await db.user.findUniqueOrThrow({ where: { id: student.id } })).role).toBe("instructor");
    const entry = await lastAudit(student.id);
    expect(entry).toMatchObject({ actorLabel: "server shell", action: ACCOUNT_ACTIONS.roleChanged });
    expect(JSON.parse(entry.detail ?? "{}")).toEqual({ from: "student", to: "instructor" });

    expect(admin(["promote", "--email", student.email]).status).toBe(0);
    expect((await db.user.findUniqueOrThrow({ where: { id: student.id } })).role).toBe("admin");

    // The only enabled admin stays one.
    await db.user.updateMany({ where: { role: "admin", id: { not: student.id } }, data: { role: "student" } });
    const refused = admin(["promote", "--email", student.email, "--role", "student"]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("only enabled admin");
    expect((await db.user.findUniqueOrThrow({ where: { id: student.id } })).role).toBe("admin");

    expect(admin(["promote", "--email", "nobody@example.test"]).status).toBe(1);
    expect(admin(["promote", "--email", student.email, "--role", "owner"]).status).toBe(2);
  });

  it("unlock clears failed sign-ins and enables a disabled account", async () => {
    const user = await makeUser();
    const now = new Date();
    for (let i = 0; i < 4; i++) {
      await reserve([{ throttle: "loginPerEmail", subject: user.email }], now);
      await recordLoginFailure(user.email, "10.80.0.1", now);
    }
    await db.user.update({ where: { id: user.id }, data: { disabledAt: now } });
    const unlocked = admin(["unlock", "--email", user.email]);
    expect(unlocked.status).toBe(0);
    expect(unlocked.stdout).toContain("enabled again");
    expect(await db.authThrottle.count({ where: { key: keyFor("loginPerEmail", user.email) } })).toBe(0);
    expect(await db.loginFailure.count({ where: { email: user.email } })).toBe(0);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).disabledAt).toBeNull();
    const entry = await lastAudit(user.id);
    expect(entry).toMatchObject({ actorLabel: "server shell", action: ACCOUNT_ACTIONS.unlocked });
    expect(JSON.parse(entry.detail ?? "{}")).toEqual({ reEnabled: true });
  });

  it("reset-password sets the password from stdin and signs the account out everywhere", async () => {
    const user = await makeUser();
    await startSession(user.id);
    await startSession(user.id);
    const reset = admin(["reset-password", "--email", user.email, "--password-stdin"], "a phrase from the shell\n");
    expect(reset.status).toBe(0);
    expect(reset.stdout).toContain("Signed out everywhere (2 sessions)");
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(row.passwordHash, "a phrase from the shell")).toBe(true);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await lastAudit(user.id)).toMatchObject({ actorLabel: "server shell", action: ACCOUNT_ACTIONS.passwordSet });

    // Without a terminal and without --password-stdin there is nobody to ask.
    const noTty = admin(["reset-password", "--email", user.email]);
    expect(noTty.status).toBe(2);
    expect(noTty.stderr).toContain("--password-stdin");
  });

  it("send-reset delivers the link itself when no server is running, and says where", async () => {
    const user = await makeUser();
    const sent = admin(["send-reset", "--email", user.email]);
    expect(sent.status).toBe(0);
    expect(sent.stdout).toContain(`Sent to the outbox folder ${outbox}`);
    const file = readdirSync(outbox).find((f) => f.includes(user.email.replace(/[^a-z0-9]+/g, "-").slice(0, 20)));
    expect(file).toBeDefined();
    const mail = await simpleParser(readFileSync(path.join(outbox, file!)));
    expect(mail.text).toMatch(/\/reset-password\?token=[A-Za-z0-9_-]{43}/);
    expect(await db.job.findFirstOrThrow({ where: { userId: user.id, kind: "send-mail" } })).toMatchObject({
      status: "done",
    });
    expect(await lastAudit(user.id)).toMatchObject({ actorLabel: "server shell", action: ACCOUNT_ACTIONS.resetSent });
  });

  it("explains its usage", () => {
    const help = admin(["--help"]);
    expect(help.status).toBe(0);
    for (const command of ["create-admin", "promote", "reset-password", "send-reset", "unlock", "list-admins"]) {
      expect(help.stdout).toContain(command);
    }
    const unknown = admin(["frobnicate"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
  });
});
