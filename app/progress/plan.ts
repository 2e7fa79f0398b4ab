// The study plan: exam date, study weekdays and minutes per session become a day-by-day list
// of sessions (reviews due, lessons to read, quizzes, full mocks). It is rebuilt from the
// learner's current state on every visit, so it adapts as they progress and a missed day's work
// simply moves to the next sessions. Every session fits the minutes chosen: a full mock goes on
// a day the learner marked as long, or is proposed as a block of its own. Pure functions.
import { daysBetween, isoWeekday, nextLabel, shiftLabel as shift } from "./activity.ts";

export const SECONDS_PER_REVIEW = 10;
export const MINUTES_PER_QUESTION = 1.2;
export const MOCK_MINUTES = 135;
/** Reviews may take at most this share of a session unless there is nothing else to do. */
export const REVIEW_SHARE = 0.4;
/** Sessions listed in full; the .ics export carries them all. */
export const SESSIONS_SHOWN = 14;
/** Past study days without any study within this many days are reported as missed. */
export const MISSED_DAYS_WINDOW = 7;
/** A lesson longer than the time left is read in parts, none shorter than this. */
const MIN_READING_PART = 5;

/**
 * The order lessons are studied in, defined once: stages from foundations to the applied
 * domains, each a list of domain or knowledge-area ids (a lesson belongs to the first stage that
 * names one of its areas or its domain). Medical terminology comes first because every other
 * domain's reading uses it. Within a stage the weakest domain goes first, then the lesson order.
 */
export const STUDY_STAGES: readonly { name: string; ids: readonly string[] }[] = [
  { name: "Medical terminology", ids: ["FND.K04", "FND.K05", "FND.K06"] },
  { name: "Foundations of health care", ids: ["FND"] },
  { name: "Communication, law and ethics", ids: ["COM", "LAW"] },
  { name: "The patient's visit", ids: ["SCH", "ENC"] },
  { name: "Billing and running the office", ids: ["BIL", "ADM"] },
];
/** The rule above in one sentence, for the plan page. */
export const LESSON_ORDER_RULE =
  "Lessons go from the foundations to the applied domains: medical terminology first, then the basics of health care, then communication and law, then scheduling and the patient's visit, and billing and office procedures last; within each step your weakest domain comes first.";

export interface PlanLesson {
  slug: string;
  title: string;
  domainId: string;
  href: string;
  minutes: number;
}

/** A lesson as the content index describes it, for `studyOrder`. */
export interface OrderableLesson {
  domainId: string;
  knowledgeAreas: readonly string[];
  order: number;
  title: string;
}

/** The stage of a lesson (index into STUDY_STAGES); lessons no stage names go last. */
export function lessonStage(lesson: Pick<OrderableLesson, "domainId" | "knowledgeAreas">): number {
  const stage = STUDY_STAGES.findIndex((s) =>
    s.ids.some((id) => id === lesson.domainId || lesson.knowledgeAreas.includes(id)),
  );
  return stage === -1 ? STUDY_STAGES.length : stage;
}

/** Lessons in study order: stage, then the weaker domain (`domainRank`, 0 = weakest), then the
 * domain's own lesson order. */
export function studyOrder<L extends OrderableLesson>(lessons: readonly L[], domainRank: Map<string, number>): L[] {
  const rank = (id: string) => domainRank.get(id) ?? Number.MAX_SAFE_INTEGER;
  return lessons
    .map((l) => ({ l, stage: lessonStage(l) }))
    .sort(
      (a, b) =>
        a.stage - b.stage ||
        rank(a.l.domainId) - rank(b.l.domainId) ||
        a.l.order - b.l.order ||
        a.l.title.localeCompare(b.l.title),
    )
    .map(({ l }) => l);
}

export interface PlanInput {
  today: string;
  /** YYYY-MM-DD in the learner's time zone, or null when not set. */
  examDate: string | null;
  weekdays: number[];
  minutesPerSession: number;
  /** Unread lessons in study order (`studyOrder`). */
  lessons: PlanLesson[];
  /** Cards due per day label for the next days (today first, overdue included); later days use
   * the average. */
  dueByDay: Map<string, number>;
  /** Domains to quiz, weakest first. */
  quizDomains: { id: string; name: string }[];
  /** Day label of the last full mock, if any. */
  lastMock: string | null;
  /** ISO weekdays with time for a full mock (MOCK_MINUTES); mocks go only on these. */
  longWeekdays?: number[];
  /** Day labels with no study. */
  daysOff?: string[];
  /** Recent study days with no study (`missedStudyDays`), for the note saying where their work went. */
  missedDays?: string[];
}

export type Task =
  | { kind: "reviews"; minutes: number; cards: number; href: string }
  | {
      kind: "lesson";
      minutes: number;
      title: string;
      href: string;
      /** Set when a lesson longer than the time left is read over several sessions. */
      part?: "start" | "continue" | "finish";
    }
  | { kind: "quiz"; minutes: number; domainId: string; domainName: string; questions: number; href: string }
  | { kind: "mock"; minutes: number; href: string; longerThanSession: boolean };

