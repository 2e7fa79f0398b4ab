// Exam attempts as learners use them: start, show an item, save an answer, submit, review.
// The server owns the clock and the answer key; routes only parse input and render.
import { renderStem } from "~/content/markdown.server.ts";
import { getContentIndex } from "~/content/index.server.ts";
import * as attempts from "~/models/attempt.server.ts";
import type { PracticeForm } from "./forms.ts";
import { allocate, drawByDomain, NotEnoughItemsError, planSimulation, shuffle, weakestDomains } from "./selection.ts";
import { gradeAttempt, gradeExpiredAttempts } from "./grading.server.ts";
import { withheldQuestionIds } from "./key-holds.server.ts";
import { assignmentReveal } from "./key-release.server.ts";
import {
  ATTEMPT_BOUNDS,
  nextStartAt,
  openMessage,
  START_WINDOW_MS,
  throttleMessage,
  type SelfStartedKind,
} from "./limits.ts";
import { estimateScaledScore, scoreItems } from "./scoring.ts";
import { deadlineFor, isPastDeadline, NETWORK_GRACE_MS, secondsLeft, secondsUsed } from "./timing.ts";
import { decodeOptions, decodeReference } from "~/models/json-columns.ts";
import type { DateReader } from "~/utils/dates.ts";

export interface OpenAttempt {
  id: string;
  items: number;
  startedAt: string;
}

export type StartResult =
  | { ok: true; attemptId: string }
  | { ok: false; reason: "unavailable" | "throttled"; message: string }
  // The learner has as many of this kind open as allowed: offer the oldest instead.
  | { ok: false; reason: "open"; message: string; open: OpenAttempt };

type Refusal = Exclude<StartResult, { ok: true }>;

/** Whether this learner may start another attempt of this kind now (open bound, then hourly throttle). */
async function startRefusal(userId: string, kind: SelfStartedKind, now: Date): Promise<Refusal | null> {
  const cutoffs = boundCutoffs(now);
  const [open, starts] = await Promise.all([
    attempts.openAttempts(userId, kind, cutoffs.openCutoff),
    attempts.startsSince(userId, kind, cutoffs.startsSince),
  ]);
  return refusalFrom(kind, open, starts, now);
}

const boundCutoffs = (now: Date) => ({
  openCutoff: new Date(now.getTime() - NETWORK_GRACE_MS),
  startsSince: new Date(now.getTime() - START_WINDOW_MS),
});

/** The open bound, then the hourly throttle, over the learner's other open attempts and starts. */
function refusalFrom(
  kind: SelfStartedKind,
  open: attempts.OpenAttemptRow[],
  starts: { startedAt: Date }[],
  now: Date,
): Refusal | null {
  if (open.length >= ATTEMPT_BOUNDS[kind].open) return offerOpen(kind, open[0]);
  const retryAt = nextStartAt(
    kind,
    starts.map((s) => s.startedAt),
  );
  return retryAt ? { ok: false, reason: "throttled", message: throttleMessage(kind, retryAt, now) } : null;
}

function offerOpen(kind: SelfStartedKind, open: { id: string; startedAt: Date; _count: { items: number } }): Refusal {
  return {
    ok: false,
    reason: "open",
    message: openMessage(kind),
    open: { id: open.id, items: open._count.items, startedAt: open.startedAt.toISOString() },
  };
}

/**
 * Two racing starts can both pass startRefusal. After creating, each start is settled under a
 * per-learner lock (models/attempt.server.ts): it is kept only if the learner's *other* open
 * attempts and starts still leave room, which each settler sees including the ones settled
 * before it, so no interleaving keeps more than the bounds allow.
 */
function keepWithinBounds(userId: string, kind: SelfStartedKind, createdId: string, now: Date) {
  return attempts.settleNewAttempt({ userId, kind, createdId, ...boundCutoffs(now) }, (others) =>
    refusalFrom(kind, others.open, others.starts, now),
  );
}

/** "Submit it and start a new one": submits the learner's own open attempt of this kind first. */
async function submitReplaced(userId: string, kind: SelfStartedKind, attemptId: string | undefined, now: Date) {
  if (!attemptId) return;
  const attempt = await attempts.findAttempt(attemptId);
  if (!attempt || attempt.userId !== userId || attempt.kind !== kind || attempt.status !== "in_progress") return;
  await gradeAttempt(attempt, now);
}

export interface StartOptions {
  /** An open attempt of the same kind to submit (with what was saved) before starting. */
  replace?: string;
}

function blueprintDomains() {
  return getContentIndex().blueprint.domains;
}

