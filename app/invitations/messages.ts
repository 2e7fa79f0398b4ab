// The emails this feature sends, as content for queueMail (app/mail/compose.ts builds the text
// and HTML parts and the footer that says why each was sent).
import type { MailContent } from "~/mail/compose.ts";
import { SITE_NAME } from "~/mail/compose.ts";
import { INVITATION_TTL_DAYS } from "./rules.ts";

const greeting = (name: string | null) => (name ? `Hello ${name},` : "Hello,");
const linkLasts = `The link works once, for ${INVITATION_TTL_DAYS} days. If you already have a ${SITE_NAME} account, log in with it when you follow the link; otherwise you can create one there.`;

export function instructorInvitationMail(input: {
  to: string;
  name: string | null;
  inviter: string;
  url: string;
}): MailContent {
  return {
    to: input.to,
    subject: `You are invited to teach on ${SITE_NAME}`,
    greeting: greeting(input.name),
    paragraphs: [
      `${input.inviter}, an administrator of ${SITE_NAME}, invited you to become an instructor.`,
      "Instructors create classes, give assignments and follow their students' progress.",
    ],
    action: { label: "Accept the invitation", url: input.url },
    after: [linkLasts, "If you did not expect this invitation, ignore this email: nothing changes."],
    reason: "an administrator invited this address to become an instructor",
  };
}

export function classInvitationMail(input: {
  to: string;
  name: string | null;
  className: string;
  instructor: string;
  url: string;
}): MailContent {
  return {
    to: input.to,
    subject: `${input.instructor} invited you to ${input.className} on ${SITE_NAME}`,
    greeting: greeting(input.name),
    paragraphs: [
      `${input.instructor} invited you to join the class “${input.className}” on ${SITE_NAME}, where you will prepare for the CMAA exam and do the class's assignments.`,
    ],
    action: { label: "Join the class", url: input.url },
    after: [linkLasts, "If you do not know this instructor, ignore this email: nothing changes."],
    reason: `${input.instructor} invited this address to the class “${input.className}”`,
  };
}

export function addedToClassMail(input: {
  to: string;
  name: string;
  className: string;
  instructor: string;
  url: string;
}): MailContent {
  return {
    to: input.to,
    subject: `You were added to ${input.className} on ${SITE_NAME}`,
    greeting: greeting(input.name),
    paragraphs: [
      `${input.instructor} added you to the class “${input.className}”. Its assignments now show on your classes page.`,
    ],
    action: { label: "See your classes", url: input.url },
    after: ["If you should not be in this class, you can leave it from that page."],
    reason: `${input.instructor} added your account to the class “${input.className}”`,
  };
}

export function requestDecisionMail(input: {
  to: string;
  name: string;
  decision: "approved" | "declined";
  reason: string | null;
  url: string;
}): MailContent {
  const approved = input.decision === "approved";
  return {
    to: input.to,
    subject: approved ? "Your instructor access is ready" : "Your request for instructor access",
    greeting: greeting(input.name),
    paragraphs: approved
      ? [
          `An administrator approved your request: your ${SITE_NAME} account is now an instructor account.`,
          "You can create classes, invite students and give assignments.",
        ]
      : [
          "An administrator declined your request for instructor access.",
          ...(input.reason ? [`Their reason: ${input.reason}`] : []),
          "Your account stays as it is. You can send a new request with more detail.",
        ],
    action: approved ? { label: "Create a class", url: input.url } : { label: "See your request", url: input.url },
    reason: "you asked for instructor access on this account",
  };
}
