// Instructors' view of an assignment's work: results with weakest knowledge areas and item
// analysis, one student's attempts item by item, and the gradebook CSV (instructor only).
import { notFound } from "~/utils/results.ts";
import { getContentIndex } from "~/content/index.server.ts";
import { gradeExpiredAttempts } from "~/exam/grading.server.ts";
import { scoreItems } from "~/exam/scoring.ts";
import { isLate, secondsUsed } from "~/exam/timing.ts";
import * as store from "~/models/assignment.server.ts";
import { findOverride, overridesOf } from "~/models/assignment-override.server.ts";
import { openReportCounts } from "~/models/content-report.server.ts";
import { isErasedUser } from "~/models/erased-user.ts";
import { decodeAssignmentConfig, decodeOptions, type AssignmentSource } from "~/models/json-columns.ts";
import { csvDateTime, csvZoneHeader } from "~/utils/dates.ts";
import type { Role } from "~/utils/roles.ts";
import { toCsv, type Cell } from "./gradebook.ts";
import { analyseItems } from "./item-analysis.ts";
import { domainNames, ownedAssignment } from "./manage.server.ts";
import { effectiveSettings, formatInZone, STATUS_LABELS, studentStatus } from "./rules.ts";

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

function knowledgeAreaTitles() {
  return new Map<string, string>(
    getContentIndex().blueprint.domains.flatMap((d) => d.knowledgeAreas.map((k) => [k.id, k.title] as const)),
  );
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
  user: { id: string; role: Role; timeZone: string; locale?: string },
  classId: string,
  assignmentId: string,
  now = new Date(),
) {
  const owned = await ownedAssignment(user, classId, assignmentId);
  if (!owned.ok) return owned;
  const { klass, assignment } = owned;
  // Students who closed the tab: their timed-out attempts are graded here, a bounded few per load.
  await gradeExpiredAttempts({ assignmentId: assignment.id }, now);
  const fmt = (d: Date) => formatInZone(d, user);
  const config = decodeAssignmentConfig(assignment.config);
  const names = domainNames();
  const kaTitles = knowledgeAreaTitles();
  const domainOrder = getContentIndex().blueprint.domains.map((d) => d.id);
  const [members, attempts, overrides] = await Promise.all([
    store.classMembers(klass.id),
    store.assignmentAttempts(assignment.id),
    overridesOf(assignment.id),
  ]);
  const byUser = new Map<string, GradedAttempt[]>();
  for (const a of attempts) (byUser.get(a.userId) ?? byUser.set(a.userId, []).get(a.userId)!).push(a);
  // Current members, then anyone who has since left but has work here. A deleted account is no
  // one: its answers count in the item analysis below, but it has no row in the results.
  const people = [
    ...members.map((m) => ({ ...m.user, member: true })),
    ...[...byUser.entries()]
      .filter(([id, list]) => !members.some((m) => m.user.id === id) && !isErasedUser({ id, ...list[0].user }))
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
    // Their own due date and attempts (an override), as they work under them.
    const settings = effectiveSettings(
      assignment,
      overrides.find((o) => o.userId === p.id),
      null,
    );
    const status = studentStatus(settings, own, now);
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
      late: counted ? isLate(settings, counted.submittedAt) : false,
      /** Their extended due date, when they have one. */
      extendedDueAt: settings.extended ? fmt(settings.dueAt) : null,
      /** Their due date, extended or not (the gradebook's column). */
      dueAtIso: settings.dueAt.toISOString(),
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
  const [questionRows, openReports] = await Promise.all([store.questionsById(order), openReportCounts(order)]);
  const questions = new Map(questionRows.map((q) => [q.id, q]));
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
      /** Learners' open "Report a problem" reports on this question (any class). */
      openReports: openReports.get(id) ?? 0,
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
  user: { id: string; role: Role; timeZone: string; locale?: string },
  classId: string,
  assignmentId: string,
  studentId: string,
) {
  const owned = await ownedAssignment(user, classId, assignmentId);
  if (!owned.ok) return owned;
  const { klass, assignment } = owned;
  await gradeExpiredAttempts({ assignmentId: assignment.id, userId: studentId });
  const attempts = await store.assignmentAttempts(assignment.id, studentId);
  const [member, override] = await Promise.all([
    store.membership(klass.id, studentId),
    findOverride(assignment.id, studentId),
  ]);
  const settings = effectiveSettings(assignment, override, member);
  if (!attempts.length && !member) return notFound("That student is not in this class.");
  // A deleted account's answers are anonymous: no page shows them as one person's work.
  if (attempts[0] && isErasedUser({ id: studentId, ...attempts[0].user }))
    return notFound("That student is not in this class.");
  const names = domainNames();
  const fmt = (d: Date) => formatInZone(d, user);
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
      late: isLate(settings, a.submittedAt),
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
  user: { id: string; role: Role; timeZone: string; locale?: string },
  classId: string,
  assignmentId: string,
  now = new Date(),
) {
  const results = await assignmentResults(user, classId, assignmentId, now);
  if (!results.ok) return results;
  // Times in the instructor's zone, readable in a spreadsheet, with the exact instant beside them.
  const zone = user.timeZone;
  const header = [
    "Student",
    "Email",
    "Status",
    "Score (%)",
    "Correct",
    "Scored questions",
    ...results.domains.map((d) => `${d.name} (%)`),
    "Time used (minutes)",
    csvZoneHeader("Due", zone),
    "Due (ISO 8601, UTC)",
    "Extended",
    csvZoneHeader("Submitted at", zone),
    "Submitted at (ISO 8601, UTC)",
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
    csvDateTime(r.dueAtIso, zone),
    r.dueAtIso,
    r.extendedDueAt !== null,
    r.submittedAtIso ? csvDateTime(r.submittedAtIso, zone) : null,
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
