import { raceSafeUpsert } from "./upsert.server.ts";
import { Prisma } from "~/generated/prisma-sqlite/client.ts";
import { db } from "~/utils/db.server.ts";
import { col, sql } from "~/utils/sql.server.ts";

// Raw SQL (sql.server.ts): the home page, the dashboard and the lesson list read it on every load.
export async function completedLessonSlugs(userId: string): Promise<Set<string>> {
  const rows = await sql.rows(Prisma.sql`SELECT "lessonSlug" FROM "LessonCompletion" WHERE "userId" = ${userId}`);
  return new Set(rows.map((r) => col.text(r.lessonSlug)));
}

export async function isLessonComplete(userId: string, lessonSlug: string): Promise<boolean> {
  return (await db.lessonCompletion.count({ where: { userId, lessonSlug } })) > 0;
}

/** Idempotent: marking twice keeps the first completion time. */
export async function markLessonComplete(userId: string, lessonSlug: string, at = new Date()) {
  await raceSafeUpsert(() =>
    db.lessonCompletion.upsert({
      where: { userId_lessonSlug: { userId, lessonSlug } },
      update: {},
      create: { userId, lessonSlug, completedAt: at },
    }),
  );
}

export async function markLessonIncomplete(userId: string, lessonSlug: string) {
  await db.lessonCompletion.deleteMany({ where: { userId, lessonSlug } });
}