export interface Session {
  day: string;
  /** Minutes of the session's tasks: never more than the learner's minutes, or MOCK_MINUTES on a
   * long day with a mock. */
  minutes: number;
  tasks: Task[];
  finalDay: boolean;
}

/** A full mock with no long day to go on: the learner picks a day, around `day`. */
export interface MockProposal {
  day: string;
  minutes: number;
  href: string;
}

export type Plan =
  | { status: "no-date"; sessions: Session[]; notes: string[]; mockProposals: [] }
  | { status: "passed"; sessions: []; notes: string[]; mockProposals: [] }
  | { status: "exam-today"; sessions: []; notes: string[]; mockProposals: [] }
  | {
      status: "ok";
      sessions: Session[];
      notes: string[];
      daysLeft: number;
      unplacedLessons: number;
      mockProposals: MockProposal[];
    };

const ROLLING_DAYS = 28;
/** Full mocks are placed about this many days before the exam (when that is in the future). */
const MOCK_OFFSETS = [14, 4];
/** No mock within this many days of the last one. */
const MOCK_SPACING_DAYS = 3;
const MOCK_HREF = "/practice#sim-heading";

/** Recent study days (weekday chosen, not a day off, on or after `since`) with no study. */
export function missedStudyDays(input: {
  today: string;
  weekdays: number[];
  daysOff: string[];
  studied: Set<string>;
  /** The first day the learner studied: days before it are not missed. */
  since: string | null;
}): string[] {
  if (!input.since) return [];
  const weekdays = new Set(input.weekdays);
  const off = new Set(input.daysOff);
  const missed: string[] = [];
  for (let back = MISSED_DAYS_WINDOW; back >= 1; back--) {
    const day = shift(input.today, -back);
    if (day >= input.since && weekdays.has(isoWeekday(day)) && !off.has(day) && !input.studied.has(day))
      missed.push(day);
  }
  return missed;
}

const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

