// Password reset by email: a one-time link (random token, stored hashed) that lasts an hour and
// dies when used or when the password changes. The request form and the reset form are in
// routes forgot-password and reset-password; admins send the same link from the admin area.
import { createAccountToken } from "~/models/account-token.server.ts";
import { queueMail } from "~/mail/send.server.ts";
import { absoluteUrl } from "~/utils/app-url.server.ts";

export const RESET_LINK_TTL_MS = 60 * 60_000;
export const RESET_PATH = "/reset-password";

/** Creates a reset link for the account and queues the email that carries it. */
export async function sendPasswordReset(
  user: { id: string; email: string; name: string },
  options: { now?: Date; byAdmin?: boolean } = {},
): Promise<void> {
  const now = options.now ?? new Date();
  const token = await createAccountToken({
    userId: user.id,
    kind: "password-reset",
    expiresAt: new Date(now.getTime() + RESET_LINK_TTL_MS),
  });
  await queueMail(
    {
      to: user.email,
      subject: "Reset your Charted password",
      greeting: `Hello ${user.name},`,
      paragraphs: [
        options.byAdmin
          ? "An administrator of Charted sent you a link to choose a new password for your account."
          : "Someone (we hope you) asked to reset the password of your Charted account.",
      ],
      action: { label: "Choose a new password", url: absoluteUrl(RESET_PATH, { token }) },
      after: [
        "The link works once, for one hour. Choosing a new password signs you out on every other device.",
        "If you did not ask for this, ignore this email: your password stays as it is.",
      ],
      reason: options.byAdmin
        ? "an administrator sent a password reset for this account"
        : "someone asked to reset the password of the account with this address",
    },
    user.id,
  );
}
