// Six weeks of believable study for the demo learner, made by the app's own domain functions
// with the clock set back (reviews through FSRS, quizzes and two full mocks through the exam
// engine, finished lessons), so the progress dashboard has something true to show. Seeded
// random numbers: the same history every time.
import { getContentIndex } from "../../app/content/index.server.ts";
import { saveAnswer, startPractice, startSimulation, submitAttempt } from "../../app/exam/attempts.server.ts";
import { markLessonComplete } from "../../app/models/lesson-completion.server.ts";
import { rateCard, studyQueue } from "../../app/review/review.server.ts";
import { sessionStart } from "../../app/progress/ics.server.ts";
import { isoWeekday, shiftLabel } from "../../app/progress/activity.ts";
import { studyDay } from "../../app/review/study-day.ts";
import { db } from "../../app/utils/db.server.ts";

const DAYS = 42;
const SKILL: Record<string, number> = { FND: 0.78, COM: 0.74, LAW: 0.6, SCH: 0.77, ENC: 0.7, BIL: 0.52, ADM: 0.66 };
const DOMAINS = Object.keys(SKILL);

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function answerAll(
  userId: string,
  attemptId: string,
  start: Date,
  secondsEach: number,
  progress: number,
  rnd: () => number,
) {
  const items = await db.attemptItem.findMany({
    where: { attemptId },
    orderBy: { position: "asc" },
    select: {
      position: true,
      questionVersion: { select: { answerIndex: true, question: { select: { domainId: true } } } },
    },
  });
  let t = start.getTime();
  for (const item of items) {
    t += secondsEach * 1000 * (0.6 + rnd() * 0.8);
    const skill = Math.min(0.95, SKILL[item.questionVersion.question.domainId] + 0.12 * progress);
    const choice =
      rnd() < skill
        ? item.questionVersion.answerIndex
        : (item.questionVersion.answerIndex + 1 + Math.floor(rnd() * 3)) % 4;
    await saveAnswer(userId, attemptId, item.position + 1, { selectedIndex: choice }, new Date(t));
  }
  await submitAttempt(userId, attemptId, new Date(t + 30_000));
  return new Date(t + 30_000);
}

/** Adds the history once; a learner who already has attempts is left alone. */
export async function addDemoHistory(userId: string, timeZone: string, now = new Date()) {
  if ((await db.examAttempt.count({ where: { userId } })) > 0) return false;
  const rnd = mulberry32(2026);
  const lessons = [...getContentIndex().lessons.values()].sort(
    (a, b) => a.domainId.localeCompare(b.domainId) || a.order - b.order,
  );
  let lessonIndex = 0;
  const today = studyDay(now, timeZone).label;
  for (let back = DAYS; back >= 1; back--) {
    const day = shiftLabel(today, -back);
    const weekday = isoWeekday(day) % 7; // 0 = Sunday
    const progress = 1 - back / DAYS;
    let t = sessionStart(day, "19:30", timeZone);
    // Two full mocks, three weeks and three days back.
    if (back === 21 || back === 3) {
      const sim = await startSimulation(userId, sessionStart(day, "10:00", timeZone));
      if (sim.ok) await answerAll(userId, sim.attemptId, sessionStart(day, "10:00", timeZone), 50, progress, rnd);
      continue;
    }
    // Weeknight study, most weeks one weekend day too, and the odd night off.
    if ((weekday === 6 && back % 14 > 6) || weekday === 0 || rnd() < 0.12) continue;
    // Reviews first: about fifteen cards (new ones while the daily limit allows).
    for (let i = 0; i < 15; i++) {
      const queue = await studyQueue(userId, null, t);
      if (!queue.current) break;
      const grade = (rnd() < 0.8 ? (rnd() < 0.8 ? 3 : 4) : rnd() < 0.5 ? 1 : 2) as 1 | 2 | 3 | 4;
      await rateCard(userId, { ref: queue.current.ref, grade, requestId: queue.current.requestId }, t);
      t = new Date(t.getTime() + 8_000 + rnd() * 12_000);
    }
    if (lessonIndex < lessons.length && rnd() < 0.5) {
      t = new Date(t.getTime() + lessons[lessonIndex].minutes * 60_000);
      await markLessonComplete(userId, lessons[lessonIndex++].slug, t);
    }
    const domain = DOMAINS[back % DOMAINS.length];
    const quiz = await startPractice(
      userId,
      {
        domains: [domain as "FND"],
        weakest: false,
        count: 10,
        timed: false,
        mode: back % 2 ? "tutor" : "exam",
        only: "all",
      },
      t,
    );
    if (quiz.ok) await answerAll(userId, quiz.attemptId, t, 55, progress, rnd);
  }
  return true;
}
