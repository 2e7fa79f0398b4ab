// Instructor assignments: create one for a class, let its members take it in the exam engine,
// and give the instructor results, item analysis and a gradebook. Students only ever see their
// own attempts; instructors only their own classes (admins any).
import { notFound, type NotFound } from "~/utils/results.ts";
import { ownedClass } from "~/classes/classes.server.ts";
import { getContentIndex } from "~/content/index.server.ts";
import { gradeExpiredAttempts } from "~/exam/grading.server.ts";
import { allocate, drawByDomain, NotEnoughItemsError, planSimulation, shuffle } from "~/exam/selection.ts";
import { scoreItems } from "~/exam/scoring.ts";
import { deadlineFor, secondsUsed } from "~/exam/timing.ts";
import * as attemptStore from "~/models/attempt.server.ts";
import * as store from "~/models/assignment.server.ts";
import type { AssignmentForm, BankFilter } from "./forms.ts";
import { applyKeyHolds, withheldKeys } from "./key-holds.server.ts";
import { toCsv, type Cell } from "./gradebook.ts";
import { analyseItems } from "./item-analysis.ts";
import type { Role } from "~/utils/roles.ts";
import { decodeOptions } from "~/models/json-columns.ts";
import {
  answersVisible,
  attemptDeadline,
  formatInZone,
  missedCardsAllowed as cardsAllowedBy,
  isLate,
  parseConfig,
  type AssignmentConfig,
  revealMessage,
  startDecision,
  STATUS_LABELS,
  studentStatus,
  type AssignmentSource,
  type StudentStatus,
} from "./rules.ts";

const SOURCE_LABELS: Record<AssignmentSource, string> = {
  blueprint: "Full blueprint simulation",
  domains: "Chosen domains",
  items: "Hand-picked questions",
};
const REVEAL_LABELS: Record<string, string> = {
  after_submit: "After they submit",
  after_due: "After the due date",
  never: "Never",
};
const REVEAL_LABELS_FOR_STUDENT: Record<string, string> = {
  after_submit: "When you submit",
  after_due: "After the due date",
  never: "Never (you see your score)",
};

function domainNames() {
  return new Map<string, string>(getContentIndex().blueprint.domains.map((d) => [d.id, d.name]));
}
function knowledgeAreaTitles() {
  return new Map<string, string>(
    getContentIndex().blueprint.domains.flatMap((d) => d.knowledgeAreas.map((k) => [k.id, k.title] as const)),
  );
}

export type CreateResult =
  | { ok: true; id: string }
  | { ok: false; reason?: undefined; field?: "domains" | "itemCount" | "questionIds"; message: string }
  | NotFound;

/** Fixes the assignment's items now, so every student gets the same questions (in their own order). */
export async function createAssignment(
  instructor: { id: string; role: Role },
  classId: string,
  form: AssignmentForm,
  now = new Date(),
): Promise<CreateResult> {
  const owned = await ownedClass(instructor, classId);
  if (!owned.ok) return owned;
  const { klass } = owned;
  const blueprint = getContentIndex().blueprint;
  let config: AssignmentConfig;
  if (form.source === "blueprint") {
    const pool = await attemptStore.questionPool({
      userId: instructor.id,
      domains: blueprint.domains.map((d) => d.id),
      only: "all",
    });
    try {
      const plan = planSimulation(pool, blueprint.domains, blueprint.exam.pretestItems);
      config = {
        source: "blueprint",
        questionIds: plan.scored.map((p) => p.questionId),
        pretestIds: plan.pretest.map((p) => p.questionId),
        itemCount: blueprint.exam.totalItems,
      };
    } catch (error) {
      if (!(error instanceof NotEnoughItemsError)) throw error;
      return {
        ok: false,
        message: `The bank does not have enough questions for a full simulation yet (${error.message}). Choose domains or questions instead.`,
      };
    }
  } else if (form.source === "domains") {
    const count = form.itemCount!;
    const pool = await attemptStore.questionPool({ userId: instructor.id, domains: form.domains, only: "all" });
    if (pool.length < count)
      return {
        ok: false,
        field: "itemCount",
        message: `Only ${pool.length} questions are in the chosen domains. Choose ${pool.length} or fewer, or add domains.`,
      };
    const chosen = drawByDomain(
      pool,
      allocate(
        blueprint.domains.filter((d) => form.domains.includes(d.id)),
        count,
      ),
    );
    config = {
      source: "domains",
      domains: form.domains,
      questionIds: chosen.map((c) => c.questionId),
      itemCount: count,
    };
  } else {
    const versions = await store.currentVersions(form.questionIds, klass.instructorId);
    const missing = form.questionIds.filter((id) => !versions.get(id)?.versionId);
    if (missing.length)
      return {
        ok: false,
        field: "questionIds",
        message: `These questions are not in the bank: ${missing.join(", ")}.`,
      };
    config = { source: "items", questionIds: form.questionIds, itemCount: form.questionIds.length };
  }
  const created = await store.createAssignment({
    classId: klass.id,
    title: form.title,
    config,
    timeLimitMinutes: form.timed ? form.minutes! : null,
    opensAt: form.opensAt,
    dueAt: form.dueAt,
    attemptsAllowed: form.attemptsAllowed,
    revealPolicy: form.revealPolicy,
  });
  // Members' existing missed-question cards for these questions stop showing their keys.
  if (!cardsAllowedBy(form.revealPolicy)) await applyKeyHolds(await store.memberIds(klass.id), now);
  return { ok: true, id: created.id };
}

