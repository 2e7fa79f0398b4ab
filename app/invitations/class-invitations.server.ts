// Instructors invite students to a class from a roster (pasted or a CSV file). Each address is
// enrolled at once when it has an account (with a notice email), or invited by email when it
// has none; the result says what happened to every line. Enrolment goes through the classes
// feature (enrolStudent), the same path as the join code, so a removed student stays out unless
// the instructor says otherwise.
import { waitMessage } from "~/auth/rate-limit.ts";
import { reserve } from "~/auth/throttle.server.ts";
import { enrolStudent } from "~/classes/classes.server.ts";
import { queueMail } from "~/mail/send.server.ts";
import { rosterStanding } from "~/models/class.server.ts";
import * as store from "~/models/invitation.server.ts";
import { findUserById } from "~/models/user.server.ts";
import { absoluteUrl } from "~/utils/app-url.server.ts";
import { notFound, type NotFound } from "~/utils/results.ts";
import { newInvitationLink } from "./links.server.ts";
import { addedToClassMail, classInvitationMail } from "./messages.ts";
import { parseRoster } from "./roster.ts";
import { INVITATION_TTL_MS } from "./rules.ts";

type Actor = { id: string; name: string };
type ClassRef = { id: string; name: string; instructorId: string };

export const ROSTER_OUTCOMES = ["added", "invited", "member", "pending", "removed", "error"] as const;
export type RosterOutcome = (typeof ROSTER_OUTCOMES)[number];

export interface RosterRow {
  line: number;
  /** The address, or what the line held when it has none we can read. */
  email: string;
  name: string | null;
  outcome: RosterOutcome;
  message: string;
}

export type RosterResult =
  | { ok: true; rows: RosterRow[]; counts: Record<RosterOutcome, number> }
  | { ok: false; reason: "unreadable" | "rate-limited"; message: string };

/** The class's instructor's name: the invitation and notice say who is inviting. */
async function instructorName(klass: ClassRef, actor: Actor) {
  if (klass.instructorId === actor.id) return actor.name;
  return (await findUserById(klass.instructorId))?.name ?? actor.name;
}

export async function inviteRoster(
  actor: Actor,
  klass: ClassRef,
  text: string,
  options: { allowRemoved: boolean },
  now = new Date(),
): Promise<RosterResult> {
  const parsed = parseRoster(text);
  if (!parsed.ok) return { ok: false, reason: "unreadable", message: parsed.message };
  // Counted per upload that sends mail, so a roster cannot be replayed into a mail flood.
  const reservation = await reserve([{ throttle: "classInvitations", subject: actor.id }], now);
  if (!reservation.ok) {
    return { ok: false, reason: "rate-limited", message: waitMessage("roster uploads", reservation.minutes) };
  }
  const emails = parsed.entries.flatMap((e) => (e.ok ? [e.email] : []));
  const [accounts, pending, instructor] = await Promise.all([
    rosterStanding(klass.id, emails),
    store.pendingClassInvitationEmails(klass.id, emails, now),
    instructorName(klass, actor),
  ]);
  const accountOf = new Map(accounts.map((a) => [a.email, a]));
  const rows: RosterRow[] = [];
  for (const entry of parsed.entries) {
    if (!entry.ok) {
      rows.push({ line: entry.line, email: entry.input, name: null, outcome: "error", message: entry.problem });
      continue;
    }
    const row = { line: entry.line, email: entry.email, name: entry.name };
    const account = accountOf.get(entry.email);
    if (!account) {
      if (pending.has(entry.email)) {
        rows.push({ ...row, outcome: "pending", message: "Already invited: use Resend below to send the link again." });
        continue;
      }
      await sendClassInvitation(actor, klass, instructor, entry, now);
      rows.push({ ...row, outcome: "invited", message: "No account yet: invited by email." });
      continue;
    }
    const named = { ...row, name: account.name };
    if (account.id === klass.instructorId) {
      rows.push({ ...named, outcome: "error", message: "This is the class's instructor." });
    } else if (account.disabledAt) {
      rows.push({ ...named, outcome: "error", message: "This account is disabled, so it was not added." });
    } else if (account.memberships.length) {
      rows.push({ ...named, outcome: "member", message: "Already in the class." });
    } else if (account.classRemovals.length && !options.allowRemoved) {
      rows.push({
        ...named,
        outcome: "removed",
        message: "You removed this student, so they were not added. Tick “Allow removed students back” to add them.",
      });
    } else {
      const enrolled = await enrolStudent(klass, account.id, now, { allowRemoved: options.allowRemoved });
      if (!enrolled.ok) {
        rows.push({ ...named, outcome: "error", message: "This student could not be added." });
        continue;
      }
      await queueMail(
        addedToClassMail({
          to: account.email,
          name: account.name,
          className: klass.name,
          instructor,
          url: absoluteUrl("/join"),
        }),
        account.id,
      );
      rows.push({
        ...named,
        outcome: "added",
        message: account.classRemovals.length
          ? "Added back (you had removed them); they were sent a notice."
          : "Added to the class; they were sent a notice.",
      });
    }
  }
  const counts = Object.fromEntries(ROSTER_OUTCOMES.map((o) => [o, rows.filter((r) => r.outcome === o).length]));
  return { ok: true, rows, counts: counts as Record<RosterOutcome, number> };
}

