// Data access for exam attempts. Nothing here returns a correct answer or rationale unless
// the caller asks for a submitted attempt's review (or a tutor-mode item already answered).
import { db } from "~/utils/db.server.ts";
import { decodeOptions } from "./json-columns.ts";
import { lockUserRow } from "./sql-dialect.server.ts";
import { Prisma } from "~/generated/prisma-sqlite/client.ts";
import { col, sql } from "~/utils/sql.server.ts";

/** A question version as an item shows it: which question, its stem and options, and the key. */
export const SHOWN_VERSION = { questionId: true, stem: true, options: true, answerIndex: true } as const;

/** The client or a transaction's client: reads that run either way take one. */
type Client = Prisma.TransactionClient;

export interface PoolFilter {
  domains: string[];
  lessonSlug?: string;
  knowledgeAreas?: string[];
  userId: string;
  only: "all" | "unseen" | "missed";
}

export interface PoolEntry {
  questionId: string;
  domainId: string;
  versionId: string;
}

/** Current versions of live bank questions matching the filter. */
export async function questionPool(filter: PoolFilter): Promise<PoolEntry[]> {
  const versions = await db.questionVersion.findMany({
    where: {
      question: {
        retiredAt: null,
        authorId: null,
        domainId: { in: filter.domains },
        ...(filter.knowledgeAreas?.length ? { knowledgeArea: { in: filter.knowledgeAreas } } : {}),
      },
      ...(filter.lessonSlug ? { lessonSlug: filter.lessonSlug } : {}),
    },
    select: {
      id: true,
      version: true,
      questionId: true,
      question: { select: { currentVersion: true, domainId: true } },
    },
  });
  let pool = versions
    .filter((v) => v.version === v.question.currentVersion)
    .map((v) => ({ questionId: v.questionId, domainId: v.question.domainId, versionId: v.id }));
  if (filter.only === "unseen") {
    const seen = await seenQuestionIds(filter.userId);
    pool = pool.filter((p) => !seen.has(p.questionId));
  } else if (filter.only === "missed") {
    const missed = await missedQuestionIds(filter.userId);
    pool = pool.filter((p) => missed.has(p.questionId));
  }
  return pool;
}

async function seenQuestionIds(userId: string): Promise<Set<string>> {
  const rows = await db.attemptItem.findMany({
    where: { attempt: { userId } },
    select: { questionVersion: { select: { questionId: true } } },
  });
  return new Set(rows.map((r) => r.questionVersion.questionId));
}

/** Questions whose most recent graded answer by this learner was wrong. */
export async function missedQuestionIds(userId: string): Promise<Set<string>> {
  const rows = await db.attemptItem.findMany({
    // An assignment whose answers are not shown at submit must not leak them through
    // "previously missed" practice (tutor mode would reveal the key).
    where: {
      attempt: {
        userId,
        status: "submitted",
        OR: [{ assignmentId: null }, { assignment: { revealPolicy: "after_submit" } }],
      },
      isCorrect: { not: null },
    },
    select: {
      isCorrect: true,
      attempt: { select: { submittedAt: true } },
      questionVersion: { select: { questionId: true } },
    },
    orderBy: { attempt: { submittedAt: "asc" } },
  });
  const latest = new Map<string, boolean>();
  for (const r of rows) latest.set(r.questionVersion.questionId, r.isCorrect!);
  return new Set([...latest].filter(([, correct]) => !correct).map(([id]) => id));
}

/** Accuracy per domain over this learner's graded answers (for "my weakest"). */
export async function domainAccuracy(userId: string) {
  const rows = await db.attemptItem.findMany({
    where: { attempt: { userId, status: "submitted" }, isCorrect: { not: null } },
    select: { isCorrect: true, questionVersion: { select: { question: { select: { domainId: true } } } } },
  });
  const stats = new Map<string, { domainId: string; correct: number; answered: number }>();
  for (const r of rows) {
    const id = r.questionVersion.question.domainId;
    const s = stats.get(id) ?? stats.set(id, { domainId: id, correct: 0, answered: 0 }).get(id)!;
    s.answered += 1;
    if (r.isCorrect) s.correct += 1;
  }
  return [...stats.values()];
}

