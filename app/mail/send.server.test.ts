// Mail through the job queue to a real SMTP server, and to the outbox folder when none is
// configured; a server that refuses is retried later without losing the message.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTestSmtp, type TestSmtp } from "../../tests/support/smtp.ts";
import { jobHandlers, jobRetries } from "~/jobs/handlers.server.ts";
import { runNextJob } from "~/jobs/worker.server.ts";
import { db } from "~/utils/db.server.ts";
import { queueMail } from "./send.server.ts";

const content = (to: string) => ({
  to,
  subject: "Reset your Charted password",
  greeting: "Hello Ana,",
  paragraphs: ["Someone asked to reset the password of your account."],
  action: { label: "Choose a new password", url: "http://localhost:3000/reset-password?token=abc" },
  after: ["The link works for one hour."],
  reason: "someone asked to reset the password of this account",
});

async function drainMail(now = new Date()) {
  const outcomes = [];
  for (let outcome; (outcome = await runNextJob(jobHandlers, "mail-test", now, jobRetries));) outcomes.push(outcome);
  return outcomes;
}

describe("mail", () => {
  let smtp: TestSmtp;
  const saved = { SMTP_URL: process.env.SMTP_URL, MAIL_OUTBOX_DIR: process.env.MAIL_OUTBOX_DIR };
  beforeAll(async () => {
    smtp = await startTestSmtp();
  });
  afterAll(async () => {
    await smtp.close();
  });
  afterEach(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it("delivers a queued message with a text and an HTML part, the link and the footer in both", async () => {
    process.env.SMTP_URL = smtp.url;
    await queueMail(content("ana@example.test"));
    expect(await drainMail()).toMatchObject([{ kind: "send-mail", status: "done" }]);
    const mail = await smtp.waitFor("ana@example.test");
    expect(mail.subject).toBe("Reset your Charted password");
    for (const part of [mail.text ?? "", mail.html || ""]) {
      expect(part).toContain("http://localhost:3000/reset-password?token=abc");
      expect(part).toContain("because someone asked to reset the password of this account");
    }
    // The job no longer holds the message (its link) once it is sent.
    const job = await db.job.findFirstOrThrow({ where: { kind: "send-mail" }, orderBy: { createdAt: "desc" } });
    expect(job.payload).toBeNull();
  });

  it("keeps a message the server refuses and sends it on a later try", async () => {
    process.env.SMTP_URL = smtp.url;
    smtp.refuse(true);
    await queueMail(content("ben@example.test"));
    const [first] = await drainMail();
    expect(first).toMatchObject({ status: "queued" });
    smtp.refuse(false);
    // Not retried before its wait is over; then delivered.
    expect(await drainMail()).toEqual([]);
    const later = new Date(Date.now() + 2 * 60_000);
    expect(await drainMail(later)).toMatchObject([{ status: "done" }]);
    expect((await smtp.waitFor("ben@example.test")).subject).toBe("Reset your Charted password");
  });

  it("writes an .eml file to the outbox when no SMTP server is configured", async () => {
    delete process.env.SMTP_URL;
    const dir = mkdtempSync(join(tmpdir(), "charted-outbox-"));
    process.env.MAIL_OUTBOX_DIR = dir;
    try {
      await queueMail(content("cy@example.test"));
      expect(await drainMail()).toMatchObject([{ status: "done" }]);
      const files = readdirSync(dir);
      expect(files).toHaveLength(1);
      const eml = readFileSync(join(dir, files[0]!), "utf8");
      expect(eml).toMatch(/^To: cy@example.test$/m);
      expect(eml).toContain("multipart/alternative");
      expect(eml).toContain("reset-password?token=3Dabc"); // quoted-printable in the parts
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
