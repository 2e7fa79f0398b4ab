// Every email Charted sends, built one way: a plain-text part and an HTML part from the same
// paragraphs, an optional button link (also written out in full in both parts), and a footer
// that says why the message was sent. No template engine: the messages are short and fixed.
import { z } from "zod";
import { escapeHtml } from "~/utils/html.ts";

export const mailMessageSchema = z.object({
  to: z.string().email(),
  subject: z.string().min(1),
  text: z.string().min(1),
  html: z.string().min(1),
});
export type MailMessage = z.infer<typeof mailMessageSchema>;

export interface MailContent {
  to: string;
  subject: string;
  /** Greeting line, e.g. "Hello Ana,". */
  greeting?: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Lines after the action (how long the link lasts, what to do if it was not you). */
  after?: string[];
  /** Why this message was sent, e.g. "someone asked to reset the password of this account". */
  reason: string;
}

export const SITE_NAME = "Charted";

export function composeMail(content: MailContent): MailMessage {
  const footer = `You received this email from ${SITE_NAME} because ${content.reason}.`;
  const textParts = [
    ...(content.greeting ? [content.greeting] : []),
    ...content.paragraphs,
    ...(content.action ? [`${content.action.label}:\n${content.action.url}`] : []),
    ...(content.after ?? []),
    `--\n${footer}`,
  ];
  const paragraph = (text: string) => `<p style="margin:0 0 16px">${escapeHtml(text)}</p>`;
  const action = content.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(content.action.url)}" style="background:#1d4ed8;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(content.action.label)}</a></p>` +
      `<p style="margin:0 0 16px;font-size:14px;color:#4b5563">If the button does not work, copy this address into your browser:<br><a href="${escapeHtml(content.action.url)}">${escapeHtml(content.action.url)}</a></p>`
    : "";
  const html = [
    "<!doctype html>",
    `<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>`,
    '<body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;font-size:16px;line-height:1.5;color:#111827;max-width:560px;margin:0 auto;padding:24px">',
    ...(content.greeting ? [paragraph(content.greeting)] : []),
    ...content.paragraphs.map(paragraph),
    action,
    ...(content.after ?? []).map(paragraph),
    `<hr style="border:none;border-top:1px solid #e5e7eb;margin:24px 0"><p style="font-size:13px;color:#4b5563">${escapeHtml(footer)}</p>`,
    "</body></html>",
  ].join("\n");
  return mailMessageSchema.parse({ to: content.to, subject: content.subject, text: textParts.join("\n\n"), html });
}
