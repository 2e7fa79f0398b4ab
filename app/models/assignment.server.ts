// Data access for assignments and their attempts. Callers check who may see what.
import { Prisma } from "~/generated/prisma-sqlite/client.ts";
import { db } from "~/utils/db.server.ts";
import { col, sql } from "~/utils/sql.server.ts";
import { containsLiteral } from "./text-search.server.ts";
import type { AssignmentConfig } from "./json-columns.ts";
import { SHOWN_VERSION } from "./attempt.server.ts";

export const BANK_PAGE_SIZE = 20;

export function createAssignment(input: {
  classId: string;
  title: string;
  config: AssignmentConfig;
  timeLimitMinutes: number | null;
  opensAt: Date;
  dueAt: Date;
  attemptsAllowed: number;
  revealPolicy: string;
}) {
  return db.assignment.create({ data: { ...input, config: JSON.stringify(input.config) }, select: { id: true } });
}

/** An assignment attempt as lists and results show it. */
const ATTEMPT_SUMMARY = {
  id: true,
  status: true,
  startedAt: true,
  submittedAt: true,
  deadline: true,
  scoredCorrect: true,
  scoredTotal: true,
} as const;

const assignmentFields = {
  id: true,
  classId: true,
  title: true,
  config: true,
  timeLimitMinutes: true,
  opensAt: true,
  dueAt: true,
  attemptsAllowed: true,
  revealPolicy: true,
  createdAt: true,
} as const;

/** A student's override as the rules read it (OverrideSettings). */
const OVERRIDE_FIELDS = { dueAt: true, timeLimitMinutes: true, untimed: true, attemptsAllowed: true } as const;

export function findAssignment(id: string) {
  return db.assignment.findUnique({
    where: { id },
    select: { ...assignmentFields, class: { select: { id: true, name: true, instructorId: true, archivedAt: true } } },
  });
}

export function assignmentsForClass(classId: string) {
  return db.assignment.findMany({
    where: { classId },
    orderBy: [{ dueAt: "asc" }, { createdAt: "asc" }],
    select: {
      ...assignmentFields,
      overrides: { select: { userId: true, ...OVERRIDE_FIELDS } },
      attempts: { select: { userId: true, status: true, submittedAt: true } },
    },
  });
}

/** Every assignment of every live class the student belongs to, with their own attempts only. */
export async function assignmentsForMember(userId: string) {
  // Raw SQL: every learner's home page asks, and through Prisma's query compiler the four queries
  // it made cost more than a millisecond, for a learner in no class too.
  const rows = await sql.rows(Prisma.sql`
    SELECT "a"."id", "a"."classId", "a"."title", "a"."config", "a"."timeLimitMinutes", "a"."opensAt", "a"."dueAt",
      "a"."attemptsAllowed", "a"."revealPolicy", "a"."createdAt", "c"."name" AS "className"
    FROM "Assignment" AS "a"
    JOIN "Class" AS "c" ON "c"."id" = "a"."classId"
    JOIN "ClassMembership" AS "m" ON "m"."classId" = "c"."id" AND "m"."userId" = ${userId}
    WHERE "c"."archivedAt" IS NULL
    ORDER BY "a"."dueAt" ASC, "a"."createdAt" ASC`);
  if (!rows.length) return [];
  const ids = Prisma.join(rows.map((r) => col.text(r.id)));
  const [overrides, attempts] = await Promise.all([
    sql.rows(Prisma.sql`
      SELECT "assignmentId", "dueAt", "timeLimitMinutes", "untimed", "attemptsAllowed" FROM "AssignmentOverride"
      WHERE "userId" = ${userId} AND "assignmentId" IN (${ids})`),
    sql.rows(Prisma.sql`
      SELECT "assignmentId", "id", "status", "submittedAt" FROM "ExamAttempt"
      WHERE "userId" = ${userId} AND "assignmentId" IN (${ids})
      ORDER BY "startedAt" ASC, "id" ASC`),
  ]);
  return rows.map((r) => {
    const id = col.text(r.id);
    return {
      id,
      classId: col.text(r.classId),
      title: col.text(r.title),
      config: col.text(r.config),
      timeLimitMinutes: col.intOrNull(r.timeLimitMinutes),
      opensAt: col.date(r.opensAt),
      dueAt: col.date(r.dueAt),
      attemptsAllowed: col.int(r.attemptsAllowed),
      revealPolicy: col.text(r.revealPolicy),
      createdAt: col.date(r.createdAt),
      class: { id: col.text(r.classId), name: col.text(r.className) },
      overrides: overrides
        .filter((o) => o.assignmentId === id)
        .map((o) => ({
          dueAt: col.dateOrNull(o.dueAt),
          timeLimitMinutes: col.intOrNull(o.timeLimitMinutes),
          untimed: col.flag(o.untimed),
          attemptsAllowed: col.intOrNull(o.attemptsAllowed),
        })),
      attempts: attempts
        .filter((t) => t.assignmentId === id)
        .map((t) => ({ id: col.text(t.id), status: col.text(t.status), submittedAt: col.dateOrNull(t.submittedAt) })),
    };
  });
}

