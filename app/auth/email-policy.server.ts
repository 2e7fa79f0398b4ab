// When Charted relies on email to prove who owns an address: the one place that reads the
// settings (SMTP_URL through mailIsConfigured, REQUIRE_EMAIL_VERIFICATION).
import { mailIsConfigured } from "~/mail/transport.server.ts";

/** REQUIRE_EMAIL_VERIFICATION=true: an account signs in only once its address is confirmed. */
export function emailVerificationRequired(): boolean {
  return process.env.REQUIRE_EMAIL_VERIFICATION === "true";
}

/**
 * Sign-up by emailed link: the form never says an address is taken; the address's inbox learns
 * what happened. Only when mail really leaves the machine (or verification is required and an
 * operator reads the outbox): otherwise nobody could receive the link and sign-up would be stuck.
 */
export function signUpByEmailLink(): boolean {
  return mailIsConfigured() || emailVerificationRequired();
}
