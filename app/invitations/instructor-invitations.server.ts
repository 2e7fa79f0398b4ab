// Admins invite instructors by email: a one-time link (only its hash is kept, so the admin sees
// it once), re-inviting an address replaces its pending invitation, and every invite and
// revoke is in the audit log.
import { queueMail } from "~/mail/send.server.ts";
import { auditData, type AuditActor } from "~/models/audit.server.ts";
import * as store from "~/models/invitation.server.ts";
import { findUserByEmail } from "~/models/user.server.ts";
import { notFound, type NotFound } from "~/utils/results.ts";
import { instructorInvitationMail } from "./messages.ts";
import { newInvitationLink } from "./links.server.ts";
import { INVITATION_TTL_MS } from "./rules.ts";

type Admin = { id: string; email: string; name: string };

export const INVITATIONS_PAGE_SIZE = 25;

export type InviteInstructorResult =
  | { ok: true; email: string; url: string; replaced: boolean }
  | { ok: false; reason: "already-instructor"; message: string };

export async function inviteInstructor(
  admin: Admin,
  input: { email: string; name: string | null },
  now = new Date(),
): Promise<InviteInstructorResult> {
  const existing = await findUserByEmail(input.email);
  if (existing && existing.role !== "student") {
    return {
      ok: false,
      reason: "already-instructor",
      message: `${input.email} already has ${existing.role === "admin" ? "admin" : "instructor"} access.`,
    };
  }
  const link = newInvitationLink();
  const actor: AuditActor = { id: admin.id, email: admin.email };
  const created = await store.createInvitation(
    {
      kind: "instructor",
      email: input.email,
      name: input.name,
      classId: null,
      invitedById: admin.id,
      tokenHash: link.tokenHash,
      expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
    },
    now,
    (invitation, replaced) =>
      auditData(
        {
          actor,
          action: "invitation.sent",
          target: invitation,
          // `replaced`: the address's earlier pending invitations, revoked by this one.
          detail: {
            kind: "instructor",
            ...(input.name ? { name: input.name } : {}),
            ...(replaced ? { replaced } : {}),
          },
        },
        now,
      ),
  );
  await queueMail(
    instructorInvitationMail({
      to: input.email,
      name: input.name ?? existing?.name ?? null,
      inviter: admin.name,
      url: link.url,
    }),
    existing?.id,
  );
  return { ok: true, email: input.email, url: link.url, replaced: created.replaced > 0 };
}

export async function revokeInstructorInvitation(
  admin: Admin,
  invitationId: string,
  now = new Date(),
): Promise<{ ok: true; email: string } | NotFound | { ok: false; reason: "not-pending"; message: string }> {
  const invitation = await store.findInvitation(invitationId);
  if (!invitation || invitation.kind !== "instructor") return notFound("We could not find that invitation.");
  const revoked = await store.revokeInvitation(
    { id: invitationId, kind: "instructor" },
    now,
    auditData(
      {
        actor: { id: admin.id, email: admin.email },
        action: "invitation.revoked",
        target: { id: invitation.id, email: invitation.email },
        detail: { kind: "instructor" },
      },
      now,
    ),
  );
  if (!revoked) {
    return { ok: false, reason: "not-pending", message: "That invitation was already used, revoked or expired." };
  }
  return { ok: true, email: invitation.email };
}

export async function instructorInvitations(status: store.InvitationStatus, page: number, now = new Date()) {
  const { rows, counts } = await store.listInvitations("instructor", status, now, {
    page,
    pageSize: INVITATIONS_PAGE_SIZE,
  });
  return {
    counts,
    pages: Math.max(1, Math.ceil(counts[status] / INVITATIONS_PAGE_SIZE)),
    invitations: rows.map((r) => ({
      id: r.id,
      email: r.email,
      name: r.name,
      invitedBy: r.invitedBy?.name ?? null,
      acceptedBy: r.acceptedBy,
      status: store.invitationStatus(r, now),
      createdAt: r.createdAt,
      expiresAt: r.expiresAt,
      acceptedAt: r.acceptedAt,
      revokedAt: r.revokedAt,
    })),
  };
}
