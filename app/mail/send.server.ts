// Sending mail never holds up a request: a message is queued as a job (table Job, kind
// send-mail) and a worker in any app process delivers it, retrying with growing waits while the
// mail server is down. The user's action is already saved when the message is queued.
import { enqueueJob, type ClaimedJob } from "~/models/job.server.ts";
import { composeMail, mailMessageSchema, type MailContent } from "./compose.ts";
import { deliver } from "./transport.server.ts";

/** Tries in all, about an hour and a half from first to last (1, 2, 4 … 32 minutes apart). */
export const MAIL_RETRY = { maxTries: 7, delayMs: (tries: number) => 60_000 * 2 ** (tries - 1) };

export async function queueMail(content: MailContent, userId?: string | null): Promise<void> {
  const message = composeMail(content);
  const queued = await enqueueJob({ kind: "send-mail", userId: userId ?? null, payload: message });
  if (!queued.ok) throw new Error("A mail job could not be queued.");
}

/** The send-mail job handler. */
export async function sendQueuedMail(job: ClaimedJob) {
  const message = mailMessageSchema.parse(JSON.parse(job.payload ?? "null"));
  const sent = await deliver(message);
  return { to: message.to, subject: message.subject, messageId: sent.messageId };
}
