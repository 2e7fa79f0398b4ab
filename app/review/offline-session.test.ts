import { Rating, State } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import {
  decodeDeck,
  decodePack,
  deckFromPack,
  nextOfflineCard,
  newRequestId,
  rateOffline,
  type OfflinePack,
} from "./offline-session.ts";
import { newCardFields } from "./scheduler.ts";

const NOW = new Date("2026-03-02T15:00:00Z"); // 10 a.m. in New York

function pack(over: Partial<OfflinePack> = {}): OfflinePack {
  const card = (ref: string, fields = newCardFields(NOW)) => ({
    ref,
    domainName: "Communication",
    source: "content",
    front: `${ref} front`,
    back: `${ref} back`,
    fields,
  });
  return {
    version: 1,
    userId: "u1",
    generatedAt: NOW,
    timeZone: "America/New_York",
    limits: { reviewsPerDay: 200, newCardsPerDay: 2 },
    today: { day: "2026-03-02", reviews: 0, newIntroduced: 0 },
    scheduler: { desiredRetention: 0.9, weights: null, fuzz: true },
    cards: [card("content:A"), card("content:B"), card("content:C")],
    ...over,
  };
}

describe("offline review in the browser", () => {
  it("stops new cards at the day's limit and starts again after the 4 a.m. rollover", () => {
    let deck = deckFromPack(pack());
    for (const ref of ["content:A", "content:B"]) {
      const next = nextOfflineCard(deck, NOW);
      expect(next.current?.ref).toBe(ref);
      deck = rateOffline(deck, ref, Rating.Easy, NOW, newRequestId())!.deck;
    }
    expect(nextOfflineCard(deck, NOW)).toMatchObject({ current: null, counts: { new: 0, doneToday: 2 } });
    const tomorrow = new Date("2026-03-03T09:30:00Z"); // 4:30 a.m. in New York
    expect(nextOfflineCard(deck, tomorrow)).toMatchObject({ current: { ref: "content:C" }, counts: { doneToday: 0 } });
  });

  it("shows a learning step when it comes due, and one due within 20 minutes when nothing else is left", () => {
    let deck = deckFromPack(pack({ limits: { reviewsPerDay: 200, newCardsPerDay: 1 } }));
    deck = rateOffline(deck, "content:A", Rating.Good, NOW, newRequestId())!.deck; // learning, due in 10 minutes
    const card = deck.cards.find((c) => c.ref === "content:A")!;
    expect(card.fields.state).toBe(State.Learning);
    // The day's one new card is used: the learning card is shown ahead of time.
    expect(nextOfflineCard(deck, new Date(NOW.getTime() + 60_000))).toMatchObject({
      current: { ref: "content:A" },
      counts: { due: 1, new: 0 },
    });
    expect(nextOfflineCard(deck, new Date(NOW.getTime() + 11 * 60_000)).current?.ref).toBe("content:A");
  });

  it("queues each rating with a UUID, the card and the time it was made, and counts it for the study day", () => {
    const deck = deckFromPack(pack({ today: { day: "2026-03-02", reviews: 5, newIntroduced: 1 } }));
    const rated = rateOffline(deck, "content:B", Rating.Again, NOW, newRequestId())!;
    expect(rated.rating).toEqual({
      requestId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      userId: "u1",
      ref: "content:B",
      grade: Rating.Again,
      reviewedAt: NOW.toISOString(),
    });
    expect(rated.deck.done["2026-03-02"]).toEqual({ reviews: 5, newIntroduced: 2 });
    expect(rateOffline(deck, "content:nope", Rating.Good, NOW, newRequestId())).toBeNull();
  });

  it("reads packs and decks back from JSON and refuses anything else", () => {
    const deck = deckFromPack(pack());
    expect(decodeDeck(JSON.parse(JSON.stringify(deck)))).toEqual(deck);
    expect(decodePack(JSON.parse(JSON.stringify(pack())))).toEqual(pack());
    expect(decodePack({ version: 2 })).toBeNull();
    expect(decodeDeck(pack())).toBeNull(); // a pack is not yet a deck (no day counts)
  });
});
