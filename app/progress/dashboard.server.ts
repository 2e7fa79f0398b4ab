// The progress dashboard and study plan: loads a learner's evidence once and derives mastery,
// readiness, charts and the plan from it.
import { LRUCache } from "lru-cache";
import { getContentIndex } from "~/content/index.server.ts";
import { completedLessonSlugs } from "~/models/lesson-completion.server.ts";
import { learnerPreferences } from "~/models/preferences.server.ts";
import * as store from "~/models/progress.server.ts";
import { decodeWeights } from "~/models/json-columns.ts";
import { studyDay, studyDays } from "~/review/study-day.ts";
import { dayRange, shiftLabel, streaks } from "./activity.ts";
import { parseDaysOff } from "./forms.ts";
import { recencyWeight, tallyMastery, weakestAreas, type AnswerEvidence } from "./mastery.ts";
import { buildPlan, missedStudyDays, MISSED_DAYS_WINDOW, studyOrder, type PlanLesson } from "./plan.ts";
import { estimateReadiness, READINESS_WINDOW_DAYS, type DomainEvidence } from "./readiness.ts";
import { mockCounts } from "./mock-rule.ts";
import { rollUpActivity } from "./rollup.server.ts";
import { cardSummary, submittedAnswerCounts } from "./evidence-cache.server.ts";

const DAY_MS = 86_400_000;
/** Answers older than this barely weigh (2^-6) and are not loaded. */
const EVIDENCE_DAYS = 180;
export const CALENDAR_WEEKS = 26;
const MINUTES_DAYS = 30;
const FORECAST_DAYS = 30;
/** Tutor mode shows the answer after each item, so its accuracy says less about exam day. */
const SOURCE_WEIGHT: Record<string, number> = { exam: 1, tutor: 0.5 };

export function parseWeekdays(value: string): number[] {
  return [
    ...new Set(
      value
        .split(",")
        .map(Number)
        .filter((n) => Number.isInteger(n) && n >= 1 && n <= 7),
    ),
  ].sort();
}

/** Answers from the learner's submitted attempts of the last EVIDENCE_DAYS, counted per attempt
 * and knowledge area, dated when the attempt was submitted. */
async function recentAnswers(attempts: { id: string; mode: string; submittedAt: Date | null }[], now: Date) {
  const since = now.getTime() - EVIDENCE_DAYS * DAY_MS;
  const recent = attempts.filter((a) => a.submittedAt && a.submittedAt.getTime() >= since);
  const attemptById = new Map(recent.map((a) => [a.id, a]));
  return (await submittedAnswerCounts(recent.map((a) => a.id))).map((r) => {
    const attempt = attemptById.get(r.attemptId)!;
    return {
      ...r,
      at: attempt.submittedAt!,
      sourceWeight: SOURCE_WEIGHT[attempt.mode] ?? 1,
    } satisfies AnswerEvidence & { sourceWeight: number };
  });
}

/** Mastery per domain only (for an instructor's roster): the same maths, fewer queries. */
export async function domainMastery(userId: string, now = new Date()) {
  const [prefs, attempts] = await Promise.all([learnerPreferences(userId), store.attemptSummaries(userId)]);
  const [answers, memory] = await Promise.all([
    recentAnswers(attempts, now),
    store.cardMemory(userId, now, decodeWeights(prefs.fsrsWeights)),
  ]);
  const tally = tallyMastery({ answers, memory, now });
  return getContentIndex().domains.map((d) => ({ id: d.id, name: d.name, mastery: tally.domain(d.id).mastery }));
}

type Preferences = Awaited<ReturnType<typeof learnerPreferences>>;

async function loadEvidence(userId: string, now: Date, prefs: Preferences, cardsStamp: string) {
  const today = studyDay(now, prefs.timeZone);
  const calendarStart = dayRange(today.label, CALENDAR_WEEKS * 7)[0];
  // Forecast days are study days (4 a.m. to 4 a.m. local, 23 or 25 hours across DST).
  const forecastDays = studyDays(now, prefs.timeZone, FORECAST_DAYS);
  const [attempts, { memory, due }, activity, completed] = await Promise.all([
    store.attemptSummaries(userId),
    cardSummary(
      userId,
      cardsStamp,
      now,
      decodeWeights(prefs.fsrsWeights),
      forecastDays.map((d) => d.end),
    ),
    store.activityDays(userId, calendarStart),
    completedLessonSlugs(userId),
  ]);
  const forecast = forecastDays.map((d, i) => ({ day: d.label, count: due[i] }));
  const answers = await recentAnswers(attempts, now);
  return { prefs, today, attempts, memory, forecast, activity, completed, answers };
}