export async function createAttempt(input: {
  userId: string;
  kind: string;
  mode: string;
  config: unknown;
  startedAt: Date;
  deadline: Date | null;
  items: { versionId: string; scored: boolean }[];
  assignmentId?: string;
  /** The learner's attempt number at the assignment (unique: a racing start fails with P2002). */
  assignmentSlot?: number;
}) {
  return db.examAttempt.create({
    data: {
      userId: input.userId,
      kind: input.kind,
      mode: input.mode,
      config: JSON.stringify(input.config),
      startedAt: input.startedAt,
      deadline: input.deadline,
      assignmentId: input.assignmentId,
      assignmentSlot: input.assignmentSlot,
      // One INSERT for all items (a nested `create` list inserts them one by one).
      items: {
        createMany: {
          data: input.items.map((item, position) => ({
            position,
            questionVersionId: item.versionId,
            scored: item.scored,
          })),
        },
      },
    },
    select: { id: true },
  });
}

export async function findAttempt(attemptId: string) {
  // Raw SQL (sql.server.ts): read on every exam page and answer save.
  const [row] = await sql.rows(Prisma.sql`
    SELECT "id", "userId", "kind", "mode", "config", "startedAt", "deadline", "submittedAt", "status",
      "scoredCorrect", "scoredTotal", "scaledScore", "assignmentId"
    FROM "ExamAttempt" WHERE "id" = ${attemptId}`);
  if (!row) return null;
  return {
    id: col.text(row.id),
    userId: col.text(row.userId),
    kind: col.text(row.kind),
    mode: col.text(row.mode),
    config: col.text(row.config),
    startedAt: col.date(row.startedAt),
    deadline: col.dateOrNull(row.deadline),
    submittedAt: col.dateOrNull(row.submittedAt),
    status: col.text(row.status),
    scoredCorrect: col.intOrNull(row.scoredCorrect),
    scoredTotal: col.intOrNull(row.scoredTotal),
    scaledScore: col.intOrNull(row.scaledScore),
    assignmentId: col.textOrNull(row.assignmentId),
  };
}

/** Navigator state: position, answered, flagged. No answers. */
export async function attemptItemStates(attemptId: string) {
  const rows = await sql.rows(Prisma.sql`
    SELECT "position", "selectedIndex", "flagged" FROM "AttemptItem"
    WHERE "attemptId" = ${attemptId} ORDER BY "position"`);
  return rows.map((r) => ({
    position: col.int(r.position),
    selectedIndex: col.intOrNull(r.selectedIndex),
    flagged: col.flag(r.flagged),
  }));
}

const EXAM_ITEM_COLUMNS = Prisma.sql`"i"."position", "i"."selectedIndex", "i"."flagged", "i"."checkedAt",
  "v"."questionId", "v"."stem", "v"."options", "v"."answerIndex", "v"."lessonSlug", "q"."domainId"`;

const examItemSource = (attemptId: string, position: number) => Prisma.sql`
  FROM "AttemptItem" AS "i"
  JOIN "QuestionVersion" AS "v" ON "v"."id" = "i"."questionVersionId"
  JOIN "Question" AS "q" ON "q"."id" = "v"."questionId"
  WHERE "i"."attemptId" = ${attemptId} AND "i"."position" = ${position}`;

/** One item as the exam shows it: stem and option texts. One query (the item, its version and
 * the question's domain), as every exam page and answer save asks for it. */
export async function examItem(attemptId: string, position: number) {
  const [row] = await sql.rows(Prisma.sql`SELECT ${EXAM_ITEM_COLUMNS} ${examItemSource(attemptId, position)}`);
  return row ? examItemFromRow(row) : null;
}

/**
 * The exam page's read: the item, and every item's grid state in order, in one query and one row.
 * The states come as one digit per item (answered + 2 × flagged): a row per item costs the driver
 * an object each, three times the query's own work. null when the position is not in the attempt.
 */
