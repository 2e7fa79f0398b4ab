// Rules of the learner's Today page that need no database: which of the day's snapshotted plan
// tasks are done (from real evidence), the weekly goal, and how a day label reads. Pure functions.
import { z } from "zod";
import { isoWeekday, shiftLabel } from "~/progress/activity.ts";
import type { Task } from "~/progress/plan.ts";
import { formatDay } from "~/utils/dates.ts";

/** What the learner really did today, as the done marks read it. */
export interface DoneEvidence {
  /** Review cards still waiting today (the study queue's count, within the day's limits). */
  reviewsLeft: number;
  /** Ratings given since the study day began. */
  ratingsToday: number;
  /** Slugs of the lessons marked complete (any day: a lesson read is read). */
  completedLessons: ReadonlySet<string>;
  /** Exam domains answered in practice quizzes submitted today. */
  quizDomainsToday: ReadonlySet<string>;
  /** A full mock was submitted today. */
  mockToday: boolean;
}

/** The lesson's slug from its href (/learn/<domain>/<slug>). */
export function lessonSlugOf(href: string): string {
  return href.split(/[?#]/)[0].split("/").filter(Boolean).at(-1) ?? "";
}

export function taskDone(task: Task, e: DoneEvidence): boolean {
  switch (task.kind) {
    case "reviews":
      return e.reviewsLeft === 0 || e.ratingsToday >= task.cards;
    case "lesson":
      return e.completedLessons.has(lessonSlugOf(task.href));
    case "quiz":
      return e.quizDomainsToday.has(task.domainId);
    case "mock":
      return e.mockToday;
    default:
      return false;
  }
}

// Stored snapshots are read back leniently: the plan's Task type may gain fields over time, and a
// snapshot that no longer reads is replaced by the live session rather than failing the page.
const storedTask = z.discriminatedUnion("kind", [
  z.looseObject({ kind: z.literal("reviews"), minutes: z.number(), cards: z.number(), href: z.string() }),
  z.looseObject({ kind: z.literal("lesson"), minutes: z.number(), title: z.string(), href: z.string() }),
  z.looseObject({
    kind: z.literal("quiz"),
    minutes: z.number(),
    domainId: z.string(),
    domainName: z.string(),
    questions: z.number(),
    href: z.string(),
  }),
  z.looseObject({ kind: z.literal("mock"), minutes: z.number(), href: z.string(), longerThanSession: z.boolean() }),
]);

/** A stored day's tasks, or null when the text is not a task list this version understands. */
export function decodeTasks(json: string): Task[] | null {
  try {
    const parsed = z.array(storedTask).safeParse(JSON.parse(json));
    return parsed.success ? (parsed.data as Task[]) : null;
  } catch {
    return null;
  }
}

/** The Monday (YYYY-MM-DD) of the ISO week holding `day`. */
export function weekStart(day: string): string {
  return shiftLabel(day, 1 - isoWeekday(day));
}

/**
 * Study days this week (Monday to today) against the goal: the learner's own number of days, or
 * when unset, as many days as they chose to study on.
 */
export function weeklyGoal(input: {
  today: string;
  studiedDays: Iterable<string>;
  goalDays: number | null;
  studyWeekdays: number;
}) {
  const monday = weekStart(input.today);
  let done = 0;
  for (const day of input.studiedDays) if (day >= monday && day <= input.today) done++;
  const goal = input.goalDays ?? Math.max(1, input.studyWeekdays);
  return { done, goal, met: done >= goal, custom: input.goalDays !== null };
}

/** A day label (a calendar date, no zone) as people read it: "Dec 9, 2026". */
export function calendarDate(label: string, locale?: string): string {
  return formatDay(label, "date", locale);
}

/** A day label relative to today: "today", "tomorrow" or its date. */
export function dayWords(label: string, today: string, locale?: string): string {
  if (label === today) return "today";
  if (label === shiftLabel(today, 1)) return "tomorrow";
  return calendarDate(label, locale);
}
