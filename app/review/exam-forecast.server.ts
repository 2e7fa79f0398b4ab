// "On exam day you are predicted to recall N% of your cards": the mean recall on the exam day
// over the learner's started, unsuspended cards (the database sums the forgetting curve, the same
// query as the progress page's card memory), and what today's due reviews would add.
import { cardMemory } from "~/models/progress.server.ts";
import { learnerPreferences, type LearnerPreferences } from "~/models/preferences.server.ts";
import { dueCardsBefore } from "~/models/review-forecast.server.ts";
import { decodeWeights } from "~/models/json-columns.ts";
import { examTarget, recallAfterGood, recallAt } from "./placement.ts";
import { scheduler, type SchedulerPrefs } from "./scheduler.ts";
import { studyDay } from "./study-day.ts";

export interface ExamRecallForecast {
  /** The exam day, YYYY-MM-DD. */
  examDay: string;
  /** Started, unsuspended cards. */
  cards: number;
  /** Mean predicted recall on exam day (0–1), or null with no started cards. */
  recall: number | null;
  /** Today's due cards counted (at most the daily review limit). */
  dueToday: number;
  /** The mean if those cards are rated Good today. */
  recallAfterToday: number | null;
}

/** The prediction, or null when no exam date is set or the exam day has begun. */
export async function examRecallForecast(
  userId: string,
  now = new Date(),
  prefs?: LearnerPreferences,
): Promise<ExamRecallForecast | null> {
  prefs ??= await learnerPreferences(userId);
  const exam = examTarget(prefs.examDate, prefs.timeZone, now);
  if (!exam) return null;
  const weights = decodeWeights(prefs.fsrsWeights);
  const sp: SchedulerPrefs = { desiredRetention: prefs.desiredRetention, weights, fuzz: false };
  const day = studyDay(now, prefs.timeZone);
  // Today's due cards are at most the daily review limit, so this stays bounded.
  const [groups, due] = await Promise.all([
    cardMemory(userId, exam.at, weights),
    dueCardsBefore(userId, day.end, prefs.reviewsPerDay),
  ]);
  const cards = groups.reduce((n, g) => n + g.cards, 0);
  const sum = groups.reduce((n, g) => n + g.recall, 0);
  if (cards === 0) return { examDay: exam.day, cards, recall: null, dueToday: due.length, recallAfterToday: null };
  // A review now replaces the card's recall on exam day by its recall after a Good rating today.
  const f = scheduler(sp);
  const gain = due
    .filter((card) => card.stability > 0 && card.lastReview)
    .reduce((n, card) => n + recallAfterGood(card, now, exam.at, sp, f) - recallAt(card, exam.at, sp, f), 0);
  return {
    examDay: exam.day,
    cards,
    recall: sum / cards,
    dueToday: due.length,
    recallAfterToday: Math.min(1, (sum + gain) / cards),
  };
}