export function membership(classId: string, userId: string) {
  return db.classMembership.findUnique({
    where: { classId_userId: { classId, userId } },
    select: { accommodationFactor: true },
  });
}

export function attemptsOf(assignmentId: string, userId: string) {
  return db.examAttempt.findMany({
    where: { assignmentId, userId },
    orderBy: [{ startedAt: "asc" }, { id: "asc" }],
    select: { ...ATTEMPT_SUMMARY, assignmentSlot: true },
  });
}

/** Current versions of live bank items (and, given an author, that instructor's own), by question id. */
export async function currentVersions(questionIds: string[], authorId: string | null = null) {
  const rows = await db.question.findMany({
    where: { id: { in: questionIds }, retiredAt: null, OR: [{ authorId: null }, ...(authorId ? [{ authorId }] : [])] },
    select: { id: true, domainId: true, currentVersion: true, versions: { select: { id: true, version: true } } },
  });
  return new Map(
    rows.map((q) => [
      q.id,
      { domainId: q.domainId, versionId: q.versions.find((v) => v.version === q.currentVersion)?.id ?? null },
    ]),
  );
}

/** Every attempt at the assignment with items graded, for results and item analysis. */
export function assignmentAttempts(assignmentId: string, userId?: string) {
  return db.examAttempt.findMany({
    where: { assignmentId, ...(userId ? { userId } : {}) },
    orderBy: [{ startedAt: "asc" }, { id: "asc" }],
    select: {
      ...ATTEMPT_SUMMARY,
      userId: true,
      user: { select: { name: true, email: true } },
      items: {
        orderBy: { position: "asc" },
        select: {
          position: true,
          scored: true,
          selectedIndex: true,
          isCorrect: true,
          questionVersion: {
            select: {
              ...SHOWN_VERSION,
              question: { select: { domainId: true, knowledgeArea: true } },
            },
          },
        },
      },
    },
  });
}

export function classMembers(classId: string) {
  return db.classMembership.findMany({
    where: { classId },
    orderBy: { joinedAt: "asc" },
    select: { user: { select: { id: true, name: true, email: true } } },
  });
}

/** Questions' latest text for the item-analysis table. */
export function questionsById(ids: string[]) {
  return db.question.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      domainId: true,
      knowledgeArea: true,
      currentVersion: true,
      versions: { orderBy: { version: "desc" }, take: 1, select: { stem: true, answerIndex: true, difficulty: true } },
    },
  });
}

/** What the bank can be narrowed by (the picker's query, validated by the route). */
export interface BankFilter {
  domain?: string;
  ka?: string;
  difficulty?: number;
  q?: string;
  page: number;
}

