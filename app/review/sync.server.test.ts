import { randomUUID } from "node:crypto";
import { Rating, State, type Grade } from "ts-fsrs";
import { beforeAll, describe, expect, it } from "vitest";
import { makeCard } from "../../tests/fixtures/content.ts";
import { makeUser } from "../../tests/factories/users.ts";
import { syncCards } from "~/models/bank.server.ts";
import { savePreferences } from "~/models/preferences.server.ts";
import { startSession } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { syncRequest } from "./forms.ts";
import { decodePack, deckFromPack, nextOfflineCard, rateOffline } from "./offline-session.ts";
import { addOwnCard, rateCard, studyQueue, undoLastRating } from "./review.server.ts";
import { offlinePack, syncRatings, type SyncItem } from "./sync.server.ts";

beforeAll(async () => {
  await syncCards(
    Array.from({ length: 6 }, (_, i) =>
      makeCard(`COM-C${String(i + 1).padStart(4, "0")}`, {
        front: `Com front ${i + 1}`,
        back: `Com back ${i + 1}`,
      }),
    ),
  );
});

async function learner(over: { newCardsPerDay?: number; reviewsPerDay?: number } = {}) {
  const user = await makeUser();
  await savePreferences(user.id, { timeZone: "America/New_York", ...over });
  return user;
}

const CARD_COLUMNS = [
  "due",
  "stability",
  "difficulty",
  "elapsedDays",
  "scheduledDays",
  "learningSteps",
  "reps",
  "lapses",
  "state",
  "lastReview",
  "suspended",
] as const;
const LOG_COLUMNS = [
  "rating",
  "state",
  "due",
  "stability",
  "difficulty",
  "elapsedDays",
  "lastElapsedDays",
  "scheduledDays",
  "learningSteps",
  "review",
] as const;

async function cardState(cardId: string) {
  const card = await db.reviewCard.findUniqueOrThrow({ where: { id: cardId } });
  return Object.fromEntries(CARD_COLUMNS.map((k) => [k, card[k]]));
}

/** A card's logs in review order, without ids: what a replay must reproduce. */
async function history(cardId: string) {
  const logs = await db.reviewLog.findMany({ where: { cardId }, orderBy: [{ review: "asc" }, { id: "asc" }] });
  return logs.map((l) => ({
    ...Object.fromEntries(LOG_COLUMNS.map((k) => [k, l[k]])),
    previousCard: JSON.parse(l.previousCard) as unknown,
  }));
}

const item = (ref: string, grade: Grade, at: string, requestId = randomUUID()): SyncItem => ({
  requestId,
  ref,
  grade,
  reviewedAt: new Date(at),
});

/** A learner's own card, and the same card for a second learner who rates everything online. */
async function twoLearners(created: string) {
  const [a, b] = [await learner(), await learner()];
  const cardA = await addOwnCard(a.id, { domainId: "COM", front: "Q", back: "A" }, new Date(created));
  const cardB = await addOwnCard(b.id, { domainId: "COM", front: "Q", back: "A" }, new Date(created));
  return { a, b, cardA, cardB };
}

const SCRIPT: [Grade, string][] = [
  [Rating.Good, "2026-01-02T15:00:00Z"],
  [Rating.Good, "2026-01-02T15:11:00Z"],
  [Rating.Good, "2026-01-06T15:00:00Z"],
  [Rating.Hard, "2026-01-16T15:00:00Z"],
  [Rating.Again, "2026-01-21T15:00:00Z"],
  [Rating.Good, "2026-01-21T15:12:00Z"],
];
const SYNC_NOW = new Date("2026-01-22T15:00:00Z");

