// Snapshots of a learner's study session for one day (table "PlanDay"): the plan is rebuilt from
// the learner's state on every visit, so the tasks shown on Today are stored the first time the
// day is shown, and finished tasks keep their place with a check mark instead of vanishing.
import { Prisma } from "~/generated/prisma-sqlite/client.ts";
import { db } from "~/utils/db.server.ts";
import { col, sql } from "~/utils/sql.server.ts";

/** The stored tasks (JSON text) of one learner's day, or null when the day has no snapshot yet. */
export async function findPlanDay(userId: string, day: string): Promise<string | null> {
  // Raw SQL: the home page reads it on every load.
  const [row] = await sql.rows(Prisma.sql`SELECT "tasks" FROM "PlanDay" WHERE "userId" = ${userId} AND "day" = ${day}`);
  return row ? col.text(row.tasks) : null;
}

/**
 * Stores the day's tasks unless the day already has a snapshot, and returns the stored text: two
 * tabs opening Today at once both get the first one (the primary key decides).
 */
export async function savePlanDayOnce(userId: string, day: string, tasks: string): Promise<string> {
  try {
    await db.planDay.create({ data: { userId, day, tasks }, select: { userId: true } });
    return tasks;
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
    return (await findPlanDay(userId, day)) ?? tasks;
  }
}
