// Invitation links: a random token in the link, only its SHA-256 in the table (so the link is
// shown or sent once and a copied database opens none).
import { newLinkToken } from "~/models/account-token.server.ts";
import { absoluteUrl } from "~/utils/app-url.server.ts";
import { hashSessionToken } from "~/utils/hashed-sessions.server.ts";
import { ACCEPT_PATH } from "./rules.ts";

/** A fresh link: its address for the email, its token's hash for the table. */
export function newInvitationLink() {
  const token = newLinkToken();
  return { url: absoluteUrl(ACCEPT_PATH, { token }), tokenHash: hashSessionToken(token) };
}

export const invitationTokenHash = (token: string) => hashSessionToken(token);
