// Where mail goes. SMTP_URL set: nodemailer's SMTP transport (smtp:// or smtps://, with
// credentials in the URL). Unset (the embedded default): each message is written to the outbox
// folder (MAIL_OUTBOX_DIR, default data/outbox) as an .eml file, and its links are printed in
// the server log, so a quickstart needs no mail server.
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import type { MailMessage } from "./compose.ts";

export const DEFAULT_FROM = "Charted <no-reply@charted.invalid>";

export function mailFrom(): string {
  return process.env.MAIL_FROM || DEFAULT_FROM;
}

export function outboxDir(): string {
  return resolve(process.env.MAIL_OUTBOX_DIR || "data/outbox");
}

/** True when messages really leave the machine (an SMTP server is configured). */
export function mailIsConfigured(): boolean {
  return Boolean(process.env.SMTP_URL);
}

let smtp: { url: string; transporter: Transporter } | undefined;

function smtpTransport(url: string): Transporter {
  if (smtp?.url !== url) {
    // Short timeouts: a job retries later rather than holding a worker on a dead server.
    smtp = {
      url,
      transporter: nodemailer.createTransport(url, {
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      } as never),
    };
  }
  return smtp.transporter;
}

const streamTransport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });

/** Sends one message; throws when the server refuses it or cannot be reached (the job retries). */
export async function deliver(message: MailMessage): Promise<{ messageId: string; outboxFile?: string }> {
  const mail = { from: mailFrom(), ...message };
  const url = process.env.SMTP_URL;
  if (url) {
    const info = await smtpTransport(url).sendMail(mail);
    return { messageId: String(info.messageId) };
  }
  const info = await streamTransport.sendMail(mail);
  const dir = outboxDir();
  await mkdir(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const file = join(dir, `${stamp}-${slug(message.to)}-${slug(message.subject)}.eml`);
  await writeFile(file, info.message as Buffer);
  const links = [...new Set(message.text.match(/https?:\/\/\S+/g) ?? [])];
  console.log(
    `Mail to ${message.to} ("${message.subject}") written to ${file}` +
      (links.length ? `\n  ${links.join("\n  ")}` : ""),
  );
  return { messageId: String(info.messageId), outboxFile: file };
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 40);
}
