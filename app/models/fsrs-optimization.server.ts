// Data access for the FSRS optimizer: the learner's rating log, the per-learner run lock, and
// the record of each run.
import { db } from "~/utils/db.server.ts";

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

export function optimizerPrefs(userId: string) {
  return db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { timeZone: true, fsrsWeights: true, fsrsOptimizingSince: true },
  });
}

/**
 * Takes the learner's optimizer lock: true if no run holds it (or the one holding it started
 * before `staleBefore`, i.e. its process died). One conditional UPDATE, so two requests (or two
 * app processes) cannot both win.
 */
export async function claimOptimizer(userId: string, now: Date, staleBefore: Date) {
  const { count } = await db.user.updateMany({
    where: { id: userId, OR: [{ fsrsOptimizingSince: null }, { fsrsOptimizingSince: { lt: staleBefore } }] },
    data: { fsrsOptimizingSince: now },
  });
  return count === 1;
}

export function releaseOptimizer(userId: string, claimedAt: Date) {
  return db.user.updateMany({
    where: { id: userId, fsrsOptimizingSince: claimedAt },
    data: { fsrsOptimizingSince: null },
  });
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

/** Records a run and, when adopted, makes the trained parameters the learner's, in one transaction. */
export async function saveOptimization(userId: string, run: OptimizationRecord) {
  const { parameters, ...rest } = run;
  const json = JSON.stringify(parameters);
  await db.$transaction([
    db.fsrsOptimization.create({ data: { userId, ...rest, parameters: json } }),
    ...(run.adopted ? [db.user.update({ where: { id: userId }, data: { fsrsWeights: json } })] : []),
  ]);
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