type Evidence = Awaited<ReturnType<typeof loadEvidence>>;

function derive(e: Evidence, now: Date) {
  const index = getContentIndex();
  const tally = tallyMastery({ answers: e.answers, memory: e.memory, now });
  const domains = index.domains.map((d) => {
    const score = tally.domain(d.id);
    return { id: d.id, name: d.name, slug: d.slug, weight: d.weight, ...score };
  });

  // Knowledge areas: the three weakest, each with a lesson to read and a quiz to take.
  const areaRefs = index.domains.flatMap((d) =>
    d.knowledgeAreas
      .filter((k) => !k.retired)
      .map((k) => ({ id: k.id, name: k.title, domainId: d.id, domainWeight: d.weight })),
  );
  const lessons = [...index.lessons.values()].sort((a, b) => a.order - b.order);
  const weakest = weakestAreas(areaRefs, tally.area).map((a) => {
    const lesson = lessons.find((l) => l.knowledgeAreas.includes(a.id));
    return {
      id: a.id,
      name: a.name,
      domainId: a.domainId,
      mastery: a.score.mastery,
      answers: a.score.answers,
      cards: a.score.cards,
      lesson: lesson ? { title: lesson.title, href: `/learn/${lesson.domainSlug}/${lesson.slug}` } : null,
    };
  });

  // Readiness uses the last 90 days, weighted by recency and by how exam-like the source was.
  const windowStart = now.getTime() - READINESS_WINDOW_DAYS * DAY_MS;
  const evidence = new Map<string, { correct: number; wrong: number; answers: number }>();
  for (const a of e.answers) {
    if (a.at.getTime() < windowStart) continue;
    const w = recencyWeight(a.at, now) * a.sourceWeight;
    const ev =
      evidence.get(a.domainId) ?? evidence.set(a.domainId, { correct: 0, wrong: 0, answers: 0 }).get(a.domainId)!;
    ev.correct += w * a.correct;
    ev.wrong += w * (a.answered - a.correct);
    ev.answers += a.answered;
  }
  const domainEvidence: DomainEvidence[] = domains.map((d) => ({
    domainId: d.id,
    name: d.name,
    weight: d.weight,
    correct: evidence.get(d.id)?.correct ?? 0,
    wrong: evidence.get(d.id)?.wrong ?? 0,
    answers: evidence.get(d.id)?.answers ?? 0,
    memory: d.memory,
  }));
  // Mocks answered too little to count (MOCK_MIN_ANSWERED_SHARE) are named on the page instead.
  const simulations = e.attempts.filter(mockCounts);
  const uncountedMocks = e.attempts
    .filter((a) => a.kind === "simulation" && !mockCounts(a))
    .slice(0, 5)
    .map((a) => ({
      day: studyDay(a.submittedAt!, e.prefs.timeZone).label,
      answered: a.answeredCount ?? 0,
      items: a.itemCount,
    }));
  const recentMocks = simulations.filter((a) => a.submittedAt!.getTime() >= windowStart).length;
  const readiness = estimateReadiness(domainEvidence, { recentMocks });

  const tz = e.prefs.timeZone;
  // Review forecast: day 0 is today, overdue included.
  const forecast = e.forecast;

  // Activity: the calendar, minutes per day and streaks.
  const byDay = new Map(e.activity.map((a) => [a.day, a]));
  const calendar = dayRange(e.today.label, CALENDAR_WEEKS * 7).map((day) => {
    const a = byDay.get(day);
    return {
      day,
      minutes: a ? Math.round(a.seconds / 60) : 0,
      reviews: a?.reviews ?? 0,
      answers: a?.answers ?? 0,
      lessons: a?.lessons ?? 0,
    };
  });
  const minutesPerDay = calendar.slice(-MINUTES_DAYS).map(({ day, minutes }) => ({ day, minutes }));
  const streak = streaks(
    e.activity.filter((a) => a.reviews + a.answers + a.lessons > 0).map((a) => a.day),
    e.today.label,
  );

  const scoreTrend = simulations
    .slice(0, 20)
    .reverse()
    .map((a) => ({
      day: studyDay(a.submittedAt!, tz).label,
      scaled: a.scaledScore ?? 0,
      percent: a.scoredTotal ? Math.round((100 * (a.scoredCorrect ?? 0)) / a.scoredTotal) : 0,
    }));

  // The plan: unread lessons in study order (foundations first, the weaker domain first within
  // a stage), quizzes on the weakest domains, reviews as forecast.
  const domainRank = new Map<string, number>(
    [...domains].sort((a, b) => (a.mastery ?? 0) - (b.mastery ?? 0) || b.weight - a.weight).map((d, i) => [d.id, i]),
  );
  const unread: PlanLesson[] = studyOrder(
    lessons.filter((l) => !e.completed.has(l.slug)),
    domainRank,
  ).map((l) => ({
    slug: l.slug,
    title: l.title,
    domainId: l.domainId,
    href: `/learn/${l.domainSlug}/${l.slug}`,
    minutes: l.minutes,
  }));
  const quizDomains = [...domains]
    .sort((a, b) => domainRank.get(a.id)! - domainRank.get(b.id)!)
    .slice(0, 3)
    .map((d) => ({ id: d.id, name: d.name }));
  // The exam date is a calendar date, stored as midnight UTC.
  const examDate = e.prefs.examDate ? e.prefs.examDate.toISOString().slice(0, 10) : null;
  const weekdays = parseWeekdays(e.prefs.studyWeekdays);
  const longWeekdays = parseWeekdays(e.prefs.longWeekdays);
  const daysOff = parseDaysOff(e.prefs.daysOff, e.today.label);
  const studied = e.activity.filter((a) => a.reviews + a.answers + a.lessons > 0).map((a) => a.day);
  const plan = buildPlan({
    today: e.today.label,
    examDate,
    weekdays,
    minutesPerSession: e.prefs.studyMinutes,
    lessons: unread,
    dueByDay: new Map(forecast.map((f) => [f.day, f.count])),
    quizDomains,
    lastMock: simulations[0]?.submittedAt ? studyDay(simulations[0].submittedAt, tz).label : null,
    longWeekdays,
    daysOff,
    // Days before the learner first studied are not "missed" (a new account has none).
    missedDays: missedStudyDays({
      today: e.today.label,
      weekdays,
      daysOff: parseDaysOff(e.prefs.daysOff, shiftLabel(e.today.label, -MISSED_DAYS_WINDOW)),
      studied: new Set(studied),
      since: studied.length ? studied.reduce((a, b) => (a < b ? a : b)) : null,
    }),
  });

  return {
    today: e.today.label,
    timeZone: tz,
    domains: domains.map(({ id, name, slug, weight, mastery, answers, cards }) => ({
      id,
      name,
      slug,
      weightPercent: Math.round(weight * 100),
      mastery,
      answers,
      cards,
    })),
    weakest,
    readiness,
    forecast,
    calendar,
    minutesPerDay,
    streak,
    scoreTrend,
    uncountedMocks,
    lessonsDone: e.completed.size,
    lessonsTotal: lessons.length,
    plan,
    prefs: {
      examDate,
      weekdays,
      longWeekdays,
      daysOff,
      minutes: e.prefs.studyMinutes,
      startTime: e.prefs.studyStartTime,
    },
  };
}