export async function startSimulation(
  userId: string,
  now = new Date(),
  options: StartOptions = {},
): Promise<StartResult> {
  await submitReplaced(userId, "simulation", options.replace, now);
  const refusal = await startRefusal(userId, "simulation", now);
  if (refusal) return refusal;
  const { exam, domains } = getContentIndex().blueprint;
  const pool = await practisablePool(userId, { userId, domains: domains.map((d) => d.id), only: "all" }, now);
  let plan;
  try {
    plan = planSimulation(pool, domains, exam.pretestItems);
  } catch (error) {
    if (error instanceof NotEnoughItemsError) {
      const domain = error.domainId ? domains.find((d) => d.id === error.domainId)?.name : null;
      return {
        ok: false,
        reason: "unavailable",
        message: domain
          ? `A full simulation needs ${error.requested} ${domain} questions and the bank has ${error.available} so far. Try custom practice meanwhile.`
          : `The question bank has only ${error.available} items; a full simulation needs ${error.requested}.`,
      };
    }
    throw error;
  }
  // Pretest items are mixed in, indistinguishable, as on the real exam.
  const items = shuffle([
    ...plan.scored.map((p) => ({ versionId: p.versionId, scored: true })),
    ...plan.pretest.map((p) => ({ versionId: p.versionId, scored: false })),
  ]);
  const created = await attempts.createAttempt({
    userId,
    kind: "simulation",
    mode: "exam",
    // Extra time is set per class by its instructor, for that class's assignments only.
    config: { minutes: exam.minutes, count: exam.totalItems, accommodationFactor: 1 },
    startedAt: now,
    deadline: deadlineFor(now, exam.minutes),
    items,
  });
  return (await keepWithinBounds(userId, "simulation", created.id, now)) ?? { ok: true, attemptId: created.id };
}

export async function startPractice(
  userId: string,
  input: Omit<PracticeForm, "areas"> & { areas?: string[] },
  now = new Date(),
  options: StartOptions = {},
): Promise<StartResult> {
  await submitReplaced(userId, "practice", options.replace, now);
  const refusal = await startRefusal(userId, "practice", now);
  if (refusal) return refusal;
  const form = { ...input, areas: input.areas ?? [] };
  const all = blueprintDomains();
  let domainIds: string[] = form.domains;
  if (form.weakest)
    domainIds = weakestDomains(
      await attempts.domainAccuracy(userId),
      all.map((d) => d.id),
      3,
    );
  if (form.areas.length) domainIds = [...new Set([...domainIds, ...form.areas.map((a) => a.slice(0, 3))])];
  if (form.lesson && !domainIds.length) domainIds = all.map((d) => d.id);
  const pool = await practisablePool(
    userId,
    { userId, domains: domainIds, only: form.only, lessonSlug: form.lesson, knowledgeAreas: form.areas },
    now,
  );
  const describe = { all: "", unseen: " you have not seen", missed: " you missed last time" }[form.only];
  if (pool.length === 0)
    return {
      ok: false,
      reason: "unavailable",
      message: `There are no questions${describe} in your choice yet. Widen the domains or include all questions.`,
    };
  // A quiz on a few knowledge areas takes what there is (the areas may hold fewer items).
  if (form.areas.length && pool.length < form.count && pool.length >= 5) form.count = pool.length;
  if (pool.length < form.count) {
    return {
      ok: false,
      reason: "unavailable",
      message: `Only ${pool.length} question${pool.length === 1 ? "" : "s"}${describe} match${pool.length === 1 ? "es" : ""} your choice. Choose ${pool.length} or fewer, or widen it.`,
    };
  }
  const chosen = drawByDomain(
    pool,
    allocate(
      all.filter((d) => domainIds.includes(d.id)),
      form.count,
    ),
  );
  const minutes = form.timed ? (form.minutes ?? form.count) : null;
  const created = await attempts.createAttempt({
    userId,
    kind: "practice",
    mode: form.mode,
    config: {
      domains: domainIds,
      areas: form.areas,
      weakest: form.weakest,
      count: form.count,
      minutes,
      only: form.only,
      lesson: form.lesson ?? null,
      accommodationFactor: 1,
    },
    startedAt: now,
    deadline: deadlineFor(now, minutes),
    items: shuffle(chosen).map((p) => ({ versionId: p.versionId, scored: true })),
  });
  return (await keepWithinBounds(userId, "practice", created.id, now)) ?? { ok: true, attemptId: created.id };
}

/** The bank's questions the learner may practise now: none whose key a class of theirs withholds
 * (tutor mode and results would show it). */
