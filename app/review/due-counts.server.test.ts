// Every page that says how many cards are due today says the same number at the same moment.
import { describe, expect, it } from "vitest";
import { makeUser } from "../../tests/factories/users.ts";
import { progressDashboard } from "~/progress/dashboard.server.ts";
import { savePreferences } from "~/models/preferences.server.ts";
import { db } from "~/utils/db.server.ts";
import { deckSummaries, reviewStats } from "./review.server.ts";
import { studyDay } from "./study-day.ts";

const HOUR = 3600_000;

describe("due today", () => {
  it("agrees on the review home, the statistics and the progress forecast, in every card state", async () => {
    const user = await makeUser();
    const tz = "America/New_York";
    await savePreferences(user.id, { timeZone: tz, reviewsPerDay: 2, newCardsPerDay: 1 });
    // 23:30 local: the study day runs until 4 a.m.
    const now = new Date("2026-11-10T04:30:00Z");
    const day = studyDay(now, tz);
    const card = (over: Record<string, unknown>) =>
      db.reviewCard.create({
        data: { userId: user.id, source: "own", domainId: "LAW", front: "f", back: "b", due: now, ...over },
      });
    await card({ state: 2, due: new Date(now.getTime() - 48 * HOUR) }); // overdue review: counts
    await card({ state: 2, due: new Date(now.getTime() - HOUR) }); // due review: counts
    await card({ state: 1, due: new Date(now.getTime() + 2 * HOUR) }); // learning step later tonight, before 4 a.m.: counts
    await card({ state: 3, due: new Date(day.end.getTime() - 60_000), domainId: "BIL" }); // relearning, last minute of the day: counts
    await card({ state: 2, due: new Date(day.end.getTime() + 60_000) }); // just after the rollover: tomorrow
    await card({ state: 2, due: new Date(now.getTime() - HOUR), suspended: true }); // suspended: never
    await card({ state: 2, due: new Date(now.getTime() - HOUR), buriedUntil: day.end }); // buried until tomorrow
    await card({ state: 0, due: new Date(now.getTime() - HOUR) }); // new: counted as new, not due

    const decks = await deckSummaries(user.id, now);
    const home = decks.reduce((n, d) => n + d.due, 0);
    const stats = (await reviewStats(user.id, now)).forecast[0].count;
    const progress = (await progressDashboard(user.id, now)).forecast[0].count;
    expect({ home, stats, progress }).toEqual({ home: 4, stats: 4, progress: 4 });
    // Tomorrow: the card just after the rollover and the buried one (both decks' rules agree).
    expect((await reviewStats(user.id, now)).forecast[1].count).toBe(2);
    expect((await progressDashboard(user.id, now)).forecast[1].count).toBe(2);
  });
});