/** The assignment if it belongs to this instructor's class (or the user is an admin); "not found" otherwise. */
export async function ownedAssignment(user: { id: string; role: Role }, classId: string, assignmentId: string) {
  const owned = await ownedClass(user, classId);
  if (!owned.ok) return owned;
  const assignment = await store.findAssignment(assignmentId);
  if (!assignment || assignment.classId !== owned.klass.id) return notFound("We could not find that assignment.");
  return { ok: true as const, klass: owned.klass, assignment };
}

/** Bank items plus the instructor's own questions, for hand-picking. */
export async function bankForPicking(filter: BankFilter, instructorId: string) {
  const page = await store.bankPage(filter, instructorId);
  const names = domainNames();
  return {
    total: page.total,
    pageSize: store.BANK_PAGE_SIZE,
    items: page.rows.map((r) => ({ ...r, domainName: names.get(r.domainId) ?? r.domainId })),
  };
}

/** The class page's list for the instructor: dates in their time zone and how many submitted. */
export async function classAssignments(classId: string, timeZone: string) {
  const rows = await store.assignmentsForClass(classId);
  return rows.map((a) => ({
    id: a.id,
    title: a.title,
    opensAt: formatInZone(a.opensAt, timeZone),
    dueAt: formatInZone(a.dueAt, timeZone),
    submitted: new Set(a.attempts.filter((t) => t.status === "submitted").map((t) => t.userId)).size,
  }));
}

/** Each assignment of the class with this student's status, for the roster. */
export async function memberStatuses(classId: string, now = new Date()) {
  const rows = await store.assignmentsForClass(classId);
  return (userId: string) =>
    rows.map((a) => ({
      title: a.title,
      status: studentStatus(
        a,
        a.attempts.filter((t) => t.userId === userId).map((t, i) => ({ id: String(i), ...t })),
        now,
      ),
    }));
}

export interface StudentAssignmentRow {
  id: string;
  title: string;
  classId: string;
  className: string;
  opensAt: string;
  dueAt: string;
  dueAtIso: string;
  status: StudentStatus;
  statusLabel: string;
  overdue: boolean;
}

/** A student's assignments across their classes, dates in their time zone. */
export async function studentAssignments(
  userId: string,
  timeZone: string,
  now = new Date(),
): Promise<StudentAssignmentRow[]> {
  // An attempt whose time ran out counts as submitted: grade a bounded few so statuses are true.
  await gradeExpiredAttempts({ userId }, now);
  const rows = await store.assignmentsForMember(userId);
  return rows.map((a) => {
    const status = studentStatus(a, a.attempts, now);
    return {
      id: a.id,
      title: a.title,
      classId: a.class.id,
      className: a.class.name,
      opensAt: formatInZone(a.opensAt, timeZone),
      dueAt: formatInZone(a.dueAt, timeZone),
      dueAtIso: a.dueAt.toISOString(),
      status,
      statusLabel: STATUS_LABELS[status],
      overdue: (status === "not_started" || status === "in_progress") && now.getTime() > a.dueAt.getTime(),
    };
  });
}