export async function examItemWithStates(attemptId: string, position: number) {
  const [row] = await sql.rows(Prisma.sql`
    SELECT ${EXAM_ITEM_COLUMNS},
      (SELECT string_agg(CAST(CASE WHEN "s"."selectedIndex" IS NULL THEN 0 ELSE 1 END
          + CASE WHEN "s"."flagged" THEN 2 ELSE 0 END AS TEXT), '' ORDER BY "s"."position")
        FROM "AttemptItem" AS "s" WHERE "s"."attemptId" = ${attemptId}) AS "states"
    ${examItemSource(attemptId, position)}`);
  if (!row) return null;
  const states = Array.from(String(row.states), (digit, index) => {
    const code = Number(digit);
    return { position: index, answered: (code & 1) === 1, flagged: (code & 2) === 2 };
  });
  return { item: examItemFromRow(row), states };
}

function examItemFromRow(row: Record<string, unknown>) {
  const options = decodeOptions(String(row.options));
  return {
    position: Number(row.position),
    selectedIndex: col.intOrNull(row.selectedIndex),
    flagged: col.flag(row.flagged),
    checkedAt: col.dateOrNull(row.checkedAt),
    questionId: String(row.questionId),
    domainId: String(row.domainId),
    stem: String(row.stem),
    options: options.map((o) => o.text),
    // Kept server-side: the route decides whether they may be shown (tutor mode, checked).
    secret: {
      answerIndex: Number(row.answerIndex),
      rationales: options.map((o) => o.rationale),
      lessonSlug: row.lessonSlug == null ? null : String(row.lessonSlug),
    },
  };
}

/** Saves a choice and/or flag while the attempt is in progress. Returns false if it was not. */
export async function saveItem(
  attemptId: string,
  position: number,
  data: { selectedIndex?: number | null; flagged?: boolean },
  at: Date,
  opts: { onlyUnchecked?: boolean } = {},
) {
  const changes: Prisma.Sql[] = [];
  if (data.selectedIndex !== undefined)
    changes.push(
      Prisma.sql`"selectedIndex" = ${data.selectedIndex}, "answeredAt" = ${data.selectedIndex === null ? null : at}`,
    );
  if (data.flagged !== undefined) changes.push(Prisma.sql`"flagged" = ${data.flagged}`);
  if (!changes.length) throw new Error("saveItem needs a change to save");
  const unchecked = opts.onlyUnchecked ? Prisma.sql`AND "checkedAt" IS NULL` : Prisma.empty;
  return (await updateOpenItem(attemptId, position, Prisma.join(changes, ", "), unchecked)) === 1;
}

/** Tutor mode: records the answer and locks it as checked, unless it was checked already
 * (the condition makes a double submit or a race check it once). */
export async function checkItem(attemptId: string, position: number, selectedIndex: number, at: Date) {
  const changes = Prisma.sql`"selectedIndex" = ${selectedIndex}, "answeredAt" = ${at}, "checkedAt" = ${at}`;
  return (await updateOpenItem(attemptId, position, changes, Prisma.sql`AND "checkedAt" IS NULL`)) === 1;
}

// Raw SQL (sql.server.ts): every answer save writes here. The attempt's status is checked in the
// same statement, so an answer racing the submit (or the deadline's) is never saved after it.
function updateOpenItem(attemptId: string, position: number, changes: Prisma.Sql, condition: Prisma.Sql) {
  return sql.run(Prisma.sql`
    UPDATE "AttemptItem" SET ${changes}
    WHERE "attemptId" = ${attemptId} AND "position" = ${position} ${condition}
      AND EXISTS (SELECT 1 FROM "ExamAttempt" WHERE "id" = ${attemptId} AND "status" = 'in_progress')`);
}

/** Everything needed to grade and review a submitted attempt. */
export function gradedItems(attemptId: string) {
  return db.attemptItem.findMany({
    where: { attemptId },
    orderBy: { position: "asc" },
    select: {
      id: true,
      position: true,
      scored: true,
      selectedIndex: true,
      flagged: true,
      isCorrect: true,
      questionVersion: {
        select: {
          ...SHOWN_VERSION,
          reference: true,
          lessonSlug: true,
          question: { select: { domainId: true, knowledgeArea: true } },
        },
      },
    },
  });
}

/**
 * Grades and closes an attempt once: items get isCorrect, the attempt its score, and each
 * missed item becomes (or stays) a review card in the learner's deck. Returns false when the
 * attempt was already submitted (a repeated or racing submit changes nothing).
 */
