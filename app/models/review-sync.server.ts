// Data access for offline review: the cards a learner takes offline, a card's log in review-time
// order, and saving a rating that arrived late (the card's later logs rewritten in the same
// transaction). Portable SQL and the ORM only: the same code runs on SQLite and PostgreSQL.
import { Prisma } from "~/generated/prisma-sqlite/client.ts";
import { db } from "~/utils/db.server.ts";
import * as due from "./due.server.ts";
import { forgetBalanceCounts } from "./balance-counts.server.ts";
import { rawCardFields, type CardFields } from "./review.server.ts";

/** A card as the offline pack carries it: its faces and its memory state. */
export interface PackCardRow extends CardFields {
  id: string;
  domainId: string;
  source: string;
  front: string;
  back: string;
}

export interface PackContentRow {
  id: string;
  domainId: string;
  front: string;
  back: string;
}

const PACK_COLUMNS = Prisma.sql`"r"."id", "r"."domainId", "r"."source",
  COALESCE("c"."front", "r"."front", '') AS "front", COALESCE("c"."back", "r"."back", '') AS "back",
  "r"."due", "r"."stability", "r"."difficulty", "r"."elapsedDays", "r"."scheduledDays", "r"."learningSteps",
  "r"."reps", "r"."lapses", "r"."state", "r"."lastReview"`;

function packCardRow(row: Record<string, unknown>): PackCardRow {
  return {
    id: String(row.id),
    domainId: String(row.domainId),
    source: String(row.source),
    front: String(row.front ?? ""),
    back: String(row.back ?? ""),
    ...rawCardFields(row),
  };
}

/**
 * The cards to take offline: started cards due before `until` (in due order), the learner's own
 * new cards and content cards not started yet, each up to its limit. Suspended cards, cards
 * buried now and cards held for a withheld key (whose back would give the key away) never leave.
 */
export async function offlinePackCards(input: {
  userId: string;
  now: Date;
  until: Date;
  dueUpTo: number;
  newUpTo: number;
}): Promise<{ started: PackCardRow[]; deckNew: PackCardRow[]; content: PackContentRow[] }> {
  const { userId, now, until } = input;
  const notHeld = Prisma.sql`"r"."keyHeld" = ${false} AND ("r"."buriedUntil" IS NULL OR "r"."buriedUntil" <= ${now})`;
  const [started, deckNew, content] = await Promise.all([
    input.dueUpTo > 0
      ? db.$queryRaw<Record<string, unknown>[]>`
          SELECT ${PACK_COLUMNS}
          FROM "ReviewCard" AS "r" LEFT JOIN "ContentCard" AS "c" ON "c"."id" = "r"."contentCardId"
          WHERE ${due.dueBefore(userId, until)} AND ${notHeld}
          ORDER BY "r"."due", "r"."id" LIMIT ${input.dueUpTo}`
      : [],
    input.newUpTo > 0
      ? db.$queryRaw<Record<string, unknown>[]>`
          SELECT ${PACK_COLUMNS}
          FROM "ReviewCard" AS "r" LEFT JOIN "ContentCard" AS "c" ON "c"."id" = "r"."contentCardId"
          WHERE ${due.newInDeck(userId, now)} AND ${notHeld}
          ORDER BY "r"."createdAt", "r"."id" LIMIT ${input.newUpTo}`
      : [],
    input.newUpTo > 0
      ? db.$queryRaw<PackContentRow[]>`
          SELECT "c"."id", "c"."domainId", "c"."front", "c"."back" FROM "ContentCard" AS "c"
          WHERE ${due.unstartedContent(userId)}
          ORDER BY "c"."id" LIMIT ${input.newUpTo}`
      : [],
  ]);
  return { started: started.map(packCardRow), deckNew: deckNew.map(packCardRow), content };
}

/** One rating of a card, as the replay reads it. */
export interface CardLogRow {
  id: string;
  rating: number;
  review: Date;
  previousCard: string;
}

/** Every rating of a card, oldest first (ties in the order they were saved). */
export function cardLogs(cardId: string): Promise<CardLogRow[]> {
  return db.reviewLog.findMany({
    where: { cardId },
    orderBy: [{ review: "asc" }, { id: "asc" }],
    select: { id: true, rating: true, review: true, previousCard: true },
  });
}

/** The columns a rating writes to its log row (scheduler.ts `logFields`). */
export interface LogFields {
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
}

/**
 * Saves a rating that happened before the card's last review: its log row is added, the later
 * log rows get what the replay computed (their card-before and their log fields) and the card
 * its replayed state, in one transaction. The card must still be as the replay read it (same
 * reps and last review), or nothing changes ("stale": read again and retry).
 */
export async function saveReplay(input: {
  userId: string;
  cardId: string;
  expected: { reps: number; lastReview: Date | null };
  requestId: string;
  inserted: { previousCard: string; log: LogFields };
  rewritten: { id: string; previousCard: string; log: LogFields }[];
  next: CardFields;
  suspend: boolean;
}): Promise<"saved" | "duplicate" | "stale"> {
  try {
    const saved = await db.$transaction(async (tx): Promise<"saved" | "duplicate" | "stale"> => {
      const { count } = await tx.reviewCard.updateMany({
        where: {
          id: input.cardId,
          userId: input.userId,
          reps: input.expected.reps,
          lastReview: input.expected.lastReview,
        },
        data: { ...input.next, ...(input.suspend ? { suspended: true } : {}) },
      });
      if (count === 0) {
        const existing = await tx.reviewLog.findUnique({ where: { requestId: input.requestId }, select: { id: true } });
        return existing ? "duplicate" : "stale";
      }
      await tx.reviewLog.create({
        data: {
          cardId: input.cardId,
          userId: input.userId,
          requestId: input.requestId,
          previousCard: input.inserted.previousCard,
          ...input.inserted.log,
        },
        select: { id: true },
      });
      for (const row of input.rewritten) {
        await tx.reviewLog.update({
          where: { id: row.id },
          data: { previousCard: row.previousCard, ...row.log },
          select: { id: true },
        });
      }
      return "saved";
    });
    // A replay moves the card to wherever its rewritten history leaves it.
    if (saved === "saved") forgetBalanceCounts(input.userId);
    return saved;
  } catch (error) {
    // A racing copy of the same request hit the unique requestId: the first one won.
    if ((error as { code?: string }).code === "P2002") return "duplicate";
    throw error;
  }
}