describe("syncing offline ratings", () => {
  it("applies a batch in review-time order, exactly as the same ratings made online", async () => {
    const { a, b, cardA, cardB } = await twoLearners("2026-01-02T14:00:00Z");
    for (const [grade, at] of SCRIPT)
      await rateCard(b.id, { ref: `card:${cardB.id}`, grade, requestId: randomUUID() }, new Date(at));
    // Sent shuffled: the server sorts by review time.
    const items = SCRIPT.map(([grade, at]) => item(`card:${cardA.id}`, grade, at));
    const shuffled = [items[3], items[0], items[5], items[1], items[4], items[2]];
    const results = await syncRatings(a.id, shuffled, SYNC_NOW);
    expect(results.map((r) => [r.requestId, r.status])).toEqual(shuffled.map((i) => [i.requestId, "saved"]));
    expect(await cardState(cardA.id)).toEqual(await cardState(cardB.id));
    expect(await history(cardA.id)).toEqual(await history(cardB.id));
    expect((await cardState(cardA.id)).state).toBe(State.Review);
  });

  it("creates the learner's card for a content card rated offline, as the first online rating would", async () => {
    const [a, b] = [await learner(), await learner()];
    const at = "2026-01-20T15:00:00Z";
    await rateCard(b.id, { ref: "content:COM-C0002", grade: Rating.Easy, requestId: randomUUID() }, new Date(at));
    const [result] = await syncRatings(a.id, [item("content:COM-C0002", Rating.Easy, at)], SYNC_NOW);
    expect(result.status).toBe("saved");
    const [cardA, cardB] = await Promise.all(
      [a, b].map((u) => db.reviewCard.findFirstOrThrow({ where: { userId: u.id, contentCardId: "COM-C0002" } })),
    );
    expect(await cardState(cardA.id)).toEqual(await cardState(cardB.id));
    expect(await history(cardA.id)).toEqual(await history(cardB.id));
  });

  it("saves a repeated sync once: the second answer is 'duplicate' and nothing changes", async () => {
    const { a, cardA } = await twoLearners("2026-01-02T14:00:00Z");
    const items = SCRIPT.slice(0, 3).map(([grade, at]) => item(`card:${cardA.id}`, grade, at));
    expect((await syncRatings(a.id, items, SYNC_NOW)).map((r) => r.status)).toEqual(["saved", "saved", "saved"]);
    const before = { card: await cardState(cardA.id), logs: await history(cardA.id) };
    expect((await syncRatings(a.id, items, SYNC_NOW)).map((r) => r.status)).toEqual([
      "duplicate",
      "duplicate",
      "duplicate",
    ]);
    expect({ card: await cardState(cardA.id), logs: await history(cardA.id) }).toEqual(before);
    // The same request id twice in one batch is saved once too.
    const twice = item(`card:${cardA.id}`, Rating.Good, "2026-01-10T15:00:00Z");
    expect((await syncRatings(a.id, [twice, twice], SYNC_NOW)).map((r) => r.status)).toEqual(["saved", "duplicate"]);
    expect(await db.reviewLog.count({ where: { cardId: cardA.id } })).toBe(4);
  });

  it("merges a rating from a second device made before the card's last review: both logs stay, replayed in order", async () => {
    const { a, b, cardA, cardB } = await twoLearners("2026-01-02T14:00:00Z");
    for (const [grade, at] of SCRIPT)
      await rateCard(b.id, { ref: `card:${cardB.id}`, grade, requestId: randomUUID() }, new Date(at));
    // Device 1, online: every rating but the third and the fifth.
    for (const [i, [grade, at]] of SCRIPT.entries())
      if (i !== 2 && i !== 4)
        expect(
          await rateCard(a.id, { ref: `card:${cardA.id}`, grade, requestId: randomUUID() }, new Date(at)),
        ).toMatchObject({ ok: true });
    const afterDevice1 = await cardState(cardA.id);
    // Device 2, offline, syncs those two later.
    const late = [item(`card:${cardA.id}`, ...SCRIPT[4]), item(`card:${cardA.id}`, ...SCRIPT[2])];
    expect((await syncRatings(a.id, late, SYNC_NOW)).map((r) => r.status)).toEqual(["merged", "merged"]);
    expect(await cardState(cardA.id)).not.toEqual(afterDevice1);
    expect(await db.reviewLog.count({ where: { cardId: cardA.id } })).toBe(SCRIPT.length);
    expect(await cardState(cardA.id)).toEqual(await cardState(cardB.id));
    expect(await history(cardA.id)).toEqual(await history(cardB.id));
    // The replay is deterministic: ts-fsrs seeds its fuzz from the review time and card state.
    const { a: c, cardA: cardC } = await twoLearners("2026-01-02T14:00:00Z");
    const all = SCRIPT.map(([grade, at]) => item(`card:${cardC.id}`, grade, at));
    await syncRatings(c.id, [all[5], all[1], all[0]], SYNC_NOW);
    await syncRatings(c.id, [all[4], all[3], all[2]], SYNC_NOW);
    expect(await cardState(cardC.id)).toEqual(await cardState(cardB.id));
    expect(await history(cardC.id)).toEqual(await history(cardB.id));
  });

  it("keeps today's counts and undo right after a merge", async () => {
    const { a, b, cardA, cardB } = await twoLearners("2026-02-10T14:00:00Z");
    const day: [Grade, string][] = [
      [Rating.Good, "2026-02-10T15:00:00Z"],
      [Rating.Again, "2026-02-10T15:20:00Z"],
      [Rating.Good, "2026-02-10T15:40:00Z"],
    ];
    for (const [grade, at] of day.slice(0, 2))
      await rateCard(b.id, { ref: `card:${cardB.id}`, grade, requestId: randomUUID() }, new Date(at));
    for (const [grade, at] of [day[0], day[2]])
      await rateCard(a.id, { ref: `card:${cardA.id}`, grade, requestId: randomUUID() }, new Date(at));
    const now = new Date("2026-02-10T16:00:00Z");
    expect((await syncRatings(a.id, [item(`card:${cardA.id}`, ...day[1])], now))[0].status).toBe("merged");
    const queue = await studyQueue(a.id, null, now);
    expect(queue.counts.doneToday).toBe(3);
    // Undo takes back the latest rating by review time, leaving the card as the first two left it.
    expect(await undoLastRating(a.id, now)).toBe(true);
    expect(await cardState(cardA.id)).toEqual(await cardState(cardB.id));
    expect(await history(cardA.id)).toEqual(await history(cardB.id));
    expect((await studyQueue(a.id, null, now)).counts.doneToday).toBe(2);
  });

  it("refuses ratings from the future, too old, for cards not in the deck or with another account's request id, changing nothing", async () => {
    const { a, b, cardA, cardB } = await twoLearners("2026-01-02T14:00:00Z");
    const taken = randomUUID();
    await rateCard(b.id, { ref: `card:${cardB.id}`, grade: Rating.Good, requestId: taken }, SYNC_NOW);
    const before = { a: await cardState(cardA.id), b: await cardState(cardB.id), logs: await db.reviewLog.count() };
    const results = await syncRatings(
      a.id,
      [
        item(`card:${cardA.id}`, Rating.Good, "2026-01-22T15:10:00Z"),
        item(`card:${cardA.id}`, Rating.Good, "2025-12-20T15:00:00Z"),
        item(`card:${cardB.id}`, Rating.Good, "2026-01-22T14:00:00Z"),
        item("card:nosuchcard0000000000000", Rating.Good, "2026-01-22T14:00:00Z"),
        item("content:COM-C9999", Rating.Good, "2026-01-22T14:00:00Z"),
        item(`card:${cardA.id}`, Rating.Good, "2026-01-22T14:00:00Z", taken),
      ],
      SYNC_NOW,
    );
    expect(results.map((r) => (r.status === "refused" ? r.reason : r.status))).toEqual([
      "future",
      "too-old",
      "not-in-deck",
      "not-in-deck",
      "not-in-deck",
      "other-account",
    ]);
    for (const r of results) expect(r).toMatchObject({ message: expect.any(String) });
    expect({ a: await cardState(cardA.id), b: await cardState(cardB.id), logs: await db.reviewLog.count() }).toEqual(
      before,
    );
    // A little clock skew is allowed.
    const [skewed] = await syncRatings(a.id, [item(`card:${cardA.id}`, Rating.Good, "2026-01-22T15:03:00Z")], SYNC_NOW);
    expect(skewed.status).toBe("saved");
  });

  it("validates the request: UUIDs, known card references, grades 1-4, ISO times, a bounded batch", () => {
    const good = { requestId: randomUUID(), ref: "card:abc123", grade: 3, reviewedAt: "2026-01-22T15:00:00.000Z" };
    expect(syncRequest.safeParse({ ratings: [good] }).success).toBe(true);
    for (const bad of [
      { ...good, requestId: "not-a-uuid" },
      { ...good, ref: "card:../../etc" },
      { ...good, grade: 5 },
      { ...good, grade: 0 },
      { ...good, reviewedAt: "yesterday" },
    ])
      expect(syncRequest.safeParse({ ratings: [bad] }).success).toBe(false);
    expect(syncRequest.safeParse({ ratings: [] }).success).toBe(false);
    expect(syncRequest.safeParse({ ratings: Array.from({ length: 201 }, () => good) }).success).toBe(false);
  });
});

