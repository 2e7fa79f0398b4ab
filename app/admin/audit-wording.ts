// The audit log in plain words: what each stored action means, and its JSON details as a
// sentence. Actions this module does not know (another feature's) still read sensibly: their
// name with the punctuation turned into spaces, and their details as "key: value" pairs.
import { ACCOUNT_ACTIONS } from "~/models/audit-actions.ts";

const WHAT: Record<string, string> = {
  [ACCOUNT_ACTIONS.created]: "Created an account",
  [ACCOUNT_ACTIONS.roleChanged]: "Changed the role",
  [ACCOUNT_ACTIONS.disabled]: "Disabled the account",
  [ACCOUNT_ACTIONS.enabled]: "Enabled the account",
  [ACCOUNT_ACTIONS.signedOut]: "Signed the account out everywhere",
  [ACCOUNT_ACTIONS.resetSent]: "Sent a password reset link",
  [ACCOUNT_ACTIONS.passwordSet]: "Set a new password",
  [ACCOUNT_ACTIONS.unlocked]: "Unlocked sign-in",
};

/** "Changed the role"; an unknown "invitation.revoked" reads "Invitation revoked". */
export function describeAction(action: string): string {
  const known = WHAT[action];
  if (known) return known;
  const words = action.replace(/[._-]+/g, " ").trim();
  return words ? words[0].toUpperCase() + words.slice(1) : action;
}

function parseDetail(detail: string | null): Record<string, unknown> {
  if (!detail) return {};
  try {
    const value: unknown = JSON.parse(detail);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const sessions = (n: unknown) =>
  typeof n === "number" ? `${n} signed-in session${n === 1 ? "" : "s"} ended.` : "Its sessions ended.";

/** The entry's details as a sentence ("" when there are none). */
export function describeDetail(action: string, detail: string | null): string {
  const d = parseDetail(detail);
  switch (action) {
    case ACCOUNT_ACTIONS.created:
      return typeof d.role === "string" ? `New ${d.role} account.` : "";
    case ACCOUNT_ACTIONS.roleChanged:
      return `From ${String(d.from ?? "?")} to ${String(d.to ?? "?")}.`;
    case ACCOUNT_ACTIONS.disabled:
      return `Sign-in refused from now on; ${sessions(d.sessionsEnded)}`;
    case ACCOUNT_ACTIONS.enabled:
      return "The account can sign in again.";
    case ACCOUNT_ACTIONS.signedOut:
      return sessions(d.sessionsEnded);
    case ACCOUNT_ACTIONS.resetSent:
      return "A one-hour link was emailed to the account's address.";
    case ACCOUNT_ACTIONS.passwordSet:
      return `Unused reset links revoked; ${sessions(d.sessionsEnded)}`;
    case ACCOUNT_ACTIONS.unlocked:
      return d.reEnabled
        ? "Failed sign-in counts cleared and the disabled account enabled again."
        : "Failed sign-in counts cleared.";
    default:
      return Object.entries(d)
        .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
        .join("; ");
  }
}
