// Keys a learner's classes still withhold (policy "never", or "after_due" before the due date):
// which questions, and until when. Practice pools, results and tutor feedback read them; the
// learner's missed-question cards for those questions are buried until the key is out, so no
// review queue, count or card shows it. Depends on models and pure rules only (grading uses it).
import { NETWORK_GRACE_MS } from "~/exam/timing.ts";
import { withheldAssignments } from "~/models/assignment.server.ts";
import { syncKeyHolds } from "~/models/review.server.ts";
import { keyHolds, parseConfig } from "./rules.ts";

/** Withheld question id → when its key is released. */
export async function withheldKeys(userId: string, now = new Date()): Promise<Map<string, Date>> {
  // Keys of "after the due date" assignments appear once the network grace has passed too.
  const rows = await withheldAssignments(userId, new Date(now.getTime() - NETWORK_GRACE_MS));
  return keyHolds(rows.map((r) => ({ ...r, config: parseConfig(r.config) })));
}

/** Brings these learners' missed-question cards in line with what their classes withhold now:
 * hold the withheld ones, give back those no longer withheld. Called wherever that can change
 * (an assignment created, a class joined or left, missed cards made). */
export async function applyKeyHolds(userIds: Iterable<string>, now = new Date()) {
  for (const userId of new Set(userIds)) await syncKeyHolds(userId, await withheldKeys(userId, now));
}