function listWords(words: string[]) {
  return words.length < 3 ? words.join(" and ") : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

function missedNote(missed: string[]): string {
  // Within the last week a weekday names the day unambiguously.
  const names = listWords(missed.map((d) => WEEKDAY_NAMES[isoWeekday(d) - 1]));
  return missed.length === 1
    ? `You missed ${names}; its lessons moved to the next sessions, which still fit your minutes.`
    : `You missed ${names}; their lessons moved to the next sessions, which still fit your minutes.`;
}

/** Where the full mocks go: on long days when one falls in time, otherwise proposed. */
function placeMocks(input: PlanInput, window: string[], daysOff: Set<string>) {
  const examDate = input.examDate!;
  const long = new Set(input.longWeekdays ?? []);
  const longDays = window.filter((d) => long.has(isoWeekday(d)));
  const free = window.filter((d) => !daysOff.has(d));
  const onLongDays = new Set<string>();
  const proposals: MockProposal[] = [];
  MOCK_OFFSETS.forEach((offset, i) => {
    const last = i === MOCK_OFFSETS.length - 1;
    const target = shift(examDate, -offset);
    if (target < input.today && !last) return; // too late for the early mock
    // The last day on or before the target; the last mock may go later rather than not at all.
    const pick = (days: string[]) => days.filter((d) => d <= target).at(-1) ?? (last ? days.at(-1) : undefined);
    const longDay = pick(longDays);
    const day = longDay ?? pick(free);
    if (!day) return;
    if (input.lastMock && daysBetween(input.lastMock, day) < MOCK_SPACING_DAYS) return;
    if (onLongDays.has(day) || proposals.some((p) => p.day === day)) return;
    if (longDay) onLongDays.add(day);
    else proposals.push({ day, minutes: MOCK_MINUTES, href: MOCK_HREF });
  });
  return { onLongDays, proposals };
}

export function buildPlan(input: PlanInput): Plan {
  const notes: string[] = [];
  const weekdays = new Set(input.weekdays);
  const daysOff = new Set(input.daysOff ?? []);
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
        mockProposals: [],
      };
    if (daysLeft === 0)
      return {
        status: "exam-today",
        sessions: [],
        notes: ["Your exam is today. Skip new material: a short review of your due cards, then rest. Good luck!"],
        mockProposals: [],
      };
    lastDay = shift(input.examDate, -1);
  }
  if (input.missedDays?.length) notes.push(missedNote(input.missedDays));
  const studyDays: string[] = [];
  for (let d = input.today; d <= lastDay; d = nextLabel(d))
    if (weekdays.has(isoWeekday(d)) && !daysOff.has(d)) studyDays.push(d);
  if (input.examDate && studyDays.length === 0) {
    if (daysOff.has(input.today)) {
      notes.push("None of your study days falls before the exam and today is a day off: rest, and good luck!");
    } else {
      // No chosen study day before the exam (e.g. it is tomorrow): plan a short session today.
      studyDays.push(input.today);
      notes.push("None of your study days falls before the exam, so here is one session for today.");
    }
  }
  const finalStudyDay = input.examDate ? studyDays.at(-1) : undefined;

  // Mocks: before the final study day (kept for light review), never on a day off.
  let mocks = { onLongDays: new Set<string>(), proposals: [] as MockProposal[] };
  if (input.examDate && finalStudyDay) {
    const window: string[] = [];
    for (let d = input.today; d < finalStudyDay; d = nextLabel(d)) if (!daysOff.has(d)) window.push(d);
    mocks = placeMocks(input, window, daysOff);
  }
  const sessionDays = [...new Set([...studyDays, ...mocks.onLongDays])].sort();

  const dueValues = [...input.dueByDay.values()];
  const averageDue = dueValues.length ? Math.round(dueValues.reduce((a, b) => a + b, 0) / dueValues.length) : 0;
  const dueOn = (day: string) => input.dueByDay.get(day) ?? averageDue;

  const lessons = input.lessons.map((l) => ({ ...l, left: l.minutes }));
  let quizTurn = 0;
  // Cards due since the previous session, plus those it had no room for: reviews never take
  // more than their share of a session, so a backlog (from missed days too) spreads forward.
  let backlog = 0;
  let counted = shift(input.today, -1); // the last day whose due cards are counted
  const sessions: Session[] = sessionDays.map((day) => {
    const finalDay = day === finalStudyDay;
    const tasks: Task[] = [];
    const mock = mocks.onLongDays.has(day);
    const budget = mock ? Math.max(input.minutesPerSession, MOCK_MINUTES) : input.minutesPerSession;
    let left = budget;
    for (; counted < day; counted = nextLabel(counted)) backlog += dueOn(nextLabel(counted));
    if (mock) {
      tasks.push({
        kind: "mock",
        minutes: MOCK_MINUTES,
        href: MOCK_HREF,
        longerThanSession: input.minutesPerSession < MOCK_MINUTES,
      });
      left -= MOCK_MINUTES;
    }
    const reviewRoom = finalDay ? left : Math.floor(left * REVIEW_SHARE);
    if (backlog > 0 && reviewRoom >= 1) {
      const needed = Math.ceil((backlog * SECONDS_PER_REVIEW) / 60);
      const minutes = Math.min(needed, reviewRoom);
      const cards = Math.min(backlog, Math.floor((minutes * 60) / SECONDS_PER_REVIEW));
      tasks.push({ kind: "reviews", minutes, cards, href: "/review/study" });
      backlog -= cards;
      left -= minutes;
    }
    // The final day before the exam is for light review, not new material.
    while (!finalDay && lessons.length) {
      const lesson = lessons[0];
      const started = lesson.left < lesson.minutes;
      if (lesson.left <= left) {
        tasks.push({
          kind: "lesson",
          minutes: lesson.left,
          title: lesson.title,
          href: lesson.href,
          ...(started ? { part: "finish" as const } : {}),
        });
        left -= lesson.left;
        lessons.shift();
        continue;
      }
      // Longer than what is left: read it in even parts rather than overrun the session.
      if (!tasks.some((t) => t.kind === "lesson") && left >= MIN_READING_PART) {
        const part = Math.ceil(lesson.left / Math.ceil(lesson.left / left));
        tasks.push({
          kind: "lesson",
          minutes: part,
          title: lesson.title,
          href: lesson.href,
          part: started ? "continue" : "start",
        });
        lesson.left -= part;
        left -= part;
      }
      break;
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
    return { day, minutes: budget - left, tasks, finalDay };
  });

  if (status === "no-date") return { status, sessions, notes, mockProposals: [] };
  if (lessons.length) {
    notes.push(
      `${lessons.length} lesson${lessons.length === 1 ? "" : "s"} will not fit before the exam at this pace. Add a study day or lengthen your sessions.`,
    );
  }
  if (!mocks.onLongDays.size && !mocks.proposals.length)
    notes.push("There is not enough time for a full mock before the exam in your study days; take one if you can.");
  return {
    status: "ok",
    sessions,
    notes,
    daysLeft: daysBetween(input.today, input.examDate!),
    unplacedLessons: lessons.length,
    mockProposals: mocks.proposals,
  };
}

/** One line describing a task, for the plan page and calendar events. */
export function taskLine(t: Task): string {
  switch (t.kind) {
    case "reviews":
      return `Review about ${t.cards} due cards (${t.minutes} min)`;
    case "lesson":
      if (t.part === "start") return `Start reading: ${t.title} (${t.minutes} min)`;
      if (t.part === "continue") return `Keep reading: ${t.title} (${t.minutes} min)`;
      if (t.part === "finish") return `Finish reading: ${t.title} (${t.minutes} min)`;
      return `Read: ${t.title} (${t.minutes} min)`;
    case "quiz":
      return `Practice quiz: ${t.questions} ${t.domainName} questions (${t.minutes} min)`;
    case "mock":
      return `Full mock exam: 135 questions in ${t.minutes} minutes`;
  }
}

/** "2 h 15 min" for a number of minutes. */
export function hoursAndMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h ? `${h} h${m ? ` ${m} min` : ""}` : `${m} min`;
}