async function practisablePool(userId: string, filter: Parameters<typeof attempts.questionPool>[0], now: Date) {
  const [pool, withheld] = await Promise.all([attempts.questionPool(filter), withheldQuestionIds(userId, now)]);
  return withheld.size ? pool.filter((p) => !withheld.has(p.questionId)) : pool;
}

/** The attempt if it belongs to this learner, else null: another learner's attempt is "not found"
 * (never revealed). */
export async function ownAttempt(userId: string, attemptId: string) {
  const attempt = await attempts.findAttempt(attemptId);
  return attempt && attempt.userId === userId ? attempt : null;
}

const ATTEMPT_NOT_FOUND = "We could not find that attempt.";
const NO_SUCH_ATTEMPT = { ok: false, reason: "not-found", message: ATTEMPT_NOT_FOUND } as const;

/** Submits an attempt whose time ran out, as submitted at its deadline. Returns true if it did. */
export async function finalizeIfExpired(
  userId: string,
  attempt: { id: string; status: string; deadline: Date | null },
  now = new Date(),
) {
  if (attempt.status !== "in_progress" || !isPastDeadline(attempt.deadline, now)) return false;
  await submitAttempt(userId, attempt.id, attempt.deadline!);
  return true;
}

export async function examScreen(userId: string, attemptId: string, position: number, now = new Date()) {
  const attempt = await ownAttempt(userId, attemptId);
  if (!attempt) return { state: "not-found" as const, message: ATTEMPT_NOT_FOUND };
  if (await finalizeIfExpired(userId, attempt, now)) return { state: "expired" as const };
  if (attempt.status === "submitted") return { state: "submitted" as const };
  const found = await attempts.examItemWithStates(attemptId, position - 1);
  if (!found) return { state: "not-found" as const, message: "That question number is not in this attempt." };
  const { item, states: navigator } = found;
  // Tutor mode shows the key only once the learner has checked this answer, and never while a
  // class of theirs withholds it (an attempt started before that assignment existed).
  const keyWithheld = attempt.mode === "tutor" && (await withheldQuestionIds(userId, now)).has(item.questionId);
  const tutorReveal = attempt.mode === "tutor" && item.checkedAt !== null && !keyWithheld;
  return {
    state: "open" as const,
    attempt: {
      id: attempt.id,
      kind: attempt.kind,
      mode: attempt.mode,
      total: navigator.length,
      deadline: attempt.deadline?.toISOString() ?? null,
      secondsLeft: secondsLeft(attempt.deadline, now),
    },
    item: {
      number: position,
      stem: item.stem,
      // Inline markdown, sanitized (instructors write stems too).
      stemHtml: renderStem(item.stem),
      options: item.options,
      selectedIndex: item.selectedIndex,
      flagged: item.flagged,
      checked: tutorReveal,
      keyWithheld,
      // Tutor mode only, and only once this item is checked: the learner asked for feedback.
      feedback: tutorReveal
        ? {
            answerIndex: item.secret.answerIndex,
            rationales: item.secret.rationales,
            lessonUrl: lessonUrl(item.secret.lessonSlug),
            questionId: item.questionId,
          }
        : null,
    },
    navigator: navigator.map((n) => ({ number: n.position + 1, answered: n.answered, flagged: n.flagged })),
  };
}

export type SaveResult =
  { ok: true } | { ok: false; reason: "time-up" | "submitted" | "locked" | "not-found"; message: string };

export async function saveAnswer(
  userId: string,
  attemptId: string,
  position: number,
  change: { selectedIndex?: number | null; flagged?: boolean },
  now = new Date(),
): Promise<SaveResult> {
  const attempt = await ownAttempt(userId, attemptId);
  if (!attempt) return NO_SUCH_ATTEMPT;
  if (await finalizeIfExpired(userId, attempt, now)) {
    return {
      ok: false,
      reason: "time-up",
      message:
        "Time is up: this answer arrived after the deadline and was not saved. Your attempt was submitted at the deadline.",
    };
  }
  if (attempt.status !== "in_progress")
    return {
      ok: false,
      reason: "submitted",
      message: "This attempt has already been submitted, so answers can no longer change.",
    };
  // Tutor mode: a choice may change until the learner checks it (a phone mis-tap is not final);
  // once checked, the key has been seen and the answer is locked.
  let onlyUnchecked = false;
  if (attempt.mode === "tutor" && change.selectedIndex !== undefined) {
    const item = await attempts.examItem(attemptId, position - 1);
    if (!item) return NOT_IN_ATTEMPT;
    if (item.checkedAt !== null) {
      if (item.selectedIndex !== change.selectedIndex) return LOCKED;
      delete change.selectedIndex; // the same answer again (a no-JS form resends it): nothing to save
    } else onlyUnchecked = true;
  }
  if (!Object.keys(change).length) return { ok: true };
  const saved = await attempts.saveItem(attemptId, position - 1, change, now, { onlyUnchecked });
  // A check that landed between the read above and this write wins.
  if (!saved) return onlyUnchecked && (await attempts.examItem(attemptId, position - 1)) ? LOCKED : NOT_IN_ATTEMPT;
  return { ok: true };
}

