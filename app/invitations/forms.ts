// What the invitation pages accept. Addresses and names are checked as registration checks them
// (app/auth/schemas.ts), so an invited person's account takes what the invitation held.
import { z } from "zod";
import { registerSchema } from "~/auth/schemas.ts";
import { ROSTER_MAX_CHARS } from "./rules.ts";

/** An address as every Charted form takes it: trimmed, lower-case, checked. */
export const emailField = registerSchema.shape.email;

const recordId = z.string().regex(/^[a-z0-9]{20,32}$/, "That item could not be found.");

/** The token of an invitation link (43 URL-safe characters; anything else is not a link we sent). */
export const invitationToken = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);

const optionalName = z
  .string()
  .trim()
  .max(80, "Use at most 80 characters.")
  .optional()
  .transform((s) => s || null);

export const adminInvitationForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("invite"), email: emailField, name: optionalName }),
  z.object({ intent: z.literal("revoke"), invitationId: recordId }),
]);

/** The accept page's small forms; creating an account is checked with registerSchema. */
export const acceptIntentForm = z.object({
  intent: z.enum(["accept", "logout", "create-account"]),
  token: invitationToken,
});

export const instructorRequestForm = z.object({
  note: z
    .string({ error: "Say why you need instructor access." })
    .trim()
    .min(10, "Say why you need instructor access in at least 10 characters.")
    .max(1000, "Keep the note under 1,000 characters."),
});

export const decideRequestForm = z.object({
  intent: z.enum(["approve", "decline"], { message: "Choose approve or decline." }),
  requestId: recordId,
  reason: z
    .string()
    .trim()
    .max(500, "Keep the reason under 500 characters.")
    .optional()
    .transform((s) => s || null),
});

export const rosterForm = z.object({
  intent: z.literal("invite-roster"),
  roster: z.string().max(ROSTER_MAX_CHARS, "That roster is too long: upload at most 200 rows at a time.").optional(),
  allowRemoved: z.literal("on").optional(),
});

export const classInvitationForm = z.object({
  intent: z.enum(["resend-invitation", "revoke-invitation"]),
  invitationId: recordId,
});

/** The class page's intents this feature handles (the rest are the class's own). */
export const CLASS_INVITATION_INTENTS = ["invite-roster", "resend-invitation", "revoke-invitation"] as const;
