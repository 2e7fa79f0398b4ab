// Invitation kinds and statuses, defined once (the Invitation table stores the kind as text; the
// status follows from its dates). No server code: the admin page's status tabs use them too.
export const INVITATION_KINDS = ["instructor", "class"] as const;
export type InvitationKind = (typeof INVITATION_KINDS)[number];

export const INVITATION_STATUSES = ["pending", "accepted", "expired", "revoked"] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];