/** The assignment as a member sees it; "not found" for anyone not in the class (they learn nothing). */
async function memberAssignment(userId: string, assignmentId: string) {
  const assignment = await store.findAssignment(assignmentId);
  if (!assignment || assignment.class.archivedAt) return notFound("We could not find that assignment.");
  const member = await store.membership(assignment.classId, userId);
  if (!member) return notFound("This assignment is for members of its class only. Join the class with its code first.");
  return { ok: true as const, assignment, member };
}

/** The extra time this class's instructor gave the student; nothing from any other class. */
function accommodation(member: { accommodationFactor: number | null }) {
  return member.accommodationFactor ?? 1;
}

export async function assignmentForStudent(userId: string, timeZone: string, assignmentId: string, now = new Date()) {
  const membership = await memberAssignment(userId, assignmentId);
  if (!membership.ok) return membership;
  const { assignment, member } = membership;
  await gradeExpiredAttempts({ userId, assignmentId }, now);
  const attempts = await store.attemptsOf(assignmentId, userId);
  const fmt = (d: Date) => formatInZone(d, timeZone);
  const decision = startDecision(assignment, attempts, now, fmt);
  const config = parseConfig(assignment.config);
  const factor = accommodation(member);
  const status = studentStatus(assignment, attempts, now);
  return {
    ok: true as const,
    assignment: {
      id: assignment.id,
      title: assignment.title,
      className: assignment.class.name,
      opensAt: fmt(assignment.opensAt),
      dueAt: fmt(assignment.dueAt),
      questions: config.questionIds.length + (config.pretestIds?.length ?? 0),
      minutes: assignment.timeLimitMinutes === null ? null : Math.round(assignment.timeLimitMinutes * factor),
      extraTime: assignment.timeLimitMinutes !== null && factor > 1 ? factor : null,
      attemptsAllowed: assignment.attemptsAllowed,
      revealPolicy: REVEAL_LABELS_FOR_STUDENT[assignment.revealPolicy] ?? assignment.revealPolicy,
    },
    status,
    statusLabel: STATUS_LABELS[status],
    canStart: decision.ok,
    resumeId: decision.ok ? decision.resume : null,
    startsLate: decision.ok && decision.late,
    refusal: decision.ok ? null : decision.message,
    attempts: attempts.map((t, i) => ({
      id: t.id,
      number: i + 1,
      status: t.status,
      submittedAt: t.submittedAt ? fmt(t.submittedAt) : null,
      late: isLate(assignment, t.submittedAt),
      percent:
        t.status === "submitted" && t.scoredTotal ? Math.round(((t.scoredCorrect ?? 0) / t.scoredTotal) * 100) : null,
    })),
  };
}

export type StartAssignmentResult =
  { ok: true; attemptId: string } | { ok: false; status: 403 | 404 | 409; message: string };

/** Starts (or resumes) the member's attempt: an exam-mode ExamAttempt of kind "assignment". */
export async function startAssignment(
  userId: string,
  timeZone: string,
  assignmentId: string,
  now = new Date(),
): Promise<StartAssignmentResult> {
  const membership = await memberAssignment(userId, assignmentId);
  if (!membership.ok) return { ok: false, status: 404, message: membership.message };
  const { assignment, member } = membership;
  const attempts = await store.attemptsOf(assignmentId, userId);
  const decision = startDecision(assignment, attempts, now, (d) => formatInZone(d, timeZone));
  if (!decision.ok) return { ok: false, status: decision.reason === "not_open" ? 403 : 409, message: decision.message };
  if (decision.resume) return { ok: true, attemptId: decision.resume };
  const config = parseConfig(assignment.config);
  const ids = [
    ...config.questionIds.map((id) => ({ id, scored: true })),
    ...(config.pretestIds ?? []).map((id) => ({ id, scored: false })),
  ];
  // The class's instructor may have written some of the questions.
  const versions = await store.currentVersions(
    ids.map((i) => i.id),
    assignment.class.instructorId,
  );
  // A question retired since the assignment was made is left out rather than failing the start.
  const items = ids.flatMap((i) => {
    const versionId = versions.get(i.id)?.versionId;
    return versionId ? [{ versionId, scored: i.scored }] : [];
  });
  if (!items.length)
    return {
      ok: false,
      status: 409,
      message: "This assignment has no questions left in the bank. Tell your instructor.",
    };
  const factor = accommodation(member);
  try {
    const created = await attemptStore.createAttempt({
      userId,
      kind: "assignment",
      mode: "exam",
      config: { assignmentId, minutes: assignment.timeLimitMinutes, count: items.length, accommodationFactor: factor },
      startedAt: now,
      deadline: attemptDeadline(assignment, deadlineFor(now, assignment.timeLimitMinutes, factor)),
      items: shuffle(items),
      assignmentId,
      // Numbered: of two racing starts only one gets this number, on every database.
      assignmentSlot: Math.max(0, ...attempts.map((t) => t.assignmentSlot ?? 0)) + 1,
    });
    return { ok: true, attemptId: created.id };
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
    // The racing start won: offer its attempt.
    const after = await store.attemptsOf(assignmentId, userId);
    const open = after.find((t) => t.status === "in_progress");
    if (open) return { ok: true, attemptId: open.id };
    return { ok: false, status: 409, message: "You have used all your attempts at this assignment." };
  }
}

