// Data access for spaced review: the learner's cards, queues, ratings and their log.
import { raceSafeUpsert } from "./upsert.server.ts";
import { Prisma } from "~/generated/prisma-sqlite/client.ts";
import { v7 as timeOrderedId } from "uuid";
import { db } from "~/utils/db.server.ts";
import { col, sql } from "~/utils/sql.server.ts";
import { containsLiteral } from "./text-search.server.ts";
import * as due from "./due.server.ts";
import { daysSince, float } from "./sql-dialect.server.ts";
import { recallNow } from "./recall.server.ts";
import { State } from "ts-fsrs";
import { forgetBalanceCounts, noteRatingMove } from "./balance-counts.server.ts";

/** A card's FSRS memory state, as stored (the scheduler reads and writes it). */
export interface CardFields {
  due: Date;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: number;
  lastReview: Date | null;
}

const CARD_FIELDS = {
  due: true,
  stability: true,
  difficulty: true,
  elapsedDays: true,
  scheduledDays: true,
  learningSteps: true,
  reps: true,
  lapses: true,
  state: true,
  lastReview: true,
} as const;

export const REVIEW_CARD_SELECT = {
  id: true,
  userId: true,
  source: true,
  contentCardId: true,
  questionId: true,
  domainId: true,
  front: true,
  back: true,
  suspended: true,
  buriedUntil: true,
  keyHeld: true,
  ...CARD_FIELDS,
  contentCard: { select: { front: true, back: true, kind: true, lessonSlug: true } },
} as const;

// The daily queue's numbers are read on every card a learner sees, so they are two hand-written
// queries rather than five ORM calls: Prisma 6's client compiles every ORM call to SQL (in
// WebAssembly) each time, which cost several times more than these indexed counts themselves.
// Portable SQL (quoted identifiers, bound dates and booleans): the same text runs on SQLite and
// PostgreSQL, and the review tests run on both.

/** Ratings since the study day began, split into new-card introductions and reviews (one indexed query). */
export async function todaysRatings(userId: string, dayStart: Date) {
  const [row] = await sql.rows<{ introduced: bigint | number; reviewed: bigint | number }>(Prisma.sql`
    SELECT COALESCE(SUM(CASE WHEN "state" = ${State.New} THEN 1 ELSE 0 END), 0) AS "introduced",
           COALESCE(SUM(CASE WHEN "state" = ${State.New} THEN 0 ELSE 1 END), 0) AS "reviewed"
    FROM "ReviewLog" WHERE "userId" = ${userId} AND "review" >= ${dayStart}`);
  return { newIntroduced: Number(row?.introduced ?? 0), reviews: Number(row?.reviewed ?? 0) };
}

/**
 * The queue's three counts in one round trip, each counted no further than the day's remaining
 * limit: due cards (in due order, so the index walk stops early), the learner's own new cards,
 * and content cards not started yet. The rules are models/due.server.ts's.
 */
export async function queueCounts(input: {
  userId: string;
  domain: string | null;
  now: Date;
  dayEnd: Date;
  dueUpTo: number;
  newUpTo: number;
  /** Also answer whether any card (any deck) is effectively due before this time (a catch-up plan's end). */
  overdueBefore?: Date;
}) {
  const { userId, now, dayEnd, domain } = input;
  const overdue = input.overdueBefore
    ? Prisma.sql`(SELECT COUNT(*) FROM (
        SELECT 1 FROM "ReviewCard" AS "r" WHERE ${due.dueBefore(userId, input.overdueBefore)} LIMIT 1) AS "o")`
    : Prisma.sql`0`;
  const [row] = await sql.rows<{
    due: bigint | number;
    deckNew: bigint | number;
    unstarted: bigint | number;
    overdue: bigint | number;
  }>(Prisma.sql`
    SELECT ${overdue} AS "overdue",
      (SELECT COUNT(*) FROM (
        SELECT 1 FROM "ReviewCard" AS "r" WHERE ${due.readyNow(userId, { now, learnAhead: now, dayEnd })} ${due.inDeck(domain)}
        ORDER BY "r"."due" LIMIT ${input.dueUpTo}) AS "d") AS "due",
      (SELECT COUNT(*) FROM (
        SELECT 1 FROM "ReviewCard" AS "r" WHERE ${due.newInDeck(userId, now)} ${due.inDeck(domain)}
        LIMIT ${input.newUpTo}) AS "n") AS "deckNew",
      (SELECT COUNT(*) FROM (
        SELECT 1 FROM "ContentCard" AS "c" WHERE ${due.unstartedContent(userId)} ${due.inDeck(domain, "c")}
        LIMIT ${input.newUpTo}) AS "u") AS "unstarted"`);
  return {
    due: Number(row.due),
    deckNew: Number(row.deckNew),
    unstarted: Number(row.unstarted),
    overdue: Number(row.overdue) > 0,
  };
}