async function sendClassInvitation(
  actor: Actor,
  klass: ClassRef,
  instructor: string,
  entry: { email: string; name: string | null },
  now: Date,
) {
  const link = newInvitationLink();
  await store.createInvitation(
    {
      kind: "class",
      email: entry.email,
      name: entry.name,
      classId: klass.id,
      invitedById: actor.id,
      tokenHash: link.tokenHash,
      expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
    },
    now,
  );
  await queueMail(
    classInvitationMail({ to: entry.email, name: entry.name, className: klass.name, instructor, url: link.url }),
  );
}

type ChangeResult = { ok: true; email: string } | NotFound | { ok: false; reason: "rate-limited"; message: string };

/** A new link for a pending invitation (the old one stops working), emailed again. */
export async function resendClassInvitation(
  actor: Actor,
  klass: ClassRef,
  invitationId: string,
  now = new Date(),
): Promise<ChangeResult> {
  const invitation = await store.findInvitation(invitationId);
  if (!invitation || invitation.kind !== "class" || invitation.classId !== klass.id) {
    return notFound("We could not find that invitation.");
  }
  const reservation = await reserve([{ throttle: "classInvitations", subject: actor.id }], now);
  if (!reservation.ok) {
    return { ok: false, reason: "rate-limited", message: waitMessage("invitations sent", reservation.minutes) };
  }
  const link = newInvitationLink();
  const renewed = await store.renewInvitation(
    { id: invitationId, kind: "class", classId: klass.id },
    link.tokenHash,
    new Date(now.getTime() + INVITATION_TTL_MS),
    now,
  );
  if (!renewed) return notFound("That invitation is no longer pending.");
  await queueMail(
    classInvitationMail({
      to: invitation.email,
      name: invitation.name,
      className: klass.name,
      instructor: await instructorName(klass, actor),
      url: link.url,
    }),
  );
  return { ok: true, email: invitation.email };
}

export async function revokeClassInvitation(
  klass: ClassRef,
  invitationId: string,
  now = new Date(),
): Promise<{ ok: true; email: string } | NotFound> {
  const invitation = await store.findInvitation(invitationId);
  if (!invitation || invitation.kind !== "class" || invitation.classId !== klass.id) {
    return notFound("We could not find that invitation.");
  }
  if (!(await store.revokeInvitation({ id: invitationId, kind: "class", classId: klass.id }, now))) {
    return notFound("That invitation is no longer pending.");
  }
  return { ok: true, email: invitation.email };
}

export function pendingInvitations(classId: string, now = new Date()) {
  return store.pendingClassInvitations(classId, now);
}
