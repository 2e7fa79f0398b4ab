// Reviewing offline, in the browser: the pack the server hands out (its shape, checked when it
// comes back from storage), which card comes next by the same rules as the online queue, and a
// rating scheduled with the same ts-fsrs code and settings as the server. The local schedule is
// provisional: the server schedules each rating again when it syncs.
import { z } from "zod";
import { applyGrade, previewIntervals, State, type CardFields, type Grade, type SchedulerPrefs } from "./scheduler.ts";
import { LEARN_AHEAD_MS, studyDay } from "./study-day.ts";
import { cardFieldsSchema } from "~/models/json-columns.ts";

const dayCountsSchema = z.object({ reviews: z.number().int(), newIntroduced: z.number().int() });

const packSchema = z.object({
  version: z.literal(1),
  userId: z.string(),
  generatedAt: z.coerce.date(),
  timeZone: z.string(),
  limits: z.object({ reviewsPerDay: z.number().int(), newCardsPerDay: z.number().int() }),
  today: dayCountsSchema.extend({ day: z.string() }),
  // Whatever settings the server's scheduler takes are carried through as they are.
  scheduler: z.looseObject({
    desiredRetention: z.number(),
    weights: z.array(z.number()).nullable().optional(),
    fuzz: z.boolean().optional(),
  }),
  cards: z.array(
    z.object({
      ref: z.string(),
      domainName: z.string(),
      source: z.string(),
      front: z.string(),
      back: z.string(),
      fields: cardFieldsSchema,
    }),
  ),
});

export interface OfflineCard {
  /** "card:<id>" or "content:<id>", as the sync endpoint takes it. */
  ref: string;
  domainName: string;
  source: string;
  front: string;
  back: string;
  fields: CardFields;
}

/** What GET /review/offline-pack returns (dates as ISO strings on the wire). */
export interface OfflinePack {
  version: 1;
  userId: string;
  generatedAt: Date;
  timeZone: string;
  limits: { reviewsPerDay: number; newCardsPerDay: number };
  today: { day: string; reviews: number; newIntroduced: number };
  scheduler: SchedulerPrefs;
  cards: OfflineCard[];
}

/** The pack as kept in the browser: plus what was rated on each study day (by its label). */
export interface OfflineDeck extends OfflinePack {
  done: Record<string, { reviews: number; newIntroduced: number }>;
}

/** A rating waiting to be sent: the sync endpoint's item, plus whose it is. */
export interface QueuedRating {
  requestId: string;
  userId: string;
  ref: string;
  grade: Grade;
  reviewedAt: string;
}

/** Reads a pack (from the network or from storage); null if it is not one. */
export function decodePack(json: unknown): OfflinePack | null {
  const parsed = packSchema.safeParse(json);
  return parsed.success ? (parsed.data as OfflinePack) : null;
}

const deckSchema = packSchema.extend({ done: z.record(z.string(), dayCountsSchema) });

export function decodeDeck(json: unknown): OfflineDeck | null {
  const parsed = deckSchema.safeParse(json);
  return parsed.success ? (parsed.data as OfflineDeck) : null;
}

export function deckFromPack(pack: OfflinePack): OfflineDeck {
  return {
    ...pack,
    done: { [pack.today.day]: { reviews: pack.today.reviews, newIntroduced: pack.today.newIntroduced } },
  };
}

function isReady(card: OfflineCard, learnAhead: Date, dayEnd: Date) {
  const { state, due } = card.fields;
  if (state === State.Learning || state === State.Relearning) return due <= learnAhead;
  return state === State.Review && due < dayEnd;
}

/**
 * The next card and today's numbers, by the online queue's rules: due cards first (most overdue
 * first) within the review limit, then new cards within the new-card limit, then learning steps
 * due within the learn-ahead window.
 */
export function nextOfflineCard(deck: OfflineDeck, now: Date) {
  const day = studyDay(now, deck.timeZone);
  const done = deck.done[day.label] ?? { reviews: 0, newIntroduced: 0 };
  const reviewsLeft = Math.max(0, deck.limits.reviewsPerDay - done.reviews);
  const newLeft = Math.max(0, deck.limits.newCardsPerDay - done.newIntroduced);
  const byDue = (a: OfflineCard, b: OfflineCard) => a.fields.due.getTime() - b.fields.due.getTime();
  const ready = deck.cards.filter((c) => isReady(c, now, day.end)).sort(byDue);
  const fresh = deck.cards.filter((c) => c.fields.state === State.New);
  let current: OfflineCard | null = null;
  let learningSoon = 0;
  if (reviewsLeft > 0 && ready.length) current = ready[0];
  else if (newLeft > 0 && fresh.length) current = fresh[0];
  else if (reviewsLeft > 0) {
    const soon = deck.cards.filter((c) => isReady(c, new Date(now.getTime() + LEARN_AHEAD_MS), day.end)).sort(byDue);
    current = soon[0] ?? null;
    learningSoon = soon.length;
  }
  return {
    current,
    counts: {
      due: Math.min(Math.max(ready.length, learningSoon), reviewsLeft),
      new: Math.min(newLeft, fresh.length),
      doneToday: done.reviews + done.newIntroduced,
    },
  };
}

/** What each rating button would do, as "10m", "1d". */
export function offlineIntervals(deck: OfflineDeck, card: OfflineCard, now: Date) {
  return previewIntervals(card.fields, now, deck.scheduler);
}

/** Rates a card in the browser: the deck with the card's new state and the rating to send. */
export function rateOffline(
  deck: OfflineDeck,
  ref: string,
  grade: Grade,
  now: Date,
  requestId: string,
): { deck: OfflineDeck; rating: QueuedRating } | null {
  const card = deck.cards.find((c) => c.ref === ref);
  if (!card) return null;
  const { card: next } = applyGrade(card.fields, grade, now, deck.scheduler);
  const day = studyDay(now, deck.timeZone).label;
  const counts = deck.done[day] ?? { reviews: 0, newIntroduced: 0 };
  const wasNew = card.fields.state === State.New;
  return {
    deck: {
      ...deck,
      cards: deck.cards.map((c) => (c.ref === ref ? { ...c, fields: next } : c)),
      done: {
        ...deck.done,
        [day]: {
          reviews: counts.reviews + (wasNew ? 0 : 1),
          newIntroduced: counts.newIntroduced + (wasNew ? 1 : 0),
        },
      },
    },
    rating: { requestId, userId: deck.userId, ref, grade, reviewedAt: now.toISOString() },
  };
}

/** A random request id: crypto.randomUUID where the page is a secure context, else the same format by hand. */
export function newRequestId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
