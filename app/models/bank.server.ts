// Loads authored questions and cards into the database by stable id. A changed question gets a
// new version (attempts keep the version they showed); a removed one is retired, never deleted.
import { createHash } from "node:crypto";
import type { CardSource, QuestionSource } from "~/content/schemas.ts";
import { db } from "~/utils/db.server.ts";
import type { Prisma } from "~/generated/prisma-sqlite/client.ts";

export interface SyncCounts {
  created: number;
  updated: number;
  unchanged: number;
  retired: number;
  restored: number;
}

const hash = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("hex");
const domainOf = (knowledgeArea: string) => knowledgeArea.slice(0, 3);

export function questionContentHash(q: QuestionSource): string {
  return hash([q.knowledgeArea, q.difficulty, q.cognitive, q.stem, q.options, q.answer, q.reference, q.lesson]);
}

function versionData(q: QuestionSource, version: number) {
  return {
    version,
    contentHash: questionContentHash(q),
    difficulty: q.difficulty,
    cognitive: q.cognitive,
    stem: q.stem,
    options: JSON.stringify(q.options),
    answerIndex: "ABCD".indexOf(q.answer),
    reference: JSON.stringify(q.reference),
    lessonSlug: q.lesson,
  };
}

// One transaction per sync, so a failed sync changes nothing. New rows go in with createMany
// (a first sync inserts thousands: row by row that is thousands of round trips to PostgreSQL); the
// generous timeout covers a content release that edits many items on a busy database server.
const SYNC_TRANSACTION = { timeout: 5 * 60_000 };
const CREATE_CHUNK = 500;

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CREATE_CHUNK) out.push(rows.slice(i, i + CREATE_CHUNK));
  return out;
}

export async function syncQuestions(items: QuestionSource[], now = new Date()): Promise<SyncCounts> {
  const counts: SyncCounts = { created: 0, updated: 0, unchanged: 0, retired: 0, restored: 0 };
  const existing = await db.question.findMany({
    where: { authorId: null },
    include: { versions: { orderBy: { version: "desc" }, take: 1, select: { version: true, contentHash: true } } },
  });
  const byId = new Map(existing.map((q) => [q.id, q]));
  const newQuestions: Prisma.QuestionCreateManyInput[] = [];
  const newVersions: Prisma.QuestionVersionCreateManyInput[] = [];
  const updates: Prisma.QuestionUpdateArgs[] = [];
  for (const item of items) {
    const current = byId.get(item.id);
    const placement = { domainId: domainOf(item.knowledgeArea), knowledgeArea: item.knowledgeArea };
    if (!current) {
      newQuestions.push({ id: item.id, ...placement, currentVersion: 1 });
      newVersions.push({ questionId: item.id, ...versionData(item, 1) });
      counts.created += 1;
      continue;
    }
    const latest = current.versions[0];
    const changed = latest?.contentHash !== questionContentHash(item);
    if (!changed && !current.retiredAt) {
      counts.unchanged += 1;
      continue;
    }
    const nextVersion = changed ? (latest?.version ?? 0) + 1 : current.currentVersion;
    updates.push({
      where: { id: item.id },
      data: {
        ...placement,
        retiredAt: null,
        currentVersion: nextVersion,
        ...(changed ? { versions: { create: versionData(item, nextVersion) } } : {}),
      },
    });
    if (changed) counts.updated += 1;
    if (current.retiredAt) counts.restored += 1;
  }
  const present = new Set(items.map((q) => q.id));
  const toRetire = existing.filter((q) => !q.retiredAt && !present.has(q.id)).map((q) => q.id);
  counts.retired = toRetire.length;
  if (newQuestions.length || updates.length || toRetire.length) {
    await db.$transaction(async (tx) => {
      for (const data of chunks(newQuestions)) await tx.question.createMany({ data });
      for (const data of chunks(newVersions)) await tx.questionVersion.createMany({ data });
      for (const update of updates) await tx.question.update(update);
      if (toRetire.length) await tx.question.updateMany({ where: { id: { in: toRetire } }, data: { retiredAt: now } });
    }, SYNC_TRANSACTION);
  }
  return counts;
}

export function cardContentHash(c: CardSource): string {
  return hash([c.knowledgeArea, c.kind, c.front, c.back, c.lesson ?? null]);
}

/** Cards are edited in place (learners' review history follows the card, with its new text). */
export async function syncCards(items: CardSource[], now = new Date()): Promise<SyncCounts> {
  const counts: SyncCounts = { created: 0, updated: 0, unchanged: 0, retired: 0, restored: 0 };
  const existing = await db.contentCard.findMany({
    select: { id: true, contentHash: true, version: true, retiredAt: true },
  });
  const byId = new Map(existing.map((c) => [c.id, c]));
  const newCards: Prisma.ContentCardCreateManyInput[] = [];
  const updates: Prisma.ContentCardUpdateArgs[] = [];
  for (const item of items) {
    const data = {
      domainId: domainOf(item.knowledgeArea),
      knowledgeArea: item.knowledgeArea,
      kind: item.kind,
      front: item.front,
      back: item.back,
      lessonSlug: item.lesson ?? null,
      contentHash: cardContentHash(item),
    };
    const current = byId.get(item.id);
    if (!current) {
      newCards.push({ id: item.id, ...data });
      counts.created += 1;
    } else if (current.contentHash !== data.contentHash || current.retiredAt) {
      const changed = current.contentHash !== data.contentHash;
      updates.push({
        where: { id: item.id },
        data: { ...data, retiredAt: null, version: changed ? current.version + 1 : current.version },
      });
      if (changed) counts.updated += 1;
      if (current.retiredAt) counts.restored += 1;
    } else {
      counts.unchanged += 1;
    }
  }
  const present = new Set(items.map((c) => c.id));
  const toRetire = existing.filter((c) => !c.retiredAt && !present.has(c.id)).map((c) => c.id);
  counts.retired = toRetire.length;
  if (newCards.length || updates.length || toRetire.length) {
    await db.$transaction(async (tx) => {
      for (const data of chunks(newCards)) await tx.contentCard.createMany({ data });
      for (const update of updates) await tx.contentCard.update(update);
      if (toRetire.length)
        await tx.contentCard.updateMany({ where: { id: { in: toRetire } }, data: { retiredAt: now } });
    }, SYNC_TRANSACTION);
  }
  return counts;
}

/** Current stems of bank questions by id (missing ids are absent): what reports are about. */
export async function currentStems(questionIds: string[]): Promise<Map<string, string>> {
  if (!questionIds.length) return new Map();
  const rows = await db.question.findMany({
    where: { id: { in: questionIds } },
    select: { id: true, versions: { orderBy: { version: "desc" }, take: 1, select: { stem: true } } },
  });
  return new Map(rows.map((q) => [q.id, q.versions[0]?.stem ?? ""]));
}

/** Fronts of content cards by id (missing ids are absent). */
export async function contentCardFronts(cardIds: string[]): Promise<Map<string, string>> {
  if (!cardIds.length) return new Map();
  const rows = await db.contentCard.findMany({ where: { id: { in: cardIds } }, select: { id: true, front: true } });
  return new Map(rows.map((c) => [c.id, c.front]));
}