export async function finalizeAttempt(input: {
  attemptId: string;
  userId: string;
  submittedAt: Date;
  /** Answered items only: an unanswered item keeps no grade (it earns nothing, but is no miss). */
  grades: { itemId: string; isCorrect: boolean }[];
  scoredCorrect: number;
  scoredTotal: number;
  scaledScore: number | null;
  missedCards: { questionId: string; domainId: string; knowledgeArea: string; front: string; back: string }[];
}): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.examAttempt.updateMany({
      where: { id: input.attemptId, status: "in_progress" },
      data: {
        status: "submitted",
        submittedAt: input.submittedAt,
        scoredCorrect: input.scoredCorrect,
        scoredTotal: input.scoredTotal,
        scaledScore: input.scaledScore,
        answeredCount: input.grades.length,
      },
    });
    if (count === 0) return false;
    for (const correct of [true, false]) {
      const ids = input.grades.filter((g) => g.isCorrect === correct).map((g) => g.itemId);
      if (ids.length) await tx.attemptItem.updateMany({ where: { id: { in: ids } }, data: { isCorrect: correct } });
    }
    await upsertMissedCards(tx, input.userId, input.submittedAt, input.missedCards);
    return true;
  });
}

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];
type MissedCard = { questionId: string; domainId: string; knowledgeArea: string; front: string; back: string };

/** Missed items become review cards in a few statements, however many there are (a 135-item
 * attempt used to be 135 upserts): read which exist, insert the rest at once, and refresh the
 * text only where the version just seen differs. Scheduling of existing cards stays as it is. */
async function upsertMissedCards(tx: Tx, userId: string, due: Date, cards: MissedCard[]) {
  const byQuestion = new Map(cards.map((c) => [c.questionId, c]));
  if (!byQuestion.size) return;
  const existing = await tx.reviewCard.findMany({
    where: { userId, questionId: { in: [...byQuestion.keys()] } },
    select: { id: true, questionId: true, front: true, back: true },
  });
  const have = new Map(existing.map((c) => [c.questionId!, c]));
  const fresh = [...byQuestion.values()].filter((c) => !have.has(c.questionId));
  if (fresh.length)
    await tx.reviewCard.createMany({ data: fresh.map((c) => ({ userId, source: "missed", due, ...c })) });
  for (const card of existing) {
    const seen = byQuestion.get(card.questionId!)!;
    if (card.front !== seen.front || card.back !== seen.back)
      await tx.reviewCard.update({ where: { id: card.id }, data: { front: seen.front, back: seen.back } });
  }
}

export async function attemptHistory(userId: string, take = 50) {
  // Raw SQL: the home page and the practice page read it on every load.
  const rows = await sql.rows(Prisma.sql`
    SELECT "a"."id", "a"."kind", "a"."mode", "a"."startedAt", "a"."submittedAt", "a"."deadline", "a"."status",
      "a"."scoredCorrect", "a"."scoredTotal", "a"."scaledScore",
      (SELECT COUNT(*) FROM "AttemptItem" AS "i" WHERE "i"."attemptId" = "a"."id") AS "items"
    FROM "ExamAttempt" AS "a"
    WHERE "a"."userId" = ${userId}
    ORDER BY "a"."startedAt" DESC
    LIMIT ${take}`);
  return rows.map((r) => ({
    id: col.text(r.id),
    kind: col.text(r.kind),
    mode: col.text(r.mode),
    startedAt: col.date(r.startedAt),
    submittedAt: col.dateOrNull(r.submittedAt),
    deadline: col.dateOrNull(r.deadline),
    status: col.text(r.status),
    scoredCorrect: col.intOrNull(r.scoredCorrect),
    scoredTotal: col.intOrNull(r.scoredTotal),
    scaledScore: col.intOrNull(r.scaledScore),
    _count: { items: col.int(r.items) },
  }));
}

const attemptForGrading = {
  id: true,
  userId: true,
  kind: true,
  status: true,
  deadline: true,
  assignmentId: true,
} as const;

export interface ExpiredFilter {
  userId?: string;
  assignmentId?: string;
  /** Attempts at any of this class's assignments. */
  classId?: string;
}

/** In-progress attempts whose deadline (plus the network grace) has passed, oldest first, at most
 * `take`: graded lazily, a few per page load. Filter by learner and/or assignment. */
