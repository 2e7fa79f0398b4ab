// Data access for instructors' own questions: Question rows with an authorId, versioned like
// bank questions so attempts keep the text they showed.
import { db } from "~/utils/db.server.ts";

export interface AuthoredVersionData {
  contentHash: string;
  difficulty: number;
  cognitive: string;
  stem: string;
  options: string;
  answerIndex: number;
  reference: string;
}

/** Creates the question; null when it carries an import key this author has already used. */
export async function createAuthoredQuestion(input: {
  id: string;
  authorId: string;
  domainId: string;
  knowledgeArea: string;
  version: AuthoredVersionData;
  importKey?: string;
}) {
  try {
    return await db.question.create({
      data: {
        id: input.id,
        authorId: input.authorId,
        domainId: input.domainId,
        knowledgeArea: input.knowledgeArea,
        importKey: input.importKey ?? null,
        currentVersion: 1,
        versions: { create: { version: 1, lessonSlug: null, ...input.version } },
      },
      select: { id: true },
    });
  } catch (error) {
    if (input.importKey && (error as { code?: string }).code === "P2002") return null;
    throw error;
  }
}

/** Which of these import keys this author's questions already carry (retired ones too). */
export async function usedImportKeys(authorId: string, keys: string[]) {
  if (!keys.length) return new Set<string>();
  const rows = await db.question.findMany({
    where: { authorId, importKey: { in: keys } },
    select: { importKey: true },
  });
  return new Set(rows.map((r) => r.importKey!));
}

/** The author's live questions (all, or those of `ids`) with their current text, for export. */
export async function authoredForExport(authorId: string, ids?: string[]) {
  const rows = await db.question.findMany({
    where: { authorId, retiredAt: null, ...(ids ? { id: { in: ids } } : {}) },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      knowledgeArea: true,
      versions: {
        orderBy: { version: "desc" },
        take: 1,
        select: { stem: true, options: true, answerIndex: true },
      },
    },
  });
  return rows.flatMap((r) => (r.versions[0] ? [{ id: r.id, knowledgeArea: r.knowledgeArea, ...r.versions[0] }] : []));
}

/** Adds a version and makes it current, in one transaction. */
export function addAuthoredVersion(input: {
  id: string;
  domainId: string;
  knowledgeArea: string;
  version: number;
  data: AuthoredVersionData;
}) {
  return db.$transaction([
    db.questionVersion.create({
      data: { questionId: input.id, version: input.version, lessonSlug: null, ...input.data },
    }),
    db.question.update({
      where: { id: input.id },
      data: { currentVersion: input.version, domainId: input.domainId, knowledgeArea: input.knowledgeArea },
    }),
  ]);
}

export function findAuthoredQuestion(id: string) {
  return db.question.findUnique({
    where: { id },
    select: {
      id: true,
      authorId: true,
      domainId: true,
      knowledgeArea: true,
      currentVersion: true,
      retiredAt: true,
      versions: {
        orderBy: { version: "desc" },
        take: 1,
        select: {
          version: true,
          contentHash: true,
          difficulty: true,
          cognitive: true,
          stem: true,
          options: true,
          answerIndex: true,
          reference: true,
        },
      },
    },
  });
}

export function authoredQuestions(authorId: string) {
  return db.question.findMany({
    where: { authorId, retiredAt: null },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      domainId: true,
      knowledgeArea: true,
      currentVersion: true,
      createdAt: true,
      versions: { orderBy: { version: "desc" }, take: 1, select: { stem: true, difficulty: true } },
    },
  });
}

export function retireAuthoredQuestion(id: string, at: Date) {
  return db.question.update({ where: { id }, data: { retiredAt: at }, select: { id: true } });
}

/** Stems of live questions in a knowledge area that this author can see (bank plus their own). */
export async function stemsInArea(knowledgeArea: string, authorId: string, excludeId?: string) {
  const rows = await db.question.findMany({
    where: {
      knowledgeArea,
      retiredAt: null,
      OR: [{ authorId: null }, { authorId }],
      ...(excludeId ? { id: { not: excludeId } } : {}),
    },
    select: { id: true, currentVersion: true, versions: { select: { version: true, stem: true } } },
  });
  return rows.map((r) => ({ id: r.id, stem: r.versions.find((v) => v.version === r.currentVersion)?.stem ?? "" }));
}

/** The assignments of the author's classes, with their stored configs (to find their hand-picked items). */
export function assignmentsOfInstructor(instructorId: string) {
  return db.assignment.findMany({
    where: { class: { instructorId } },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: { id: true, title: true, config: true, class: { select: { name: true } } },
  });
}
