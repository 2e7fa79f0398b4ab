// The signed-in learner's home, Today (issue 19): due reviews, the attempt to resume, the next
// lesson, today's plan with check marks, the exam countdown and chance of passing, the streak and
// the weekly goal, gathered in one round of parallel reads over the data the progress pages
// already cache and roll up (the dashboard's evidence, the study queue's counts).
// Home data functions return only JSON values (dates as strings or labels): the home components
// type their props from them.
import { studentAssignments } from "~/assignments/student.server.ts";
import { history } from "~/exam/attempts.server.ts";
import { formatDuration } from "~/exam/timing.ts";
import { findPlanDay } from "~/models/plan-day.server.ts";
import { weeklyGoalDays } from "~/models/preferences.server.ts";
import { recentRatingTimes } from "~/models/workload.server.ts";
import { progressDashboard } from "~/progress/dashboard.server.ts";
import { SECONDS_PER_REVIEW } from "~/progress/plan.ts";
import { backlogStatus } from "~/review/catch-up.server.ts";
import { studyQueue } from "~/review/review.server.ts";
import { studyDay } from "~/review/study-day.ts";
import { PACE_SAMPLE } from "~/review/workload.server.ts";
import { secondsPerReview } from "~/review/workload.ts";
import type { AuthUser } from "~/utils/auth.server.ts";
import { checkedTasks, studyEvidence, todaysTasks } from "./today-plan.server.ts";
import { calendarDate, dayWords, weeklyGoal } from "./today.ts";

const ATTEMPT_NAMES = { simulation: "Full mock exam", practice: "Practice quiz", assignment: "Class assignment" };

export async function learnerHome(user: AuthUser & { locale?: string }, now = new Date()) {
  const day = studyDay(now, user.timeZone);
  const [dashboard, queue, attempts, backlog, all, ratingTimes, stored, evidence, goalDays] = await Promise.all([
    progressDashboard(user.id, now),
    studyQueue(user.id, null, now),
    history(user.id, now),
    backlogStatus(user.id, { exact: false, now }),
    studentAssignments(user.id, { timeZone: user.timeZone, locale: user.locale }, now),
    recentRatingTimes(user.id, PACE_SAMPLE),
    findPlanDay(user.id, day.label),
    studyEvidence(user.id, day.start),
    weeklyGoalDays(user.id),
  ]);
  const today = dashboard.today;

  // Reviews: what the study queue will show now, at the learner's own pace when the log can tell.
  const pace = secondsPerReview(ratingTimes);
  const seconds = pace.measured ? pace.seconds : SECONDS_PER_REVIEW;
  const { due, new: newCards, doneToday, reviewLimitReached } = queue.counts;
  const next = dashboard.forecast.find((f) => f.day > today && f.count > 0);
  const reviews = {
    due,
    newCards,
    doneToday,
    minutes: Math.max(1, Math.ceil(((due + newCards) * seconds) / 60)),
    secondsPerReview: seconds,
    measuredPace: pace.measured,
    limitReached: reviewLimitReached,
    next: next ? { when: dayWords(next.day, today, user.locale), cards: next.count } : null,
  };

  // The unfinished attempt, newest first (history grades the expired ones it finds).
  const open = attempts.find((a) => a.status === "in_progress");
  const resume = open
    ? {
        id: open.id,
        name: ATTEMPT_NAMES[open.kind as keyof typeof ATTEMPT_NAMES] ?? "Quiz",
        items: open.items,
        timeLeft: open.secondsLeft === null ? null : formatDuration(open.secondsLeft),
      }
    : null;

  const plan = dashboard.plan;
  const session = plan.sessions[0]?.day === today ? plan.sessions[0] : undefined;
  const tasks = await todaysTasks(user.id, today, stored, session?.tasks ?? []);
  const upcoming = plan.sessions.find((s) => s.day > today);
  const nextLesson = plan.sessions.flatMap((s) => s.tasks).find((t) => t.kind === "lesson");

  const studied = dashboard.calendar.filter((c) => c.reviews + c.answers + c.lessons > 0).map((c) => c.day);
  const readiness = dashboard.readiness;

  return {
    name: user.name,
    date: calendarDate(today, user.locale),
    reviews,
    resume,
    nextLesson:
      nextLesson?.kind === "lesson"
        ? { title: nextLesson.title, href: nextLesson.href, minutes: nextLesson.minutes }
        : null,
    lessonsLeft: dashboard.lessonsTotal - dashboard.lessonsDone,
    plan: {
      tasks: checkedTasks(tasks, {
        reviewsLeft: due,
        ratingsToday: doneToday,
        completedLessons: evidence.completedLessons,
        quizDomainsToday: evidence.quizDomainsToday,
        mockToday: evidence.mockToday,
      }),
      nextSession: session || !upcoming ? null : dayWords(upcoming.day, today, user.locale),
    },
    exam: {
      status: plan.status,
      daysLeft: plan.status === "ok" ? plan.daysLeft : null,
      date: dashboard.prefs.examDate ? calendarDate(dashboard.prefs.examDate, user.locale) : null,
      passChance: readiness.status === "estimate" ? Math.round(readiness.probability * 100) : null,
    },
    streak: dashboard.streak,
    weeklyGoal: weeklyGoal({ today, studiedDays: studied, goalDays, studyWeekdays: dashboard.prefs.weekdays.length }),
    catchUp: backlog.plan ? ("running" as const) : backlog.backlog ? ("offer" as const) : null,
    assignments: all.filter((a) => a.status === "not_started" || a.status === "in_progress" || a.status === "not_open"),
  };
}