/** A queue card as the study page shows it: faces from the content card when there is one. */
export interface QueueCardRow extends CardFields {
  id: string;
  domainId: string;
  source: string;
  front: string;
  back: string;
  lessonSlug: string | null;
  contentCardId: string | null;
  questionId: string | null;
}

type RawCardRow = Record<keyof QueueCardRow, unknown>;

// Raw rows may type dates, booleans and numbers differently per database: normalize once.
export function rawCardFields(row: Record<string, unknown>): CardFields {
  return {
    due: new Date(row.due as string | Date),
    stability: Number(row.stability),
    difficulty: Number(row.difficulty),
    elapsedDays: Number(row.elapsedDays),
    scheduledDays: Number(row.scheduledDays),
    learningSteps: Number(row.learningSteps),
    reps: Number(row.reps),
    lapses: Number(row.lapses),
    state: Number(row.state),
    lastReview: row.lastReview == null ? null : new Date(row.lastReview as string | Date),
  };
}

function queueCardRow(row: RawCardRow): QueueCardRow {
  return {
    id: String(row.id),
    domainId: String(row.domainId),
    source: String(row.source),
    front: String(row.front ?? ""),
    back: String(row.back ?? ""),
    lessonSlug: row.lessonSlug == null ? null : String(row.lessonSlug),
    contentCardId: row.contentCardId == null ? null : String(row.contentCardId),
    questionId: row.questionId == null ? null : String(row.questionId),
    ...rawCardFields(row),
  };
}

const QUEUE_CARD_COLUMNS = Prisma.sql`"r"."id", "r"."domainId", "r"."source", "r"."contentCardId", "r"."questionId",
  COALESCE("c"."front", "r"."front", '') AS "front", COALESCE("c"."back", "r"."back", '') AS "back", "c"."lessonSlug",
  "r"."due", "r"."stability", "r"."difficulty", "r"."elapsedDays", "r"."scheduledDays", "r"."learningSteps",
  "r"."reps", "r"."lapses", "r"."state", "r"."lastReview"`;

/** The most overdue card ready now (models/due.server.ts). */
export async function nextDueCard(input: {
  userId: string;
  domain: string | null;
  now: Date;
  learnAhead: Date;
  dayEnd: Date;
}) {
  const rows = await sql.rows<RawCardRow>(Prisma.sql`
    SELECT ${QUEUE_CARD_COLUMNS}
    FROM "ReviewCard" AS "r" LEFT JOIN "ContentCard" AS "c" ON "c"."id" = "r"."contentCardId"
    WHERE ${due.readyNow(input.userId, input)} ${due.inDeck(input.domain)}
    ORDER BY "r"."due" LIMIT 1`);
  return rows[0] ? queueCardRow(rows[0]) : null;
}

/**
 * The next card in priority order (app/review/catch-up.ts): the (re)learning step due longest,
 * else the review card with the highest expected forgetting, (1 − recall) × its domain's weight
 * (1 without weights), ties to the longest overdue. Review cards are ranked among the
 * `candidates` longest-overdue ones ready now: an index walk in due order, so the work is bounded
 * however big the backlog (past that many, the most overdue cards are also the least recalled).
 */