describe("the offline pack", () => {
  it("holds today's and tomorrow's due cards and new cards within the limits, never held, buried or suspended cards", async () => {
    const user = await learner({ newCardsPerDay: 2, reviewsPerDay: 50 });
    const now = new Date("2026-03-02T15:00:00Z"); // 10 a.m. New York
    const make = async (front: string, data: Record<string, unknown>) => {
      const card = await addOwnCard(user.id, { domainId: "COM", front, back: `${front} back` }, now);
      await db.reviewCard.update({ where: { id: card.id }, data });
      return card.id;
    };
    const review = { state: State.Review, reps: 3, stability: 5, difficulty: 5, lastReview: new Date("2026-02-25") };
    const dueToday = await make("due today", { ...review, due: new Date("2026-03-02T12:00:00Z") });
    const dueTomorrow = await make("due tomorrow", { ...review, due: new Date("2026-03-03T20:00:00Z") });
    await make("due in three days", { ...review, due: new Date("2026-03-05T20:00:00Z") });
    await make("suspended", { ...review, due: new Date("2026-03-02T12:00:00Z"), suspended: true });
    await make("buried", {
      ...review,
      due: new Date("2026-03-02T12:00:00Z"),
      buriedUntil: new Date("2026-03-03T09:00Z"),
    });
    await db.reviewCard.create({
      data: {
        userId: user.id,
        source: "missed",
        questionId: "COM-Q-held",
        domainId: "COM",
        front: "held question",
        back: "the withheld key",
        ...review,
        due: new Date("2026-03-02T12:00:00Z"),
        keyHeld: true,
        buriedUntil: new Date("2026-03-02T14:00:00Z"), // the burial is over, the hold is not
      },
    });
    const ownNew = await make("own new", {});
    const pack = await offlinePack(user.id, now);
    const refs = pack.cards.map((c) => c.ref);
    expect(refs.slice(0, 2)).toEqual([`card:${dueToday}`, `card:${dueTomorrow}`]);
    // New: today's 2 and tomorrow's 2, the learner's own first, then content cards in deck order.
    expect(refs.slice(2)).toEqual([`card:${ownNew}`, "content:COM-C0001", "content:COM-C0002", "content:COM-C0003"]);
    expect(JSON.stringify(pack)).not.toMatch(/withheld|suspended|buried|three days/);
    expect(pack.scheduler).toMatchObject({ desiredRetention: 0.9 });

    // Through JSON and into the browser's session: the same rules pick the next card.
    const decoded = decodePack(JSON.parse(JSON.stringify(pack)));
    expect(decoded).not.toBeNull();
    const deck = deckFromPack(decoded!);
    const first = nextOfflineCard(deck, now);
    expect(first.current?.ref).toBe(`card:${dueToday}`);
    expect(first.counts).toEqual({ due: 1, new: 2, doneToday: 0 });
    const rated = rateOffline(deck, first.current!.ref, Rating.Good, now, randomUUID())!;
    const second = nextOfflineCard(rated.deck, new Date(now.getTime() + 1000));
    expect(second.current?.ref).toBe(`card:${ownNew}`);
    expect(second.counts.doneToday).toBe(1);
    // The browser's schedule for that rating is the one the server then saves.
    const [saved] = await syncRatings(
      user.id,
      [{ ...rated.rating, reviewedAt: new Date(rated.rating.reviewedAt) }],
      now,
    );
    expect(saved.status).toBe("saved");
    const stored = await db.reviewCard.findUniqueOrThrow({ where: { id: dueToday } });
    const local = rated.deck.cards.find((c) => c.ref === `card:${dueToday}`)!.fields;
    expect({ ...local }).toEqual(
      Object.fromEntries(Object.keys(local).map((k) => [k, stored[k as keyof typeof stored]])),
    );
  });
});

