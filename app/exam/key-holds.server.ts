// Keys a learner's classes still withhold (policy "never", or "after_due" before the due date):
// which questions, and until when. Practice pools, results and tutor feedback read them; the
// learner's missed-question cards for those questions are buried until the key is out, so no
// review queue, count or card shows it. Depends on models and pure rules only (grading uses it).
import { withheldAssignments } from "~/models/assignment.server.ts";
import { decodeAssignmentConfig } from "~/models/json-columns.ts";
import { syncKeyHolds } from "~/models/review.server.ts";
import { keyHolds } from "./key-release.ts";
import { NETWORK_GRACE_MS } from "./timing.ts";

/** Withheld question id → when its key is released. */
export async function withheldKeys(userId: string, now = new Date()): Promise<Map<string, Date>> {
  // Keys of "after the due date" assignments appear once the network grace has passed too.
  const rows = await withheldAssignments(userId, new Date(now.getTime() - NETWORK_GRACE_MS));
  return keyHolds(rows.map((r) => ({ ...r, config: decodeAssignmentConfig(r.config) })));
}

/**
 * Questions whose keys a class of this learner still withholds: they are left out of the learner's
 * practice and simulations, and their keys out of results, tutor feedback and the review deck,
 * until the policy allows.
 */
export async function withheldQuestionIds(userId: string, now = new Date()): Promise<Set<string>> {
  return new Set((await withheldKeys(userId, now)).keys());
}

/** Brings these learners' missed-question cards in line with what their classes withhold now:
 * hold the withheld ones, give back those no longer withheld. Called wherever that can change
 * (an assignment created, a class joined or left, missed cards made). */
export async function applyKeyHolds(userIds: Iterable<string>, now = new Date()) {
  for (const userId of new Set(userIds)) await syncKeyHolds(userId, await withheldKeys(userId, now));
}
