// Data access for the FSRS optimizer: the learner's rating log and the record of each run (the
// run itself is a job: models/job.server.ts).
import { db } from "~/utils/db.server.ts";
import { lockUserRow } from "./sql-dialect.server.ts";

export function countRatings(userId: string) {
  return db.reviewLog.count({ where: { userId } });
}

/**
 * Every rating of the learner in time order, read in pages so a long history (hundreds of
 * thousands of rows) never holds the database, or the event loop, for long.
 */
export async function* ratingsInOrder(userId: string, pageSize = 2_000) {
  let cursor: { id: string } | undefined;
  for (;;) {
    const page = await db.reviewLog.findMany({
      where: { userId },
      orderBy: [{ review: "asc" }, { id: "asc" }],
      select: { id: true, cardId: true, rating: true, state: true, review: true },
      take: pageSize,
      ...(cursor ? { cursor, skip: 1 } : {}),
    });
    yield* page;
    if (page.length < pageSize) return;
    cursor = { id: page[page.length - 1].id };
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export interface OptimizationRecord {
  reviewCount: number;
  trainingItems: number;
  logLossBefore: number;
  rmseBefore: number;
  logLossAfter: number;
  rmseAfter: number;
  parameters: number[];
  adopted: boolean;
}

/**
 * Records a run and, when adopted, makes the trained parameters the learner's, in one transaction.
 * Nothing is saved for an account disabled or deleted while the run trained (under the lock on the
 * learner's row, which account deletion takes too, so a finished run cannot write rows back).
 */
export async function saveOptimization(userId: string, run: OptimizationRecord) {
  const { parameters, ...rest } = run;
  const json = JSON.stringify(parameters);
  await db.$transaction(async (tx) => {
    await tx.$executeRaw(lockUserRow(userId));
    const user = await tx.user.findUnique({ where: { id: userId }, select: { disabledAt: true } });
    if (!user || user.disabledAt) return;
    await tx.fsrsOptimization.create({ data: { userId, ...rest, parameters: json } });
    if (run.adopted)
      await tx.preferences.upsert({
        where: { userId },
        create: { userId, fsrsWeights: json },
        update: { fsrsWeights: json },
      });
  });
}

export function lastOptimization(userId: string) {
  return db.fsrsOptimization.findFirst({
    where: { userId },
    orderBy: { createdAt: "desc" },
    select: {
      createdAt: true,
      reviewCount: true,
      trainingItems: true,
      logLossBefore: true,
      rmseBefore: true,
      logLossAfter: true,
      rmseAfter: true,
      adopted: true,
    },
  });
}