export async function nextPriorityCard(input: {
  userId: string;
  domain: string | null;
  now: Date;
  dayEnd: Date;
  /** The learner's FSRS parameters (null: the defaults), for the forgetting curve. */
  weights: readonly number[] | null;
  domainWeights: Record<string, number> | null;
  candidates: number;
}) {
  const at = { now: input.now, learnAhead: input.now, dayEnd: input.dayEnd };
  const entries = Object.entries(input.domainWeights ?? {});
  const weight = entries.length
    ? Prisma.sql`(CASE "v"."domainId" ${Prisma.join(
        entries.map(([id, w]) => Prisma.sql`WHEN ${id} THEN ${float(w)}`),
        " ",
      )} ELSE ${float(1)} END)`
    : float(1);
  // The ranking reads only index columns and the candidates' own rows; the faces are joined for
  // the one card chosen.
  const rows = await sql.rows<RawCardRow>(Prisma.sql`
    SELECT ${QUEUE_CARD_COLUMNS}
    FROM (
      SELECT "r"."id" AS "id", 0 AS "rank", ${float(0)} AS "score", "r"."due" AS "due" FROM "ReviewCard" AS "r"
      WHERE ${due.learningReadyNow(input.userId, input.now)} ${due.inDeck(input.domain)}
      UNION ALL
      SELECT "v"."id", 1, (1 - ${recallNow(input.now, input.weights, "v")}) * ${weight}, "v"."due" FROM (
        SELECT "r"."id", "r"."domainId", "r"."stability", "r"."lastReview", "r"."due" FROM "ReviewCard" AS "r"
        WHERE ${due.readyNow(input.userId, at)} ${due.inDeck(input.domain)} AND "r"."state" = ${State.Review}
        ORDER BY "r"."due" LIMIT ${input.candidates}) AS "v"
      ORDER BY "rank", "score" DESC, "due", "id" LIMIT 1) AS "p"
    JOIN "ReviewCard" AS "r" ON "r"."id" = "p"."id"
    LEFT JOIN "ContentCard" AS "c" ON "c"."id" = "r"."contentCardId"`);
  return rows[0] ? queueCardRow(rows[0]) : null;
}

/**
 * For backlog detection, in one round trip: cards effectively due before `dayStart` (counted no
 * further than `overdueUpTo`) and reviews (ratings of started cards) in [since, dayStart).
 */
export async function backlogNumbers(userId: string, dayStart: Date, since: Date, overdueUpTo: number) {
  const [row] = await sql.rows<{ overdue: bigint | number; reviews: bigint | number }>(Prisma.sql`
    SELECT
      (SELECT COUNT(*) FROM (
        SELECT 1 FROM "ReviewCard" AS "r" WHERE ${due.dueBefore(userId, dayStart)} LIMIT ${overdueUpTo}) AS "o") AS "overdue",
      (SELECT COUNT(*) FROM "ReviewLog"
        WHERE "userId" = ${userId} AND "review" >= ${since} AND "review" < ${dayStart} AND "state" <> ${State.New}) AS "reviews"`);
  return { overdue: Number(row.overdue), reviews: Number(row.reviews) };
}

/**
 * Predicted recall of the overdue cards (effectively due before `dayStart`) ranked lowest first
 * (ties by id): the recall at each of `ranks` (from 1), as rank → recall. Only those rows travel.
 */
export async function overdueRecallAtRanks(
  userId: string,
  dayStart: Date,
  at: { now: Date; weights: readonly number[] | null },
  ranks: number[],
): Promise<Map<number, number>> {
  if (!ranks.length) return new Map();
  const rows = await sql.rows<{ rank: bigint | number; p: number }>(Prisma.sql`
    SELECT "k"."rank", "k"."p" FROM (
      SELECT ${recallNow(at.now, at.weights)} AS "p",
        ROW_NUMBER() OVER (ORDER BY ${recallNow(at.now, at.weights)}, "r"."id") AS "rank"
      FROM "ReviewCard" AS "r" WHERE ${due.dueBefore(userId, dayStart)}) AS "k"
    WHERE "k"."rank" IN (${Prisma.join(ranks)})`);
  return new Map(rows.map((r) => [Number(r.rank), Number(r.p)]));
}

/** The learner's oldest new card (missed questions, their own, started-then-undone). */
export async function nextNewDeckCard(input: { userId: string; domain: string | null; now: Date }) {
  const rows = await sql.rows<RawCardRow>(Prisma.sql`
    SELECT ${QUEUE_CARD_COLUMNS}
    FROM "ReviewCard" AS "r" LEFT JOIN "ContentCard" AS "c" ON "c"."id" = "r"."contentCardId"
    WHERE ${due.newInDeck(input.userId, input.now)} ${due.inDeck(input.domain)}
    ORDER BY "r"."createdAt", "r"."id" LIMIT 1`);
  return rows[0] ? queueCardRow(rows[0]) : null;
}

