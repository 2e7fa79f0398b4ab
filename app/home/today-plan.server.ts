// Today's plan items with check marks. The study plan is rebuilt from the learner's state on every
// visit, so a task finished this morning would vanish from it by the evening: the day's session is
// stored (models/plan-day) the first time Today shows it, and each stored task is then marked
// done from real evidence (today.ts's rules).
import { savePlanDayOnce } from "~/models/plan-day.server.ts";
import { completedLessonSlugs } from "~/models/lesson-completion.server.ts";
import { attemptSummaries } from "~/models/progress.server.ts";
import { submittedAnswerCounts } from "~/progress/evidence-cache.server.ts";
import { taskLine, type Task } from "~/progress/plan.ts";
import { decodeTasks, taskDone, type DoneEvidence } from "./today.ts";

/** The lessons read, and the quizzes and mocks submitted since the study day began. */
export async function studyEvidence(userId: string, dayStart: Date) {
  const [completedLessons, submitted] = await Promise.all([completedLessonSlugs(userId), attemptSummaries(userId)]);
  // Newest first: stop at the first attempt submitted before today.
  const today = [];
  for (const a of submitted) {
    if (!a.submittedAt || a.submittedAt < dayStart) break;
    today.push(a);
  }
  const practiceIds = today.filter((a) => a.kind === "practice").map((a) => a.id);
  const counts = practiceIds.length ? await submittedAnswerCounts(practiceIds) : [];
  return {
    completedLessons,
    quizDomainsToday: new Set(counts.filter((c) => c.answered > 0).map((c) => c.domainId)),
    mockToday: today.some((a) => a.kind === "simulation"),
  };
}

/**
 * The day's tasks: the stored snapshot when there is one, else today's live session, stored now
 * (when it has tasks). `stored` is what findPlanDay returned, read alongside the page's other
 * queries.
 */
export async function todaysTasks(userId: string, day: string, stored: string | null, live: Task[]): Promise<Task[]> {
  if (stored === null) {
    if (!live.length) return [];
    stored = await savePlanDayOnce(userId, day, JSON.stringify(live));
  }
  return decodeTasks(stored) ?? live;
}

/** Each task as Today lists it: what to do, where, and whether it is done. */
export function checkedTasks(tasks: Task[], evidence: DoneEvidence) {
  return tasks.map((task) => ({
    kind: task.kind,
    text: taskLine(task),
    href: task.href,
    minutes: task.minutes,
    done: taskDone(task, evidence),
  }));
}
