// Throttle rules for everything that checks a secret or guesses a code, sends mail on a user's
// say-so, or costs a lot (the data download), defined once. Each is a number of tries in a fixed
// window that starts at the first try; the window's end says when the next try is allowed.
// Counting happens in app/auth/throttle.server.ts.
const MINUTE = 60_000;

export interface ThrottleRule {
  limit: number;
  windowMs: number;
  /** Tries in the window answered at once; each try past them waits longer (doubling from
   * FIRST_DELAY_MS up to MAX_DELAY_MS) before its secret is checked. */
  freeTries?: number;
}

export const FIRST_DELAY_MS = 250;
export const MAX_DELAY_MS = 4_000;

export const THROTTLES = {
  /** Failed sign-ins for one email, from anywhere. */
  loginPerEmail: { limit: 10, windowMs: 15 * MINUTE, freeTries: 3 },
  /** Failed sign-ins from a browser that signed in to the account before (its own allowance:
   * strangers' failures never lock it out). */
  loginPerTrustedDevice: { limit: 10, windowMs: 15 * MINUTE, freeTries: 5 },
  /** Sign-in tries from one network address: a classroom of 30 behind one address, a few typos
   * each (two typos each are answered without delay). */
  loginPerAddress: { limit: 100, windowMs: 15 * MINUTE, freeTries: 60 },
  /** "Confirm with your current password" on the account page, per account. */
  passwordCheck: { limit: 10, windowMs: 15 * MINUTE, freeTries: 3 },
  /** New accounts from one network address (a class signing up together fits). */
  signupPerAddress: { limit: 60, windowMs: 60 * MINUTE },
  /** Join-code tries per learner, and per address: codes must not be guessable by brute force. */
  joinPerUser: { limit: 20, windowMs: 15 * MINUTE },
  joinPerAddress: { limit: 200, windowMs: 15 * MINUTE },
  /** Password-reset emails per address asked for: past it the answer is the same, but nothing is
   * sent (nobody can flood an inbox through the form). */
  resetPerEmail: { limit: 3, windowMs: 60 * MINUTE },
  /** Requests that email a link (reset, verification again) from one network address. */
  mailRequestsPerAddress: { limit: 20, windowMs: 15 * MINUTE },
  /** Verification links per address (sign-in page and account page), silent past the limit. */
  verifyLinkPerEmail: { limit: 3, windowMs: 60 * MINUTE },
  /** "Someone tried to create an account with your address" notices per address, silent past it. */
  signupNoticePerEmail: { limit: 3, windowMs: 60 * MINUTE },
  /** Change-of-address requests per account: each one emails an address the requester chose. */
  emailChangePerUser: { limit: 5, windowMs: 60 * MINUTE },
  /** Roster uploads and resent class invitations per instructor: each one sends mail. */
  classInvitations: { limit: 30, windowMs: 60 * MINUTE },
  /** "Request instructor access" notes per user: a declined request can be asked again, not flooded. */
  instructorRequests: { limit: 5, windowMs: 24 * 60 * MINUTE },
  /** Downloads of "your data" per account: each reads every row the learner has, so a few an hour. */
  exportPerUser: { limit: 5, windowMs: 60 * MINUTE },
} satisfies Record<string, ThrottleRule>;

export type ThrottleName = keyof typeof THROTTLES;

/** How long the `tries`-th try in a window waits before it is checked (0 while free). */
export function progressiveDelayMs(rule: ThrottleRule, tries: number): number {
  const over = tries - (rule.freeTries ?? Infinity);
  return over <= 0 ? 0 : Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (over - 1));
}

/** Whole minutes until the window that started at `windowStart` ends (at least 1). */
export function minutesUntilWindowEnds(windowStart: Date, rule: ThrottleRule, now: Date): number {
  return Math.max(1, Math.ceil((windowStart.getTime() + rule.windowMs - now.getTime()) / MINUTE));
}

export function waitMessage(what: string, minutes: number): string {
  return `Too many ${what}. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
