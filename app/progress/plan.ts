// The study plan: exam date, study weekdays and minutes per session become a day-by-day list
// of sessions (reviews due, lessons to read, quizzes, full mocks). It is rebuilt from the
// learner's current state on every visit, so it adapts as they progress. Pure functions.
import { daysBetween, isoWeekday, nextLabel, shiftLabel as shift } from "./activity.ts";

export const SECONDS_PER_REVIEW = 10;
export const MINUTES_PER_QUESTION = 1.2;
export const MOCK_MINUTES = 135;
/** Reviews may take at most this share of a session unless there is nothing else to do. */
export const REVIEW_SHARE = 0.4;
/** Sessions listed in full; the .ics export carries them all. */
export const SESSIONS_SHOWN = 14;

export interface PlanLesson {
  slug: string;
  title: string;
  domainId: string;
  href: string;
  minutes: number;
}

export interface PlanInput {
  today: string;
  /** YYYY-MM-DD in the learner's time zone, or null when not set. */
  examDate: string | null;
  weekdays: number[];
  minutesPerSession: number;
  /** Unread lessons, most useful first. */
  lessons: PlanLesson[];
  /** Cards due per day label for the next days (today first); later days use the average. */
  dueByDay: Map<string, number>;
  /** Domains to quiz, weakest first. */
  quizDomains: { id: string; name: string }[];
  /** Day label of the last full mock, if any. */
  lastMock: string | null;
}

export type Task =
  | { kind: "reviews"; minutes: number; cards: number; href: string }
  | { kind: "lesson"; minutes: number; title: string; href: string }
  | { kind: "quiz"; minutes: number; domainId: string; domainName: string; questions: number; href: string }
  | { kind: "mock"; minutes: number; href: string; longerThanSession: boolean };

export interface Session {
  day: string;
  minutes: number;
  tasks: Task[];
  finalDay: boolean;
}

export type Plan =
  | { status: "no-date"; sessions: Session[]; notes: string[] }
  | { status: "passed"; sessions: []; notes: string[] }
  | { status: "exam-today"; sessions: []; notes: string[] }
  | { status: "ok"; sessions: Session[]; notes: string[]; daysLeft: number; unplacedLessons: number };

const ROLLING_DAYS = 28;
/** Full mocks are placed about this many days before the exam (when that is in the future). */
const MOCK_OFFSETS = [14, 4];