/** A page of live bank items for picking; stems only (instructors may see keys, but the list does not need them). */
export async function bankPage(filter: BankFilter, authorId: string | null = null) {
  const matching = filter.q
    ? (
        await db.$queryRaw<{ questionId: string }[]>`
          SELECT DISTINCT "questionId" FROM "QuestionVersion" WHERE ${containsLiteral(Prisma.sql`"stem"`, filter.q)}`
      ).map((r) => r.questionId)
    : null;
  const where = {
    ...(matching ? { id: { in: matching } } : {}),
    retiredAt: null,
    OR: [{ authorId: null }, ...(authorId ? [{ authorId }] : [])],
    ...(filter.domain ? { domainId: filter.domain } : {}),
    ...(filter.ka ? { knowledgeArea: filter.ka } : {}),
    versions: {
      some: {
        ...(filter.difficulty ? { difficulty: filter.difficulty } : {}),
      },
    },
  };
  const [total, rows] = await Promise.all([
    db.question.count({ where }),
    db.question.findMany({
      where,
      orderBy: { id: "asc" },
      skip: (filter.page - 1) * BANK_PAGE_SIZE,
      take: BANK_PAGE_SIZE,
      select: {
        id: true,
        authorId: true,
        domainId: true,
        knowledgeArea: true,
        currentVersion: true,
        versions: { orderBy: { version: "desc" }, take: 1, select: { stem: true, difficulty: true } },
      },
    }),
  ]);
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      own: r.authorId !== null,
      domainId: r.domainId,
      knowledgeArea: r.knowledgeArea,
      stem: r.versions[0]?.stem ?? "",
      difficulty: r.versions[0]?.difficulty ?? null,
    })),
  };
}

/** Time limits of a class's timed assignments (to show what extra time would give). */
export function timedAssignments(classId: string) {
  return db.assignment.findMany({
    where: { classId, timeLimitMinutes: { not: null } },
    orderBy: { dueAt: "desc" },
    take: 3,
    select: { title: true, timeLimitMinutes: true },
  });
}

/** Assignments of the learner's classes whose answers are withheld at `keysFrom` (never shown,
 * or shown after a due date, or a student's extended one, not reached by then). */
export function withheldAssignments(userId: string, keysFrom: Date) {
  return db.assignment.findMany({
    where: {
      class: { memberships: { some: { userId } } },
      OR: [
        { revealPolicy: "never" },
        // Held until the latest due date, an extension's included (keyReleaseDue).
        { revealPolicy: "after_due", dueAt: { gt: keysFrom } },
        { revealPolicy: "after_due", overrides: { some: { dueAt: { gt: keysFrom } } } },
      ],
    },
    select: { config: true, revealPolicy: true, dueAt: true, overrides: { select: { dueAt: true } } },
  });
}

/** The learners in a class. */
export async function memberIds(classId: string): Promise<string[]> {
  const rows = await db.classMembership.findMany({ where: { classId }, select: { userId: true } });
  return rows.map((r) => r.userId);
}

/** The current version of each question in full, key and rationales included (instructors' preview). */
export async function questionPreviews(questionIds: string[]) {
  const rows = await db.question.findMany({
    where: { id: { in: questionIds } },
    select: {
      id: true,
      currentVersion: true,
      versions: { select: { version: true, stem: true, options: true, answerIndex: true } },
    },
  });
  return new Map(
    rows.flatMap((q) => {
      const v = q.versions.find((x) => x.version === q.currentVersion);
      return v ? [[q.id, v] as const] : [];
    }),
  );
}

/** The most recent submitted attempts this many, for item statistics in the picker. */
export const PREVIEW_ATTEMPT_LIMIT = 2000;

/** Submitted attempts at assignments of this instructor's classes that include any of the questions,
 * every item graded (the rest-score needs them all); newest first, bounded. */
export function instructorClassResponses(instructorId: string, questionIds: string[]) {
  return db.examAttempt.findMany({
    where: {
      status: "submitted",
      assignment: { class: { instructorId } },
      items: { some: { questionVersion: { questionId: { in: questionIds } } } },
    },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: PREVIEW_ATTEMPT_LIMIT,
    select: {
      userId: true,
      assignmentId: true,
      startedAt: true,
      items: {
        select: {
          scored: true,
          selectedIndex: true,
          questionVersion: { select: { questionId: true, answerIndex: true } },
        },
      },
    },
  });
}