// The derived dashboard, per learner, for as long as nothing it is derived from changes: a
// reload, the plan page and the home page reuse it, and a rating, a submitted attempt, a finished
// lesson, new activity or a settings change (all in the key) derive it afresh. The clock is in
// the key in DERIVED_MINUTES steps: mastery's recency weights and recall drift negligibly within
// one, and the study day is in it too.
const DERIVED_MINUTES = 5;
const derived = new LRUCache<string, Dashboard>({ max: 500, ttl: DERIVED_MINUTES * 60_000 });

export async function progressDashboard(userId: string, now = new Date()): Promise<Dashboard> {
  const prefs = await learnerPreferences(userId);
  await rollUpActivity(userId, prefs.timeZone, now);
  const stamp = await store.progressStamp(userId, now);
  const key = [
    userId,
    Math.floor(now.getTime() / (DERIVED_MINUTES * 60_000)),
    studyDay(now, prefs.timeZone).label,
    stamp.cards,
    stamp.evidence,
    JSON.stringify(prefs),
  ].join("|");
  const cached = derived.get(key);
  if (cached) return cached;
  const dashboard = derive(await loadEvidence(userId, now, prefs, stamp.cards), now);
  derived.set(key, dashboard);
  return dashboard;
}

export type Dashboard = ReturnType<typeof derive>;
