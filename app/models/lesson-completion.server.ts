import { raceSafeUpsert } from "./upsert.server.ts";
import { db } from "~/utils/db.server.ts";

export async function completedLessonSlugs(userId: string): Promise<Set<string>> {
  const rows = await db.lessonCompletion.findMany({ where: { userId }, select: { lessonSlug: true } });
  return new Set(rows.map((r) => r.lessonSlug));
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