export function buildPlan(input: PlanInput): Plan {
  const notes: string[] = [];
  const weekdays = new Set(input.weekdays);
  let lastDay: string; // last day sessions may fall on (inclusive)
  let status: "no-date" | "ok" = "ok";
  if (!input.examDate) {
    status = "no-date";
    lastDay = shift(input.today, ROLLING_DAYS - 1);
    notes.push("Set your exam date to get a plan that counts down to it. Until then this is a rolling four-week plan.");
  } else {
    const daysLeft = daysBetween(input.today, input.examDate);
    if (daysLeft < 0)
      return {
        status: "passed",
        sessions: [],
        notes: ["Your exam date has passed. How did it go? Set your next exam date to plan again."],
      };
    if (daysLeft === 0)
      return {
        status: "exam-today",
        sessions: [],
        notes: ["Your exam is today. Skip new material: a short review of your due cards, then rest. Good luck!"],
      };
    lastDay = shift(input.examDate, -1);
  }
  const days: string[] = [];
  for (let d = input.today; d <= lastDay; d = nextLabel(d)) if (weekdays.has(isoWeekday(d))) days.push(d);
  if (input.examDate && days.length === 0) {
    // No chosen study day before the exam (e.g. it is tomorrow): plan a short session today.
    days.push(input.today);
    notes.push("None of your study days falls before the exam, so here is one session for today.");
  }

  const dueValues = [...input.dueByDay.values()];
  const averageDue = dueValues.length ? Math.round(dueValues.reduce((a, b) => a + b, 0) / dueValues.length) : 0;
  const mockDays = new Set<string>();
  if (input.examDate && days.length > 1) {
    for (const offset of MOCK_OFFSETS) {
      const target = shift(input.examDate, -offset);
      // The last study day on or before the target, but never the final day before the exam.
      const candidates = days.slice(0, -1).filter((d) => d <= target);
      const day = candidates.at(-1) ?? (offset === MOCK_OFFSETS.at(-1) ? days.at(-2) : undefined);
      if (day && !(input.lastMock && daysBetween(input.lastMock, day) < 3)) mockDays.add(day);
    }
  }

  const lessons = [...input.lessons];
  let quizTurn = 0;
  const sessions: Session[] = days.map((day, i) => {
    const finalDay = Boolean(input.examDate) && i === days.length - 1;
    const tasks: Task[] = [];
    let left = input.minutesPerSession;
    const due = input.dueByDay.get(day) ?? averageDue;
    if (mockDays.has(day)) {
      tasks.push({
        kind: "mock",
        minutes: MOCK_MINUTES,
        href: "/practice#sim-heading",
        longerThanSession: input.minutesPerSession < MOCK_MINUTES,
      });
      return { day, minutes: Math.max(input.minutesPerSession, MOCK_MINUTES), tasks, finalDay };
    }
    if (due > 0) {
      const needed = Math.ceil((due * SECONDS_PER_REVIEW) / 60);
      const minutes = Math.max(1, Math.min(needed, Math.floor(left * (finalDay ? 1 : REVIEW_SHARE)) || 1));
      tasks.push({
        kind: "reviews",
        minutes,
        cards: Math.min(due, Math.floor((minutes * 60) / SECONDS_PER_REVIEW)),
        href: "/review/study",
      });
      left -= minutes;
    }
    // The final day before the exam is for light review, not new material.
    while (
      !finalDay &&
      lessons.length &&
      (lessons[0].minutes <= left || (!tasks.some((t) => t.kind === "lesson") && lessons[0].minutes <= left * 1.5))
    ) {
      const lesson = lessons.shift()!;
      tasks.push({ kind: "lesson", minutes: lesson.minutes, title: lesson.title, href: lesson.href });
      left -= lesson.minutes;
    }
    const quizMinutes = finalDay ? Math.min(left, 15) : left;
    const questions = Math.min(50, Math.floor(quizMinutes / MINUTES_PER_QUESTION));
    if (questions >= 5 && input.quizDomains.length) {
      const domain = input.quizDomains[quizTurn++ % input.quizDomains.length];
      const minutes = Math.ceil(questions * MINUTES_PER_QUESTION);
      tasks.push({
        kind: "quiz",
        minutes,
        domainId: domain.id,
        domainName: domain.name,
        questions,
        href: `/practice?domains=${domain.id}&count=${questions}`,
      });
      left -= minutes;
    }
    return { day, minutes: input.minutesPerSession - Math.max(0, left), tasks, finalDay };
  });

  if (status === "no-date") return { status, sessions, notes };
  if (lessons.length) {
    notes.push(
      `${lessons.length} lesson${lessons.length === 1 ? "" : "s"} will not fit before the exam at this pace. Add a study day or lengthen your sessions.`,
    );
  }
  if (!mockDays.size && input.examDate)
    notes.push("There is not enough time for a full mock before the exam in your study days; take one if you can.");
  return {
    status: "ok",
    sessions,
    notes,
    daysLeft: daysBetween(input.today, input.examDate!),
    unplacedLessons: lessons.length,
  };
}

/** One line describing a task, for the plan page and calendar events. */
export function taskLine(t: Task): string {
  switch (t.kind) {
    case "reviews":
      return `Review about ${t.cards} due cards (${t.minutes} min)`;
    case "lesson":
      return `Read: ${t.title} (${t.minutes} min)`;
    case "quiz":
      return `Practice quiz: ${t.questions} ${t.domainName} questions (${t.minutes} min)`;
    case "mock":
      return `Full mock exam: 135 questions in ${t.minutes} minutes`;
  }
}
