// Data access for per-student assignment overrides (a later due date, another time limit, more
// attempts). Callers check who may set or see them; rules are in ~/assignments/rules.ts.
import { raceSafeUpsert } from "./upsert.server.ts";
import { db } from "~/utils/db.server.ts";

const overrideFields = {
  userId: true,
  dueAt: true,
  timeLimitMinutes: true,
  untimed: true,
  attemptsAllowed: true,
} as const;

export interface OverrideInput {
  dueAt: Date | null;
  timeLimitMinutes: number | null;
  untimed: boolean;
  attemptsAllowed: number | null;
}

export function findOverride(assignmentId: string, userId: string) {
  return db.assignmentOverride.findUnique({
    where: { assignmentId_userId: { assignmentId, userId } },
    select: overrideFields,
  });
}

/** An assignment's overrides with the students' names, for the instructor's table. */
export function overridesOf(assignmentId: string) {
  return db.assignmentOverride.findMany({
    where: { assignmentId },
    orderBy: { createdAt: "asc" },
    select: { ...overrideFields, user: { select: { name: true, email: true } } },
  });
}

export function saveOverride(assignmentId: string, userId: string, input: OverrideInput) {
  return raceSafeUpsert(() =>
    db.assignmentOverride.upsert({
      where: { assignmentId_userId: { assignmentId, userId } },
      create: { assignmentId, userId, ...input },
      update: input,
      select: overrideFields,
    }),
  );
}

/** Removes the override; false when there was none. */
export async function deleteOverride(assignmentId: string, userId: string): Promise<boolean> {
  const { count } = await db.assignmentOverride.deleteMany({ where: { assignmentId, userId } });
  return count > 0;
}

/** The latest override due date of the assignment (null when no override moves it). */
export async function latestOverrideDue(assignmentId: string): Promise<Date | null> {
  const row = await db.assignmentOverride.aggregate({
    where: { assignmentId, dueAt: { not: null } },
    _max: { dueAt: true },
  });
  return row._max.dueAt;
}