/** For the exam engine: the assignment behind an attempt, and whether its key may be shown yet. */
export async function assignmentReveal(
  assignmentId: string,
  attempt: { status: string; submittedAt: Date | null },
  timeZone: string,
  now = new Date(),
) {
  const assignment = await store.findAssignment(assignmentId);
  if (!assignment) return null;
  // Attempts still open at the cut-off ended then (their deadline is the due date): grade them
  // as keys are about to be shown, a bounded few per load (any left can no longer change).
  if (assignment.revealPolicy === "after_due" && now >= assignment.dueAt)
    await gradeExpiredAttempts({ assignmentId }, now);
  const submitted = attempt.status === "submitted";
  const answers = answersVisible(assignment, submitted, now);
  return {
    title: assignment.title,
    late: isLate(assignment, attempt.submittedAt),
    answersVisible: answers,
    // Wrong answers become review cards (which carry the key) only under "after submitting".
    cardsMade: cardsAllowedBy(assignment.revealPolicy),
    message: answers ? "" : revealMessage(assignment, (d) => formatInZone(d, timeZone)),
  };
}

/**
 * Questions whose keys a class of this learner still withholds: they are left out of the learner's
 * practice and simulations, and their keys out of results, tutor feedback and the review deck,
 * until the policy allows.
 */
export async function withheldQuestionIds(userId: string, now = new Date()): Promise<Set<string>> {
  return new Set((await withheldKeys(userId, now)).keys());
}

/** Missed items become review cards (with the key) only when the policy shows the key at submit. */
export async function missedCardsAllowed(assignmentId: string) {
  const assignment = await store.findAssignment(assignmentId);
  return !assignment || cardsAllowedBy(assignment.revealPolicy);
}

type GradedAttempt = Awaited<ReturnType<typeof store.assignmentAttempts>>[number];

function percentOf(a: Pick<GradedAttempt, "scoredCorrect" | "scoredTotal">) {
  return a.scoredTotal ? Math.round(((a.scoredCorrect ?? 0) / a.scoredTotal) * 100) : 0;
}

/** The attempt that counts in the gradebook: the best submitted one (earliest on a tie). */
function countedAttempt(attempts: GradedAttempt[]) {
  const submitted = attempts.filter((a) => a.status === "submitted");
  return submitted.reduce<GradedAttempt | null>(
    (best, a) => (!best || percentOf(a) > percentOf(best) ? a : best),
    null,
  );
}