/** The first content card, in deck order, that the learner has not started. */
export async function nextUnstartedContentCard(input: { userId: string; domain: string | null }) {
  const rows = await sql.rows<{
    id: string;
    domainId: string;
    front: string;
    back: string;
    lessonSlug: string | null;
  }>(Prisma.sql`
    SELECT "c"."id", "c"."domainId", "c"."front", "c"."back", "c"."lessonSlug" FROM "ContentCard" AS "c"
    WHERE ${due.unstartedContent(input.userId)} ${due.inDeck(input.domain, "c")}
    ORDER BY "c"."id" LIMIT 1`);
  return rows[0] ?? null;
}

/** The card fields a rating needs: no faces, no content relation (one query, small rows). */
const RATING_SELECT = { id: true, userId: true, suspended: true, ...CARD_FIELDS } as const;

/** Cards ready now (models/due.server.ts), counted no further than `upTo`. */
export async function countReady(
  userId: string,
  domain: string | null,
  at: { now: Date; learnAhead: Date; dayEnd: Date },
  upTo: number,
) {
  const [row] = await sql.rows<{ n: bigint | number }>(Prisma.sql`
    SELECT COUNT(*) AS "n" FROM (
      SELECT 1 FROM "ReviewCard" AS "r" WHERE ${due.readyNow(userId, at)} ${due.inDeck(domain)}
      ORDER BY "r"."due" LIMIT ${upTo}) AS "d"`);
  return Number(row.n);
}

/**
 * Per deck: cards due today, the learner's own new cards, and content cards not started (the
 * review home's deck list), each grouped in one query.
 */
export async function deckCounts(userId: string, now: Date, dayEnd: Date) {
  const [dueRows, newRows, unstartedRows] = await Promise.all([
    sql.rows<{ domainId: string; n: bigint | number }>(Prisma.sql`
      SELECT "r"."domainId", COUNT(*) AS "n" FROM "ReviewCard" AS "r" WHERE ${due.dueBefore(userId, dayEnd)}
      GROUP BY "r"."domainId"`),
    sql.rows<{ domainId: string; n: bigint | number }>(Prisma.sql`
      SELECT "r"."domainId", COUNT(*) AS "n" FROM "ReviewCard" AS "r" WHERE ${due.newInDeck(userId, now)}
      GROUP BY "r"."domainId"`),
    sql.rows<{ domainId: string; n: bigint | number }>(Prisma.sql`
      SELECT "c"."domainId", COUNT(*) AS "n" FROM "ContentCard" AS "c" WHERE ${due.unstartedContent(userId)}
      GROUP BY "c"."domainId"`),
  ]);
  const byDomain = (rows: { domainId: string; n: bigint | number }[]) =>
    new Map(rows.map((r) => [r.domainId, Number(r.n)]));
  return { due: byDomain(dueRows), deckNew: byDomain(newRows), unstarted: byDomain(unstartedRows) };
}

/** Content cards the learner has not started, in every deck. */
export async function countUnstartedContentCards(userId: string) {
  const [row] = await sql.rows<{ n: bigint | number }>(Prisma.sql`
    SELECT COUNT(*) AS "n" FROM "ContentCard" AS "c" WHERE ${due.unstartedContent(userId)}`);
  return Number(row.n);
}

/**
 * Cards effectively due before each of `ends` (ascending day boundaries): index i counts
 * [ends[i-1], ends[i]), and index 0 everything before ends[0] (or from `from`, when given).
 */
export async function dueCounts(userId: string, ends: readonly Date[], from: Date | null = null): Promise<number[]> {
  const counts = new Array<number>(ends.length).fill(0);
  if (!ends.length) return counts;
  const rows = await sql.rows<{ b: number | bigint; n: number | bigint }>(due.countsByEffectiveDay(userId, ends, from));
  for (const r of rows) counts[Number(r.b)] += Number(r.n);
  return counts;
}

export type RatingCard = CardFields & { id: string; userId: string; suspended: boolean };

/**
 * Before a rating, in one round trip: who already sent this request (if anyone) and the card
 * (when `cardId` is given). Hand-written for the same reason as the queue's queries.
 */
