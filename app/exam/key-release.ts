// When an attempt's answer key and rationales may be shown, and what stays withheld until then.
// An assignment's reveal policy decides it; attempts outside assignments always show their key.
// Rules that need no database: key-holds.server.ts and key-release.server.ts apply them.
import { NETWORK_GRACE_MS } from "./timing.ts";

export const REVEAL_POLICIES = ["after_submit", "after_due", "never"] as const;
export type RevealPolicy = (typeof REVEAL_POLICIES)[number];

/** What the key's release depends on: the reveal policy and the due date (an instant, UTC). */
export interface KeyRelease {
  dueAt: Date;
  revealPolicy: string;
}

/**
 * When "after the due date" answers come out: after the LATEST due date a student of the class
 * works under, the assignment's or any extension's. Released at the assignment's own due date,
 * a student still working under an extension could read classmates' keys, so everyone waits.
 */
export function keyReleaseDue(dueAt: Date, extensions: readonly { dueAt: Date | null }[]): Date {
  return extensions.reduce<Date>((latest, e) => (e.dueAt && e.dueAt > latest ? e.dueAt : latest), dueAt);
}

/** May the student see correct answers and rationales of their submitted attempt? */
export function answersVisible(a: KeyRelease, submitted: boolean, now: Date): boolean {
  if (!submitted) return false;
  if (a.revealPolicy === "after_submit") return true;
  // After the network grace too: by then no save to an attempt still open at the due date is accepted.
  if (a.revealPolicy === "after_due") return now.getTime() >= a.dueAt.getTime() + NETWORK_GRACE_MS;
  return false;
}

/** Missed items become review cards (which show the key) only when the key is shown at submit. */
export function missedCardsAllowed(revealPolicy: string): boolean {
  return revealPolicy === "after_submit";
}

export function revealMessage(a: KeyRelease, formatDate: (d: Date) => string): string {
  if (a.revealPolicy === "after_due")
    return `Your instructor shows the answers and explanations after the due date, ${formatDate(a.dueAt)}. An attempt still open then is submitted with the answers you saved, and none can start after it.`;
  if (a.revealPolicy === "never") return "Your instructor does not show the answers for this assignment.";
  return "";
}

/** A key no due date releases (policy "never"): held until the class stops withholding it. */
export const KEY_NEVER_RELEASED = new Date("9999-12-31T00:00:00.000Z");

/** When each withheld question's key comes out: the latest release among the assignments
 * withholding it (the latest due date plus the network grace, or never). */
export function keyHolds(
  withholding: readonly (KeyRelease & {
    config: { questionIds: readonly string[]; pretestIds: readonly string[] };
    overrides?: readonly { dueAt: Date | null }[];
  })[],
): Map<string, Date> {
  const holds = new Map<string, Date>();
  for (const a of withholding) {
    const release =
      a.revealPolicy === "never"
        ? KEY_NEVER_RELEASED
        : new Date(keyReleaseDue(a.dueAt, a.overrides ?? []).getTime() + NETWORK_GRACE_MS);
    for (const id of [...a.config.questionIds, ...a.config.pretestIds]) {
      const held = holds.get(id);
      if (!held || held < release) holds.set(id, release);
    }
  }
  return holds;
}