/** Results, weakest knowledge areas and item analysis for one assignment (instructor only). */
export async function assignmentResults(
  user: { id: string; role: Role; timeZone: string },
  classId: string,
  assignmentId: string,
  now = new Date(),
) {
  const owned = await ownedAssignment(user, classId, assignmentId);
  if (!owned.ok) return owned;
  const { klass, assignment } = owned;
  // Students who closed the tab: their timed-out attempts are graded here, a bounded few per load.
  await gradeExpiredAttempts({ assignmentId: assignment.id }, now);
  const fmt = (d: Date) => formatInZone(d, user.timeZone);
  const config = parseConfig(assignment.config);
  const names = domainNames();
  const kaTitles = knowledgeAreaTitles();
  const domainOrder = getContentIndex().blueprint.domains.map((d) => d.id);
  const [members, attempts] = await Promise.all([
    store.classMembers(klass.id),
    store.assignmentAttempts(assignment.id),
  ]);
  const byUser = new Map<string, GradedAttempt[]>();
  for (const a of attempts) (byUser.get(a.userId) ?? byUser.set(a.userId, []).get(a.userId)!).push(a);
  // Current members, then anyone who has since left but has work here.
  const people = [
    ...members.map((m) => ({ ...m.user, member: true })),
    ...[...byUser.entries()]
      .filter(([id]) => !members.some((m) => m.user.id === id))
      .map(([id, list]) => ({ id, name: list[0].user.name, email: list[0].user.email, member: false })),
  ];
  const domainsInAssignment = new Set<string>();
  const rows = people.map((p) => {
    const own = byUser.get(p.id) ?? [];
    const counted = countedAttempt(own);
    const score = counted
      ? scoreItems(
          counted.items.map((i) => ({
            domainId: i.questionVersion.question.domainId,
            scored: i.scored,
            selectedIndex: i.selectedIndex,
            answerIndex: i.questionVersion.answerIndex,
          })),
          domainOrder,
        )
      : null;
    score?.byDomain.forEach((d) => domainsInAssignment.add(d.domainId));
    const status = studentStatus(assignment, own, now);
    return {
      id: p.id,
      name: p.name,
      email: p.email,
      member: p.member,
      status,
      statusLabel: STATUS_LABELS[status],
      attempts: own.length,
      attemptId: counted?.id ?? null,
      percent: score ? Math.round(score.fraction * 100) : null,
      correct: score?.correct ?? null,
      total: score?.total ?? null,
      byDomain: Object.fromEntries(
        (score?.byDomain ?? []).map((d) => [d.domainId, Math.round((d.correct / d.total) * 100)]),
      ),
      secondsUsed: counted?.submittedAt ? secondsUsed(counted.startedAt, counted.submittedAt, counted.deadline) : null,
      submittedAt: counted?.submittedAt ? fmt(counted.submittedAt) : null,
      submittedAtIso: counted?.submittedAt?.toISOString() ?? null,
      late: counted ? isLate(assignment, counted.submittedAt) : false,
    };
  });

  // Item analysis uses each student's FIRST submitted attempt (later ones have seen the items).
  const firstAttempts = [...byUser.values()]
    .map((list) => list.find((a) => a.status === "submitted"))
    .filter((a): a is GradedAttempt => Boolean(a));
  const stats = analyseItems(
    firstAttempts.map((a) =>
      a.items.map((i) => ({
        questionId: i.questionVersion.questionId,
        scored: i.scored,
        selectedIndex: i.selectedIndex,
        correct: i.selectedIndex === i.questionVersion.answerIndex,
      })),
    ),
  );
  const statsById = new Map(stats.map((s) => [s.questionId, s]));
  const order = [...config.questionIds, ...(config.pretestIds ?? [])];
  const questions = new Map((await store.questionsById(order)).map((q) => [q.id, q]));
  const items = order.map((id, n) => {
    const q = questions.get(id);
    const s = statsById.get(id);
    return {
      number: n + 1,
      questionId: id,
      scored: n < config.questionIds.length,
      stem: q?.versions[0]?.stem ?? "",
      domainName: names.get(q?.domainId ?? "") ?? q?.domainId ?? "",
      knowledgeArea: q?.knowledgeArea ?? "",
      answerIndex: q?.versions[0]?.answerIndex ?? null,
      responses: s?.responses ?? 0,
      difficulty: s ? s.difficulty : null,
      discrimination: s ? s.discrimination : null,
      optionCounts: s?.optionCounts ?? [0, 0, 0, 0],
      unanswered: s?.unanswered ?? 0,
      flagged: s?.flagged ?? false,
    };
  });

  // Weakest knowledge areas: proportion correct over every counted attempt's scored items.
  const areas = new Map<string, { correct: number; answered: number }>();
  for (const row of rows) {
    const counted = row.attemptId ? attempts.find((a) => a.id === row.attemptId) : null;
    for (const i of counted?.items ?? []) {
      // Unanswered items earn nothing on the score but are not evidence of a weak area.
      if (!i.scored || i.selectedIndex === null) continue;
      const ka = i.questionVersion.question.knowledgeArea;
      const e = areas.get(ka) ?? areas.set(ka, { correct: 0, answered: 0 }).get(ka)!;
      e.answered += 1;
      if (i.selectedIndex === i.questionVersion.answerIndex) e.correct += 1;
    }
  }
  const weakest = [...areas]
    .map(([id, e]) => ({
      id,
      title: kaTitles.get(id) ?? id,
      correct: e.correct,
      answered: e.answered,
      percent: Math.round((e.correct / e.answered) * 100),
    }))
    .sort((a, b) => a.correct / a.answered - b.correct / b.answered || a.id.localeCompare(b.id))
    .slice(0, 5);

  const domains = domainOrder
    .filter((d) => domainsInAssignment.has(d))
    .map((id) => ({ id, name: names.get(id) ?? id }));
  return {
    ok: true as const,
    klass: { id: klass.id, name: klass.name },
    assignment: {
      id: assignment.id,
      title: assignment.title,
      source: SOURCE_LABELS[config.source],
      questions: order.length,
      minutes: assignment.timeLimitMinutes,
      opensAt: fmt(assignment.opensAt),
      dueAt: fmt(assignment.dueAt),
      attemptsAllowed: assignment.attemptsAllowed,
      revealPolicy: REVEAL_LABELS[assignment.revealPolicy] ?? assignment.revealPolicy,
    },
    domains,
    rows,
    weakest,
    items,
    analysed: firstAttempts.length,
  };
}

