// Activity roll-up: turns a learner's reviews, answers and finished lessons into ActivityDay
// totals (minutes studied, counts) in their time zone, a little at a time since the last run.
import { getContentIndex } from "~/content/index.server.ts";
import * as store from "~/models/progress.server.ts";
import { rollUpEvents, type StudyEvent } from "./activity.ts";

/** Events newer than this are left for the next roll-up, so a write still committing is not missed. */
const ROLLUP_LAG_MS = 5_000;
/** A dashboard reloaded within this long reuses the last roll-up (activity is at most this stale). */
const ROLLUP_EVERY_MS = 30_000;

/**
 * Brings a learner's ActivityDay rows up to date since the last roll-up. Safe to run
 * concurrently: the cursor moves conditionally, and a request that loses the race drops its work.
 */
export async function rollUpActivity(userId: string, timeZone: string, now = new Date()) {
  const through = new Date(now.getTime() - ROLLUP_LAG_MS);
  const cursor = await store.rollupCursor(userId);
  const since = cursor?.through ?? new Date(0);
  if (since.getTime() > through.getTime() - ROLLUP_EVERY_MS) return;
  const found = await store.studyEventsBetween(userId, since, through);
  const events: StudyEvent[] = [
    ...found.reviews.map((at) => ({ at, kind: "review" as const })),
    ...found.answers.map((at) => ({ at, kind: "answer" as const })),
    ...found.lessons.map((l) => ({
      at: l.at,
      kind: "lesson" as const,
      readingSeconds: (getContentIndex().lessons.get(l.slug)?.minutes ?? 1) * 60,
    })),
  ];
  // Nothing new: just move the cursor.
  if (events.length === 0 && cursor) {
    await store.advanceRollup(userId, cursor.through, through);
    return;
  }
  const { days, lastEventAt } = rollUpEvents(events, timeZone, cursor?.lastEventAt ?? null);
  await store.saveRollup(userId, cursor?.through ?? null, through, lastEventAt, days);
}
