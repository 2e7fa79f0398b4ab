// Test factory: a learner who has used every part of Charted, through the real features: a
// practice quiz (one right, one wrong and flagged), review cards (a Charted card rated, their own
// card, the missed-question card), a finished lesson, a report, preferences (with the plan's long days and a day off), a
// day's plan snapshot, an optimizer run,
// an instructor-access request, the activity roll-up and a signed-in browser. Needs LAW
// questions (LAW-K01-…) and the card LAW-C0001 in the bank.
import { Rating } from "ts-fsrs";
import { saveAnswer, startPractice, submitAttempt } from "~/exam/attempts.server.ts";
import { saveOptimization } from "~/models/fsrs-optimization.server.ts";
import { markLessonComplete } from "~/models/lesson-completion.server.ts";
import { savePlanDayOnce } from "~/models/plan-day.server.ts";
import { savePreferences } from "~/models/preferences.server.ts";
import { rollUpActivity } from "~/progress/rollup.server.ts";
import { fileReport } from "~/reports/reports.server.ts";
import { addOwnCard, rateCard } from "~/review/review.server.ts";
import { startSession } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { practiceForm } from "./practice.ts";

export const HISTORY_LESSON = "hipaa-privacy-and-patient-rights";

/** Gives the learner a history; `tag` goes into every text they write, to find it in exports. */
export async function giveHistory(userId: string, tag: string, now = new Date()) {
  const started = await startPractice(userId, practiceForm(), now);
  if (!started.ok) throw new Error(started.message);
  const attemptId = started.attemptId;
  await saveAnswer(userId, attemptId, 1, { selectedIndex: 0 }, now);
  await saveAnswer(userId, attemptId, 2, { selectedIndex: 1, flagged: true }, now);
  await submitAttempt(userId, attemptId, now);
  const rated = await rateCard(userId, { ref: "content:LAW-C0001", grade: Rating.Good, requestId: `${tag}-r1` }, now);
  if (!rated.ok) throw new Error(rated.message);
  const own = await addOwnCard(userId, { domainId: "LAW", front: `${tag} own front`, back: `${tag} own back` }, now);
  await markLessonComplete(userId, HISTORY_LESSON, now);
  const report = await fileReport(userId, {
    kind: "question",
    id: "LAW-K01-001",
    section: null,
    message: `${tag} thinks the key is out of date.`,
    source: null,
  });
  if (!report.ok) throw new Error(report.message);
  await savePreferences(userId, {
    studyWeekdays: "1,3,5",
    examDate: new Date("2027-03-01T00:00:00Z"),
    longWeekdays: "6",
    daysOff: "2027-01-01",
  });
  await db.user.update({ where: { id: userId }, data: { onboardedAt: now } });
  await saveOptimization(userId, {
    reviewCount: 1200,
    trainingItems: 900,
    logLossBefore: 0.4,
    rmseBefore: 0.05,
    logLossAfter: 0.35,
    rmseAfter: 0.04,
    parameters: [0.4, 1.2, 3.1, 15.7],
    adopted: false,
  });
  await db.instructorRequest.create({ data: { userId, note: `${tag} teaches an evening cohort.` } });
  await rollUpActivity(userId, "UTC", new Date(now.getTime() + 60_000));
  // Today's plan as first shown (models/plan-day).
  await savePlanDayOnce(
    userId,
    now.toISOString().slice(0, 10),
    JSON.stringify([{ kind: "lesson", minutes: 9, title: `${tag} lesson`, href: `/learn/law/${HISTORY_LESSON}` }]),
  );
  const cookie = await startSession(userId, { userAgent: `${tag}-browser/1.0`, ip: "10.20.30.40" });
  return { attemptId, ownCardId: own.id, cookie: cookie.split(";")[0] };
}