/** One student's attempts at the assignment, every item with their choice and the key (instructor only). */
export async function studentWork(
  user: { id: string; role: Role; timeZone: string },
  classId: string,
  assignmentId: string,
  studentId: string,
) {
  const owned = await ownedAssignment(user, classId, assignmentId);
  if (!owned.ok) return owned;
  const { klass, assignment } = owned;
  await gradeExpiredAttempts({ assignmentId: assignment.id, userId: studentId });
  const attempts = await store.assignmentAttempts(assignment.id, studentId);
  const member = await store.membership(klass.id, studentId);
  if (!attempts.length && !member) return notFound("That student is not in this class.");
  const names = domainNames();
  const fmt = (d: Date) => formatInZone(d, user.timeZone);
  const student =
    attempts[0]?.user ?? (await store.classMembers(klass.id)).find((m) => m.user.id === studentId)?.user ?? null;
  return {
    ok: true as const,
    klass: { id: klass.id, name: klass.name },
    assignment: { id: assignment.id, title: assignment.title },
    student: { id: studentId, name: student?.name ?? "", email: student?.email ?? "" },
    attempts: attempts.map((a, n) => ({
      id: a.id,
      number: n + 1,
      status: a.status,
      startedAt: fmt(a.startedAt),
      submittedAt: a.submittedAt ? fmt(a.submittedAt) : null,
      late: isLate(assignment, a.submittedAt),
      percent: a.status === "submitted" ? percentOf(a) : null,
      correct: a.scoredCorrect,
      total: a.scoredTotal,
      secondsUsed: a.submittedAt ? secondsUsed(a.startedAt, a.submittedAt, a.deadline) : null,
      items: a.items.map((i) => {
        const options = decodeOptions(i.questionVersion.options);
        return {
          number: i.position + 1,
          questionId: i.questionVersion.questionId,
          scored: i.scored,
          domainName: names.get(i.questionVersion.question.domainId) ?? i.questionVersion.question.domainId,
          knowledgeArea: i.questionVersion.question.knowledgeArea,
          stem: i.questionVersion.stem,
          options: options.map((o) => o.text),
          selectedIndex: i.selectedIndex,
          answerIndex: i.questionVersion.answerIndex,
          correct: i.selectedIndex === i.questionVersion.answerIndex,
        };
      }),
    })),
  };
}

/** The results table as a CSV gradebook (one row per student; numbers as numbers). */
export async function gradebookCsv(
  user: { id: string; role: Role; timeZone: string },
  classId: string,
  assignmentId: string,
  now = new Date(),
) {
  const results = await assignmentResults(user, classId, assignmentId, now);
  if (!results.ok) return results;
  const header = [
    "Student",
    "Email",
    "Status",
    "Score (%)",
    "Correct",
    "Scored questions",
    ...results.domains.map((d) => `${d.name} (%)`),
    "Time used (minutes)",
    "Submitted at (UTC)",
    "Late",
    "Attempts",
  ];
  const rows: Cell[][] = results.rows.map((r) => [
    r.name,
    r.email,
    r.statusLabel,
    r.percent,
    r.correct,
    r.total,
    ...results.domains.map((d) => r.byDomain[d.id] ?? null),
    r.secondsUsed === null ? null : Math.round((r.secondsUsed / 60) * 10) / 10,
    r.submittedAtIso,
    r.submittedAtIso ? r.late : null,
    r.attempts,
  ]);
  const slug =
    results.assignment.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60) || "assignment";
  return { ok: true as const, filename: `${slug}-gradebook.csv`, csv: toCsv(header, rows) };
}