// Raw SQL: pages that show results (the dashboard among them) ask this on every load, and almost
// always find nothing; through Prisma's query compiler the asking cost 0.7 ms.
export async function expiredAttempts(filter: ExpiredFilter, cutoff: Date, take: number) {
  const { userId, assignmentId, classId } = filter;
  const rows = await sql.rows(Prisma.sql`
    SELECT "a"."id", "a"."userId", "a"."kind", "a"."status", "a"."deadline", "a"."assignmentId"
    FROM "ExamAttempt" AS "a"
    WHERE "a"."status" = 'in_progress' AND "a"."deadline" < ${cutoff}
      ${userId !== undefined ? Prisma.sql`AND "a"."userId" = ${userId}` : Prisma.empty}
      ${assignmentId !== undefined ? Prisma.sql`AND "a"."assignmentId" = ${assignmentId}` : Prisma.empty}
      ${
        classId !== undefined
          ? Prisma.sql`AND "a"."assignmentId" IN (SELECT "id" FROM "Assignment" WHERE "classId" = ${classId})`
          : Prisma.empty
      }
    ORDER BY "a"."deadline" ASC, "a"."id" ASC
    LIMIT ${take}`);
  return rows.map((r) => ({
    id: col.text(r.id),
    userId: col.text(r.userId),
    kind: col.text(r.kind),
    status: col.text(r.status),
    deadline: col.dateOrNull(r.deadline),
    assignmentId: col.textOrNull(r.assignmentId),
  })) satisfies Prisma.ExamAttemptGetPayload<{ select: typeof attemptForGrading }>[];
}

/** A learner's open attempts in a class's assignments (to close them when they are removed). */
export function openAssignmentAttempts(userId: string, classId: string) {
  return db.examAttempt.findMany({
    where: { userId, status: "in_progress", assignment: { classId } },
    select: attemptForGrading,
  });
}

/** Self-started attempts of one kind still open at `cutoff` (untimed, or deadline not passed), oldest first. */
export function openAttempts(userId: string, kind: string, cutoff: Date, client: Client = db, except?: string) {
  return client.examAttempt.findMany({
    where: {
      userId,
      kind,
      status: "in_progress",
      OR: [{ deadline: null }, { deadline: { gte: cutoff } }],
      ...(except ? { id: { not: except } } : {}),
    },
    orderBy: [{ startedAt: "asc" }, { id: "asc" }],
    select: { id: true, startedAt: true, deadline: true, _count: { select: { items: true } } },
  });
}

export type OpenAttemptRow = Awaited<ReturnType<typeof openAttempts>>[number];

/** When this learner started attempts of one kind after `since`, oldest first (for the start throttle). */
export function startsSince(userId: string, kind: string, since: Date, client: Client = db, except?: string) {
  return client.examAttempt.findMany({
    where: { userId, kind, startedAt: { gt: since }, ...(except ? { id: { not: except } } : {}) },
    orderBy: [{ startedAt: "asc" }, { id: "asc" }],
    select: { id: true, startedAt: true },
  });
}

/**
 * Settles a just-created attempt: holding a lock on the learner's row (sql-dialect's
 * `lockUserRow`, until commit), reads their other open attempts and recent starts of `kind`,
 * asks `refuse`, and deletes the new attempt if it answers with a refusal. Concurrent settlers
 * for one learner run one after another, each seeing what the earlier ones kept or deleted.
 */
export function settleNewAttempt<R>(
  input: { userId: string; kind: string; createdId: string; openCutoff: Date; startsSince: Date },
  refuse: (others: { open: OpenAttemptRow[]; starts: { id: string; startedAt: Date }[] }) => R | null,
): Promise<R | null> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw(lockUserRow(input.userId));
    const [open, starts] = [
      await openAttempts(input.userId, input.kind, input.openCutoff, tx, input.createdId),
      await startsSince(input.userId, input.kind, input.startsSince, tx, input.createdId),
    ];
    const refusal = refuse({ open, starts });
    if (refusal !== null) await tx.examAttempt.delete({ where: { id: input.createdId } });
    return refusal;
  });
}

/** The reveal policy of an attempt's assignment (missed cards carry the key). */
export function assignmentPolicy(assignmentId: string) {
  return db.assignment.findUnique({ where: { id: assignmentId }, select: { revealPolicy: true } });
}
