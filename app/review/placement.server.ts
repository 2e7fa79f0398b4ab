// The one step between ts-fsrs and saving a rating: where the review lands (placement.ts has the
// rules). Every path that applies a rating calls it right after applyGrade, with the card before
// and after, so a rating placed now and one replayed later land by the same rules.
import { State } from "ts-fsrs";
import { balanceDueCounts } from "~/models/review-forecast.server.ts";
import type { LearnerPreferences } from "~/models/preferences.server.ts";
import { applyGrade, type CardFields, type Grade, type SchedulerPrefs } from "./scheduler.ts";
import { chooseDay, examTarget, moveToDay, parseWeekdays, planPlacement } from "./placement.ts";

export interface PlaceReviewInput {
  /** The card before the rating. */
  previous: CardFields;
  /** ts-fsrs's result for the rating (applyGrade, fuzz on). */
  scheduled: CardFields;
  grade: Grade;
  now: Date;
  /** The scheduler settings applyGrade used. */
  scheduler: SchedulerPrefs;
  prefs: Pick<LearnerPreferences, "timeZone" | "loadBalance" | "lightWeekdays" | "examDate">;
}

/**
 * The card as it should be saved: ts-fsrs's result, moved to a less busy day of its fuzz range,
 * off light days, or before the exam (placement.ts). Reads the learner's due counts for the range
 * (one indexed query, or balance-counts.server.ts's cache) only when there is a choice to make.
 */
export async function placeReview(userId: string, input: PlaceReviewInput): Promise<CardFields> {
  const { scheduled, prefs, now } = input;
  if (scheduled.state !== State.Review) return scheduled;
  const exam = examTarget(prefs.examDate, prefs.timeZone, now);
  if (!prefs.loadBalance && !exam) return scheduled;
  const lightWeekdays = parseWeekdays(prefs.lightWeekdays);
  const unfuzzed = applyGrade(input.previous, input.grade, now, { ...input.scheduler, fuzz: false }).card;
  const plan = planPlacement({
    now,
    timeZone: prefs.timeZone,
    previous: input.previous,
    scheduled,
    unfuzzedDays: unfuzzed.scheduledDays,
    loadBalance: prefs.loadBalance,
    lightWeekdays,
    exam,
    scheduler: input.scheduler,
  });
  if (plan.kind === "keep") return scheduled;
  if (plan.kind === "fixed") return moveToDay(scheduled, now, plan.offset);
  // Two candidates may share a study day (daylight-saving changes): count each day once.
  const distinct = [...new Map(plan.days.map((d) => [d.label, d])).values()];
  const counts = await balanceDueCounts(userId, distinct);
  const byLabel = new Map(distinct.map((d, i) => [d.label, counts[i]]));
  const offset = chooseDay(
    plan.days.map((d) => ({ ...d, count: byLabel.get(d.label) ?? 0 })),
    plan.preferred,
    lightWeekdays,
  );
  return moveToDay(scheduled, now, offset);
}
