// Following an invitation link: what it offers, and accepting it with the signed-in account or
// with a new one created on the spot. The link is the proof: whoever holds it may accept, with
// any account; the address it was sent to counts as verified only for the account that has it.
import { register, type RegisterResult } from "~/auth/accounts.server.ts";
import { enrolStudent, mayEnrol } from "~/classes/classes.server.ts";
import { auditData } from "~/models/audit.server.ts";
import { isMember } from "~/models/class.server.ts";
import * as store from "~/models/invitation.server.ts";
import { findUserByEmail } from "~/models/user.server.ts";
import type { Role } from "~/utils/roles.ts";
import { invitationTokenHash } from "./links.server.ts";
import { INVITATION_TTL_DAYS } from "./rules.ts";

export type DeadReason = "unknown" | "used" | "revoked" | "expired" | "closed";
type Dead = { ok: false; reason: DeadReason; message: string };

export const DEAD_MESSAGES: Record<DeadReason, string> = {
  unknown:
    "This invitation link is not valid. Check that you opened the whole link from the email, or ask for a new invitation.",
  used: "This invitation has already been used. If you accepted it, log in; otherwise ask for a new invitation.",
  revoked: "This invitation was withdrawn. Ask the person who invited you for a new one if you still need it.",
  expired: `This invitation has expired (links work for ${INVITATION_TTL_DAYS} days). Ask the person who invited you for a new one.`,
  closed: "The class this invitation was for is closed. Ask your instructor for a new invitation.",
};

const dead = (reason: DeadReason): Dead => ({ ok: false, reason, message: DEAD_MESSAGES[reason] });

export interface InvitationView {
  kind: store.InvitationKind;
  email: string;
  name: string | null;
  className: string | null;
  instructorName: string | null;
  expiresAt: Date;
}

type Live = NonNullable<Awaited<ReturnType<typeof store.findInvitationByTokenHash>>>;

async function findLive(token: string, now: Date): Promise<{ ok: true; row: Live } | Dead> {
  const row = await store.findInvitationByTokenHash(invitationTokenHash(token));
  if (!row) return dead("unknown");
  const status = store.invitationStatus(row, now);
  if (status === "accepted") return dead("used");
  if (status !== "pending") return dead(status);
  if (row.kind === "class" && (!row.class || row.class.archivedAt)) return dead("closed");
  return { ok: true, row };
}

const view = (row: Live): InvitationView => ({
  kind: row.kind === "class" ? "class" : "instructor",
  email: row.email,
  name: row.name,
  className: row.class?.name ?? null,
  instructorName: row.class?.instructor.name ?? null,
  expiresAt: row.expiresAt,
});

type Viewer = { id: string; email: string; role: Role };

/** What accepting would do for this account: "ready", or why it changes nothing or cannot. */
export type Standing = "ready" | "already-instructor" | "member" | "teaches" | "removed";

/**
 * What a link offers, or why it is dead. For a signed-in viewer, what accepting would do; for
 * a visitor, whether the invited address has an account already (then they log in to accept).
 */
export async function openInvitation(token: string, viewer: Viewer | null, now = new Date()) {
  const live = await findLive(token, now);
  if (!live.ok) return live;
  return {
    ok: true as const,
    invitation: view(live.row),
    standing: viewer ? await standing(live.row, viewer) : null,
    accountExists: viewer ? null : Boolean(await findUserByEmail(live.row.email)),
  };
}

async function standing(row: Live, viewer: Viewer): Promise<Standing> {
  if (row.kind !== "class") return viewer.role === "student" ? "ready" : "already-instructor";
  const klass = row.class!;
  const allowed = await mayEnrol(klass, viewer.id);
  if (!allowed.ok) return allowed.reason;
  return (await isMember(klass.id, viewer.id)) ? "member" : "ready";
}

const REFUSALS = {
  teaches: "You teach this class, so you cannot join it as a student.",
  removed:
    "Your instructor removed you from this class, so this invitation cannot add you back. Ask your instructor: they can let you back in.",
} as const;

export type AcceptResult =
  | { ok: true; kind: "instructor"; upgraded: boolean }
  | { ok: true; kind: "class"; classId: string; className: string }
  | Dead
  | { ok: false; reason: keyof typeof REFUSALS; message: string };

/** Accepts the invitation with this account (once: a second click finds the link used). */
export async function acceptInvitationAs(token: string, viewer: Viewer, now = new Date()): Promise<AcceptResult> {
  const live = await findLive(token, now);
  if (!live.ok) return live;
  const { row } = live;
  const stand = await standing(row, viewer);
  if (stand === "teaches" || stand === "removed") return { ok: false, reason: stand, message: REFUSALS[stand] };
  const accepted = await store.acceptInvitation({
    tokenHash: invitationTokenHash(token),
    userId: viewer.id,
    now,
    verifyEmail: viewer.email === row.email,
    audit:
      row.kind === "instructor"
        ? auditData(
            {
              actor: { id: viewer.id, email: viewer.email },
              action: "invitation.accepted",
              target: { id: viewer.id, email: viewer.email },
              detail: {
                kind: "instructor",
                invitationId: row.id,
                invitedEmail: row.email,
                from: viewer.role,
                to: viewer.role === "student" ? "instructor" : viewer.role,
              },
            },
            now,
          )
        : undefined,
  });
  // Someone else's click got there first, or it died a moment ago.
  if (!accepted) {
    const again = await findLive(token, now);
    return again.ok ? dead("used") : again;
  }
  if (row.kind !== "class") return { ok: true, kind: "instructor", upgraded: viewer.role === "student" };
  const klass = row.class!;
  const enrolled = await enrolStudent(klass, viewer.id, now);
  if (!enrolled.ok) return { ok: false, reason: enrolled.reason, message: REFUSALS[enrolled.reason] };
  return { ok: true, kind: "class", classId: klass.id, className: klass.name };
}

export type AcceptAsNewResult =
  { ok: true; userId: string; accepted: AcceptResult } | Dead | Exclude<RegisterResult, { ok: true }>;

/**
 * Creates the account for the invited address (the link proves it, so it is verified) and
 * accepts with it. `accepted` may still fail if the link was used meanwhile: the account stays.
 */
export async function acceptWithNewAccount(
  token: string,
  input: { name: string; password: string; timeZone?: string; ip: string },
  now = new Date(),
): Promise<AcceptAsNewResult> {
  const live = await findLive(token, now);
  if (!live.ok) return live;
  const email = live.row.email;
  const created = await register({
    email,
    name: input.name,
    password: input.password,
    timeZone: input.timeZone,
    ip: input.ip,
    now,
    // The link was sent to this address: no second "check your email" round, even with mail on.
    addressProven: true,
  });
  if (!created.ok) return created;
  if (created.userId === null) throw new Error("An account for a proven address is created at once.");
  const accepted = await acceptInvitationAs(token, { id: created.userId, email, role: "student" }, now);
  return { ok: true, userId: created.userId, accepted };
}