export async function ratingLookup(
  requestId: string,
  cardId: string | null,
): Promise<{ seenBy: string | null; card: RatingCard | null }> {
  const [row] = await sql.rows<Record<string, unknown>>(Prisma.sql`
    SELECT (SELECT "l"."userId" FROM "ReviewLog" AS "l" WHERE "l"."requestId" = ${requestId}) AS "seenBy",
      "r"."id", "r"."userId", "r"."suspended", "r"."due", "r"."stability", "r"."difficulty", "r"."elapsedDays",
      "r"."scheduledDays", "r"."learningSteps", "r"."reps", "r"."lapses", "r"."state", "r"."lastReview"
    FROM (SELECT 1 AS "one") AS "o" LEFT JOIN "ReviewCard" AS "r" ON "r"."id" = ${cardId ?? ""}`);
  const card: RatingCard | null =
    row.id == null
      ? null
      : {
          id: String(row.id),
          userId: String(row.userId),
          suspended: col.flag(row.suspended),
          ...rawCardFields(row),
        };
  return { seenBy: row.seenBy == null ? null : String(row.seenBy), card };
}

export function findContentCard(id: string) {
  return db.contentCard.findUnique({
    where: { id },
    select: { id: true, domainId: true, knowledgeArea: true, retiredAt: true },
  });
}

/** The learner's card for a content card, created (as New) on first use. */
export function ensureContentReviewCard(
  userId: string,
  contentCard: { id: string; domainId: string; knowledgeArea: string },
  fields: CardFields,
) {
  return raceSafeUpsert(() =>
    db.reviewCard.upsert({
      where: { userId_contentCardId: { userId, contentCardId: contentCard.id } },
      update: {},
      create: {
        userId,
        source: "content",
        contentCardId: contentCard.id,
        domainId: contentCard.domainId,
        knowledgeArea: contentCard.knowledgeArea,
        ...fields,
      },
      select: RATING_SELECT,
    }),
  );
}

/**
 * Saves a rating: the card's new state and its log row in one transaction. The log's unique
 * requestId makes a repeated request a no-op; the card's `reps` guard refuses a rating made
 * against a stale copy of the card (two tabs).
 */
export async function saveRating(input: {
  userId: string;
  cardId: string;
  requestId: string;
  expectedReps: number;
  previous: CardFields;
  next: CardFields;
  log: {
    rating: number;
    state: number;
    due: Date;
    stability: number;
    difficulty: number;
    elapsedDays: number;
    lastElapsedDays: number;
    scheduledDays: number;
    learningSteps: number;
    review: Date;
  };
  suspend: boolean;
}): Promise<"saved" | "duplicate" | "stale"> {
  const { next, log } = input;
  // Raw SQL through sql.server.ts: the hottest write there is (an ORM query costs more in
  // Prisma's query compiler than in the database). A column is set only when it changes where
  // indexes hold it: SQLite rewrites an index entry for every indexed column the UPDATE names,
  // even to the same value (one more page in the commit for "state", which most ratings keep).
  try {
    const saved = await sql.transaction(async (tx): Promise<"saved" | "duplicate" | "stale"> => {
      const updated = await tx.run(Prisma.sql`
        UPDATE "ReviewCard" SET "due" = ${next.due}, "stability" = ${next.stability}, "difficulty" = ${next.difficulty},
          "elapsedDays" = ${next.elapsedDays}, "scheduledDays" = ${next.scheduledDays},
          "learningSteps" = ${next.learningSteps}, "reps" = ${next.reps}, "lapses" = ${next.lapses},
          "lastReview" = ${next.lastReview}
          ${next.state !== input.previous.state ? Prisma.sql`, "state" = ${next.state}` : Prisma.empty}
          ${input.suspend ? Prisma.sql`, "suspended" = ${true}` : Prisma.empty}
        WHERE "id" = ${input.cardId} AND "userId" = ${input.userId} AND "reps" = ${input.expectedReps}`);
      if (updated === 0) {
        const seen = await tx.rows(
          Prisma.sql`SELECT 1 AS "one" FROM "ReviewLog" WHERE "requestId" = ${input.requestId}`,
        );
        return seen.length ? "duplicate" : "stale";
      }
      // A racing copy of the same request that committed first: nothing of this one is kept.
      // The id is time-ordered (UUID version 7): each new row's key lands at the end of the
      // primary-key index, on a page the last rating just wrote, instead of on a random page that
      // must be read first and is then written back (measured on the bench database: 11% less
      // CPU for the rating's writes).
      const inserted = await tx.run(Prisma.sql`
        INSERT INTO "ReviewLog" ("id", "cardId", "userId", "requestId", "previousCard", "rating", "state", "due",
          "stability", "difficulty", "elapsedDays", "lastElapsedDays", "scheduledDays", "learningSteps", "review")
        VALUES (${timeOrderedId()}, ${input.cardId}, ${input.userId}, ${input.requestId}, ${JSON.stringify(input.previous)},
          ${log.rating}, ${log.state}, ${log.due}, ${log.stability}, ${log.difficulty}, ${log.elapsedDays},
          ${log.lastElapsedDays}, ${log.scheduledDays}, ${log.learningSteps}, ${log.review})
        ON CONFLICT ("requestId") DO NOTHING`);
      if (inserted === 0) throw new DuplicateRating();
      return "saved";
    });
    if (saved === "saved") noteRatingMove(input.userId, input.previous, { ...next, suspended: input.suspend });
    return saved;
  } catch (error) {
    if (error instanceof DuplicateRating) return "duplicate";
    throw error;
  }
}

