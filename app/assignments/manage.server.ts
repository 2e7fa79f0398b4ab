// Instructors' side of assignments: create one for a class (its items fixed then), check who owns
// it, pick questions from the bank, and list a class's assignments with each member's status.
// Instructors only see their own classes (admins any).
import { notFound, type NotFound } from "~/utils/results.ts";
import { ownedClass } from "~/classes/classes.server.ts";
import { getContentIndex } from "~/content/index.server.ts";
import { applyKeyHolds } from "~/exam/key-holds.server.ts";
import { missedCardsAllowed } from "~/exam/key-release.ts";
import { allocate, drawByDomain, NotEnoughItemsError, planSimulation } from "~/exam/selection.ts";
import * as attemptStore from "~/models/attempt.server.ts";
import * as store from "~/models/assignment.server.ts";
import { decodeOptions, type AssignmentConfig } from "~/models/json-columns.ts";
import type { Role } from "~/utils/roles.ts";
import type { AssignmentForm, BankFilter } from "./forms.ts";
import { analyseItems } from "./item-analysis.ts";
import { effectiveSettings, formatInZone, studentStatus } from "./rules.ts";
import type { DateReader } from "~/utils/dates.ts";

/** Domain id → name, as the bank and the results show them. */
export function domainNames() {
  return new Map<string, string>(getContentIndex().blueprint.domains.map((d) => [d.id, d.name]));
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
  if (!missedCardsAllowed(form.revealPolicy)) await applyKeyHolds(await store.memberIds(klass.id), now);
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

/**
 * How the questions did in this instructor's classes: facility (proportion correct) and
 * discrimination (point-biserial), by the results page's item analysis over each student's first
 * submitted attempt per assignment. Discrimination is null below the same response threshold.
 */
async function classItemStats(instructorId: string, questionIds: string[]) {
  const attempts = await store.instructorClassResponses(instructorId, questionIds);
  // Oldest first, then one (the first) attempt per student and assignment, as on the results page.
  const first = new Map<string, (typeof attempts)[number]>();
  for (const a of [...attempts].reverse()) {
    const key = `${a.assignmentId}:${a.userId}`;
    if (!first.has(key)) first.set(key, a);
  }
  const stats = analyseItems(
    [...first.values()].map((a) =>
      a.items.map((i) => ({
        questionId: i.questionVersion.questionId,
        scored: i.scored,
        selectedIndex: i.selectedIndex,
        correct: i.selectedIndex === i.questionVersion.answerIndex,
      })),
    ),
  );
  return new Map(stats.map((s) => [s.questionId, s]));
}

/** Bank items plus the instructor's own questions, for hand-picking; each with its preview
 * (stem, options, key, rationales) and its statistics in the instructor's classes. Instructors only. */
export async function bankForPicking(filter: BankFilter, instructorId: string) {
  const page = await store.bankPage(filter, instructorId);
  const names = domainNames();
  const ids = page.rows.map((r) => r.id);
  const [versions, stats] = await Promise.all([store.questionPreviews(ids), classItemStats(instructorId, ids)]);
  return {
    total: page.total,
    pageSize: store.BANK_PAGE_SIZE,
    items: page.rows.map((r) => {
      const v = versions.get(r.id);
      const s = stats.get(r.id);
      return {
        ...r,
        domainName: names.get(r.domainId) ?? r.domainId,
        preview: {
          stem: v?.stem ?? r.stem,
          options: v ? decodeOptions(v.options) : [],
          answerIndex: v?.answerIndex ?? null,
          responses: s?.responses ?? 0,
          facility: s?.difficulty ?? null,
          discrimination: s?.discrimination ?? null,
        },
      };
    }),
  };
}

/** The class page's list for the instructor: dates in their time zone and how many submitted. */
export async function classAssignments(classId: string, timeZone: DateReader) {
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
        effectiveSettings(
          a,
          a.overrides.find((o) => o.userId === userId),
          null,
        ),
        a.attempts.filter((t) => t.userId === userId).map((t, i) => ({ id: String(i), ...t })),
        now,
      ),
    }));
}
