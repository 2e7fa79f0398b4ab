// The invitation rules every module shares, defined once.
const DAY_MS = 86_400_000;

/** How long an invitation link works (instructor and class invitations alike). */
export const INVITATION_TTL_DAYS = 14;
export const INVITATION_TTL_MS = INVITATION_TTL_DAYS * DAY_MS;

/** Where an invitation link leads (the token rides in `?token=`). */
export const ACCEPT_PATH = "/invitations/accept";

/** Rows one roster upload may hold: a large class, not a mailing list. */
export const ROSTER_MAX_ROWS = 200;

/** Characters in a pasted roster or file: 200 rows of long names and addresses fit, and the
 * form stays under the server's 64 KiB body cap (server/request-body.js). */
export const ROSTER_MAX_CHARS = 50_000;

/** Pending instructor requests an admin sees at once (oldest first), and decided ones below them. */
export const PENDING_REQUESTS_SHOWN = 50;
export const DECIDED_REQUESTS_SHOWN = 20;