/** Rolls back a rating whose request id was saved first by a racing copy. Made only when thrown:
 * an Error captures its stack, which cost 2% of a rating when one was made for every rating. */
class DuplicateRating extends Error {}

export function lastLog(userId: string, since: Date) {
  return db.reviewLog.findFirst({
    where: { userId, review: { gte: since } },
    orderBy: { review: "desc" },
    select: { id: true, cardId: true, previousCard: true, rating: true },
  });
}

/** Undo: put the card back exactly as it was and remove the log row. */
export async function restoreFromLog(
  userId: string,
  logId: string,
  cardId: string,
  previous: CardFields & { suspended?: boolean },
) {
  await db.$transaction([
    db.reviewCard.update({ where: { id: cardId }, data: { ...previous, suspended: previous.suspended ?? false } }),
    db.reviewLog.delete({ where: { id: logId } }),
  ]);
  forgetBalanceCounts(userId);
}

export async function setSuspended(userId: string, cardId: string, suspended: boolean) {
  const result = await db.reviewCard.updateMany({ where: { id: cardId, userId }, data: { suspended } });
  forgetBalanceCounts(userId);
  return result;
}

/** Buries the learner's card until `until`. A card held for a withheld key is left alone: its
 * burial is the key's release, and a shorter one would show the key early. */
export async function buryUntil(userId: string, cardId: string, until: Date) {
  const result = await db.reviewCard.updateMany({
    where: { id: cardId, userId, keyHeld: false },
    data: { buriedUntil: until },
  });
  forgetBalanceCounts(userId);
  return result;
}

export function createOwnCard(
  userId: string,
  input: { domainId: string; front: string; back: string },
  fields: CardFields,
) {
  return db.reviewCard.create({ data: { userId, source: "own", ...input, ...fields }, select: { id: true } });
}

export type BrowseSort = "due" | "difficulty" | "stability" | "recall";
export interface BrowseOrder {
  sort: BrowseSort;
  dir: "asc" | "desc";
}
export interface BrowseFilter {
  domains: string[] | null;
  state?: number;
  suspended?: boolean;
  q?: string;
  /**
   * Only started cards whose elapsed days since review exceed this multiple of their stability:
   * recall falls as that ratio grows, so a recall threshold is one ratio (review/memory.ts).
   */
  ratioAbove?: number;
}

/**
 * One page of the learner's cards and how many match. Memory sorts and the recall filter run in
 * SQL so paging stays right: recall falls as elapsed/stability grows, so ordering and filtering
 * by that ratio need no power function.
 * Cards never rated have no memory and always sort last.
 */