describe("the endpoints", () => {
  async function call(
    handler: (args: never) => Promise<Response>,
    path: string,
    cookie: string | null,
    init: RequestInit = {},
  ) {
    const headers = new Headers(init.headers);
    if (cookie) headers.set("Cookie", cookie.split(";")[0]);
    try {
      return await handler({
        request: new Request(`http://localhost${path}`, { ...init, headers }),
        params: {},
        context: { clientIp: "127.0.0.1" },
      } as never);
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
  }
  const post = (body: string) => ({ method: "POST", body, headers: { "Content-Type": "application/json" } });

  it("need a signed-in learner, answer JSON that no cache keeps, and refuse malformed requests without changing anything", async () => {
    const { loader: packLoader } = await import("~/routes/review.offline-pack.ts");
    const { action: syncAction } = await import("~/routes/review.sync.ts");
    const user = await learner();
    const cookie = await startSession(user.id);
    const card = await addOwnCard(user.id, { domainId: "COM", front: "Q", back: "A" });

    const anonymous = await call(packLoader, "/review/offline-pack", null);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login/);
    const pack = await call(packLoader, "/review/offline-pack", cookie);
    expect(pack.headers.get("Cache-Control")).toBe("private, no-store");
    const body = (await pack.json()) as { userId: string; cards: { ref: string }[] };
    expect(body.userId).toBe(user.id);
    expect(body.cards.map((c) => c.ref)).toContain(`card:${card.id}`);

    const rating = { requestId: randomUUID(), ref: `card:${card.id}`, grade: 3, reviewedAt: new Date().toISOString() };
    expect((await call(syncAction, "/review/sync", null, post(JSON.stringify({ ratings: [rating] })))).status).toBe(
      302,
    );
    for (const [bad, message] of [
      ["{not json", "Send the ratings as JSON."],
      [JSON.stringify({ ratings: [{ ...rating, grade: 7 }] }), "Choose Again, Hard, Good or Easy."],
      [
        JSON.stringify({ ratings: [rating, { ...rating, requestId: "abc" }] }),
        "Each rating needs its request id (a UUID).",
      ],
    ]) {
      const res = await call(syncAction, "/review/sync", cookie, post(bad));
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: message });
    }
    expect(await db.reviewLog.count({ where: { userId: user.id } })).toBe(0);

    const ok = await call(syncAction, "/review/sync", cookie, post(JSON.stringify({ ratings: [rating] })));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ results: [{ requestId: rating.requestId, status: "saved", leech: false }] });
    expect(await db.reviewLog.count({ where: { userId: user.id } })).toBe(1);
  });
});