const NOT_IN_ATTEMPT = {
  ok: false,
  reason: "not-found",
  message: "That question number is not in this attempt.",
} as const;
const LOCKED = {
  ok: false,
  reason: "locked",
  message: "You have already checked this answer and seen its explanation, so it can no longer change.",
} as const;

const KEY_WITHHELD = {
  ok: false,
  reason: "withheld",
  message:
    "Your class has an assignment with this question whose answers are not out yet, so it cannot be checked here. Your answer is saved.",
} as const;

export type CheckResult = SaveResult | { ok: false; reason: "no-answer" | "not-tutor" | "withheld"; message: string };

/** Tutor mode's *Check answer*: records the chosen option (or the one already saved), locks it
 * and lets the exam screen show the key and explanations. Checking twice is harmless. */
export async function checkAnswer(
  userId: string,
  attemptId: string,
  position: number,
  choice: number | undefined,
  now = new Date(),
): Promise<CheckResult> {
  const attempt = await ownAttempt(userId, attemptId);
  if (!attempt) return NO_SUCH_ATTEMPT;
  if (await finalizeIfExpired(userId, attempt, now)) {
    return { ok: false, reason: "time-up", message: "Time is up: your attempt was submitted at the deadline." };
  }
  if (attempt.status !== "in_progress")
    return { ok: false, reason: "submitted", message: "This attempt has already been submitted." };
  if (attempt.mode !== "tutor")
    return {
      ok: false,
      reason: "not-tutor",
      message: "Answers are checked only in tutor mode; this attempt shows them after you submit.",
    };
  const item = await attempts.examItem(attemptId, position - 1);
  if (!item) return NOT_IN_ATTEMPT;
  const selected = choice ?? item.selectedIndex;
  if (selected === null) return { ok: false, reason: "no-answer", message: "Choose an answer first, then check it." };
  if ((await withheldQuestionIds(userId, now)).has(item.questionId)) return KEY_WITHHELD;
  if (item.checkedAt !== null) return item.selectedIndex === selected ? { ok: true } : LOCKED;
  if (await attempts.checkItem(attemptId, position - 1, selected, now)) return { ok: true };
  // Checked by a request that raced this one: fine if it checked the same answer.
  const current = await attempts.examItem(attemptId, position - 1);
  return current?.selectedIndex === selected ? { ok: true } : LOCKED;
}

function lessonUrl(slug: string | null) {
  if (!slug) return null;
  const lesson = getContentIndex().lessons.get(slug);
  return lesson ? `/learn/${lesson.domainSlug}/${lesson.slug}` : null;
}

/** Grades and closes the attempt (idempotent): true if this call graded it, false if it was
 * already submitted, null if it is not this learner's attempt. */
export async function submitAttempt(userId: string, attemptId: string, submittedAt = new Date()) {
  const attempt = await ownAttempt(userId, attemptId);
  if (!attempt) return null;
  if (attempt.status === "submitted") return false;
  return gradeAttempt(attempt, submittedAt);
}

export async function reviewScreen(userId: string, attemptId: string, now = new Date()) {
  const attempt = await ownAttempt(userId, attemptId);
  if (!attempt) return { state: "not-found" as const, message: ATTEMPT_NOT_FOUND };
  if (await finalizeIfExpired(userId, attempt, now)) return { state: "expired" as const };
  if (attempt.status === "submitted") return { state: "submitted" as const };
  const states = await attempts.attemptItemStates(attemptId);
  return {
    state: "open" as const,
    attempt: {
      id: attempt.id,
      total: states.length,
      deadline: attempt.deadline?.toISOString() ?? null,
      secondsLeft: secondsLeft(attempt.deadline, now),
    },
    unanswered: states.filter((s) => s.selectedIndex === null).map((s) => s.position + 1),
    flagged: states.filter((s) => s.flagged).map((s) => s.position + 1),
  };
}