export async function browseCards(
  userId: string,
  filter: BrowseFilter,
  take: number,
  skip: number,
  order: BrowseOrder = { sort: "due", dir: "asc" },
  now = new Date(),
) {
  const started = Prisma.sql`(rc."state" <> ${State.New} AND rc."stability" > 0 AND rc."lastReview" IS NOT NULL)`;
  const ratio = Prisma.sql`(${daysSince(Prisma.sql`rc."lastReview"`, now)} / rc."stability")`;
  const conditions = [Prisma.sql`rc."userId" = ${userId}`];
  if (filter.domains) conditions.push(Prisma.sql`rc."domainId" IN (${Prisma.join(filter.domains)})`);
  if (filter.state !== undefined) conditions.push(Prisma.sql`rc."state" = ${filter.state}`);
  if (filter.suspended !== undefined) conditions.push(Prisma.sql`rc."suspended" = ${filter.suspended}`);
  if (filter.q)
    conditions.push(Prisma.sql`(${containsLiteral(Prisma.sql`rc."front"`, filter.q)}
      OR (rc."keyHeld" = ${false} AND ${containsLiteral(Prisma.sql`rc."back"`, filter.q)})
      OR ${containsLiteral(Prisma.sql`cc."front"`, filter.q)} OR ${containsLiteral(Prisma.sql`cc."back"`, filter.q)})`);
  if (filter.ratioAbove !== undefined)
    conditions.push(Prisma.sql`${started} AND ${ratio} > ${float(filter.ratioAbove)}`);
  const where = Prisma.join(conditions, " AND ");
  const dir = Prisma.raw(order.dir === "desc" ? "DESC" : "ASC");
  // Lowest recall first is the largest elapsed/stability ratio first.
  const flipped = Prisma.raw(order.dir === "desc" ? "ASC" : "DESC");
  const orderBy =
    order.sort === "due"
      ? Prisma.sql`rc."due" ${dir}`
      : order.sort === "recall"
        ? Prisma.sql`CASE WHEN ${started} THEN 0 ELSE 1 END, CASE WHEN ${started} THEN ${ratio} END ${flipped}`
        : Prisma.sql`CASE WHEN ${started} THEN 0 ELSE 1 END, rc.${Prisma.raw(`"${order.sort}"`)} ${dir}`;
  const from = Prisma.sql`FROM "ReviewCard" rc LEFT JOIN "ContentCard" cc ON cc."id" = rc."contentCardId" WHERE ${where}`;
  const [page, [counted]] = await Promise.all([
    sql.rows<{ id: string }>(
      Prisma.sql`SELECT rc."id" ${from} ORDER BY ${orderBy}, rc."id" ASC LIMIT ${take} OFFSET ${skip}`,
    ),
    sql.rows<{ n: bigint | number }>(Prisma.sql`SELECT COUNT(*) AS "n" ${from}`),
  ]);
  const rows = await db.reviewCard.findMany({
    where: { id: { in: page.map((r) => r.id) } },
    select: REVIEW_CARD_SELECT,
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return [page.map((r) => byId.get(r.id)).filter((r) => r !== undefined), Number(counted.n)] as const;
}

/** Missed-question cards whose keys the learner's classes withhold (question id → release) are
 * buried until then and marked held; held cards no longer in `holds` go back to the queue. */
export async function syncKeyHolds(userId: string, holds: ReadonlyMap<string, Date>) {
  const byRelease = new Map<number, string[]>();
  for (const [questionId, release] of holds) {
    const ids = byRelease.get(release.getTime()) ?? [];
    ids.push(questionId);
    byRelease.set(release.getTime(), ids);
  }
  await db.$transaction([
    db.reviewCard.updateMany({
      where: { userId, keyHeld: true, ...(holds.size ? { questionId: { notIn: [...holds.keys()] } } : {}) },
      data: { keyHeld: false, buriedUntil: null },
    }),
    ...[...byRelease].map(([release, ids]) =>
      db.reviewCard.updateMany({
        where: { userId, source: "missed", questionId: { in: ids } },
        data: { keyHeld: true, buriedUntil: new Date(release) },
      }),
    ),
  ]);
  forgetBalanceCounts(userId);
}

export async function cardsByState(userId: string) {
  const rows = await db.reviewCard.groupBy({ by: ["state", "suspended"], where: { userId }, _count: { _all: true } });
  return rows.map((r) => ({ state: r.state, suspended: r.suspended, count: r._count._all }));
}

/** Review-state ratings since `since` (true retention = share not rated Again). */
export function reviewStateLogs(userId: string, since: Date) {
  return db.reviewLog.findMany({
    where: { userId, state: State.Review, review: { gte: since } },
    select: { review: true, rating: true },
  });
}