export async function attemptResults(
  userId: string,
  attemptId: string,
  now = new Date(),
  timeZone: DateReader = "UTC",
) {
  let attempt = await ownAttempt(userId, attemptId);
  if (!attempt) return { state: "not-found" as const, message: ATTEMPT_NOT_FOUND };
  if (await finalizeIfExpired(userId, attempt, now)) attempt = (await ownAttempt(userId, attemptId))!;
  if (attempt.status !== "submitted") return { state: "open" as const };
  // Assignments: the instructor's reveal policy decides whether the key and rationales go out.
  const assignment = attempt.assignmentId
    ? await assignmentReveal(attempt.assignmentId, { ...attempt, userId }, timeZone, now)
    : null;
  const showAnswers = assignment?.answersVisible ?? true;
  const domains = blueprintDomains();
  const names = Object.fromEntries(domains.map((d) => [d.id, d.name]));
  const [items, withheld] = await Promise.all([attempts.gradedItems(attemptId), withheldQuestionIds(userId, now)]);
  const score = scoreItems(
    items.map((i) => ({
      domainId: i.questionVersion.question.domainId,
      scored: i.scored,
      selectedIndex: i.selectedIndex,
      answerIndex: i.questionVersion.answerIndex,
    })),
    domains.map((d) => d.id),
  );
  const { exam } = getContentIndex().blueprint;
  return {
    state: "submitted" as const,
    attempt: {
      id: attempt.id,
      kind: attempt.kind,
      mode: attempt.mode,
      startedAt: attempt.startedAt.toISOString(),
      submittedAt: attempt.submittedAt!.toISOString(),
      timed: attempt.deadline !== null,
      secondsUsed: secondsUsed(attempt.startedAt, attempt.submittedAt!, attempt.deadline),
      timedOut: attempt.deadline !== null && attempt.submittedAt!.getTime() >= attempt.deadline.getTime(),
    },
    score: {
      correct: score.correct,
      total: score.total,
      percent: Math.round(score.fraction * 100),
      scaled: attempt.kind === "simulation" ? estimateScaledScore(score.fraction) : null,
      pass: exam.scaledScore.pass,
      byDomain: score.byDomain.map((d) => ({
        ...d,
        name: names[d.domainId] ?? d.domainId,
        percent: Math.round((d.correct / d.total) * 100),
      })),
    },
    assignment,
    // Not yet (or never) for this assignment: no item, key or rationale leaves the server.
    items: (showAnswers ? items : []).map((i) => {
      const options = decodeOptions(i.questionVersion.options);
      const shown = {
        number: i.position + 1,
        questionId: i.questionVersion.questionId,
        scored: i.scored,
        flagged: i.flagged,
        domainId: i.questionVersion.question.domainId,
        domainName: names[i.questionVersion.question.domainId],
        stem: i.questionVersion.stem,
        stemHtml: renderStem(i.questionVersion.stem),
        selectedIndex: i.selectedIndex,
      };
      // A question another assignment of the learner's class still withholds: the learner's own
      // choice only (an attempt from before that assignment existed).
      if (withheld.has(i.questionVersion.questionId))
        return {
          ...shown,
          options: options.map((o) => ({ text: o.text, rationale: "" })),
          answerIndex: null,
          correct: null,
          keyWithheld: true as const,
          reference: null,
          lessonUrl: null,
        };
      return {
        ...shown,
        options,
        answerIndex: i.questionVersion.answerIndex,
        correct: i.selectedIndex === i.questionVersion.answerIndex,
        keyWithheld: false as const,
        reference: decodeReference(i.questionVersion.reference),
        lessonUrl: lessonUrl(i.questionVersion.lessonSlug),
      };
    }),
  };
}

export async function history(userId: string, now = new Date()) {
  // A bounded few per load: a backlog of expired attempts must not hold up this request (or,
  // on SQLite's synchronous driver, every other one).
  await gradeExpiredAttempts({ userId }, now);
  const rows = await attempts.attemptHistory(userId);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    mode: r.mode,
    items: r._count.items,
    startedAt: r.startedAt.toISOString(),
    // Time ran out but not graded yet: graded when opened (its results link) or on a later load.
    status:
      r.status === "in_progress" && isPastDeadline(r.deadline, now)
        ? ("expired" as const)
        : (r.status as "in_progress" | "submitted"),
    percent: r.scoredTotal ? Math.round(((r.scoredCorrect ?? 0) / r.scoredTotal) * 100) : null,
    scaledScore: r.scaledScore,
    secondsLeft: r.status === "in_progress" ? secondsLeft(r.deadline, now) : null,
  }));
}
