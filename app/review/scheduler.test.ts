import { describe, expect, it } from "vitest";
import { createEmptyCard, fsrs, generatorParameters, type Card, type Grade } from "ts-fsrs";
import {
  applyGrade,
  formatInterval,
  fromFsrs,
  newCardFields,
  previewIntervals,
  Rating,
  scheduler,
  toFsrs,
  type CardFields,
} from "./scheduler.ts";
import { studyDay } from "./study-day.ts";

const prefs = { desiredRetention: 0.9, fuzz: false };

describe("scheduler wrappers mirror ts-fsrs exactly", () => {
  it("replays a scripted review sequence state by state", () => {
    const direct = fsrs(generatorParameters({ request_retention: 0.9, enable_fuzz: false, enable_short_term: true }));
    let theirs: Card = createEmptyCard(new Date("2026-01-01T19:00:00Z"));
    let ours: CardFields = newCardFields(new Date("2026-01-01T19:00:00Z"));
    const script: [Grade, string][] = [
      [Rating.Good, "2026-01-01T19:00:00Z"],
      [Rating.Good, "2026-01-01T19:10:00Z"],
      [Rating.Good, "2026-01-03T19:00:00Z"],
      [Rating.Again, "2026-01-09T19:00:00Z"],
      [Rating.Hard, "2026-01-09T19:12:00Z"],
      [Rating.Good, "2026-01-10T20:00:00Z"],
      [Rating.Easy, "2026-01-20T07:00:00Z"],
    ];
    for (const [grade, at] of script) {
      const now = new Date(at);
      theirs = direct.next(theirs, now, grade).card;
      ours = applyGrade(ours, grade, now, prefs).card;
      expect(ours).toEqual(fromFsrs(theirs));
    }
  });

  it("keeps one scheduler per settings, scheduling as a new one would (fuzz included)", () => {
    const fuzzed = { desiredRetention: 0.85, fuzz: true };
    expect(scheduler(fuzzed)).toBe(scheduler({ ...fuzzed }));
    expect(scheduler(fuzzed)).not.toBe(scheduler({ ...fuzzed, desiredRetention: 0.9 }));
    expect(scheduler(fuzzed)).not.toBe(scheduler({ ...fuzzed, relearningSteps: "15m" }));
    expect(scheduler(fuzzed)).not.toBe(scheduler({ ...fuzzed, weights: [...generatorParameters().w] }));
    // Two cards rated in turn on the kept scheduler land where a scheduler made for each rating
    // puts them: the fuzz of one rating does not carry into the next.
    const start = new Date("2026-02-01T18:00:00Z");
    const cards = [newCardFields(start), newCardFields(new Date("2026-02-01T18:05:00Z"))];
    for (let day = 0; day < 12; day++) {
      for (const [i, card] of cards.entries()) {
        const now = new Date(Math.max(start.getTime() + day * 86_400_000, card.due.getTime()) + i * 60_000);
        const fresh = fsrs(
          generatorParameters({ request_retention: 0.85, enable_fuzz: true, enable_short_term: true }),
        );
        const expected = fromFsrs(fresh.next(toFsrs(card), now, Rating.Good).card);
        cards[i] = applyGrade(card, Rating.Good, now, fuzzed).card;
        expect(cards[i]).toEqual(expected);
      }
    }
    expect(cards[0].scheduledDays).toBeGreaterThan(2);
  });

  it("previews the documented first intervals for a new card", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    expect(previewIntervals(newCardFields(now), now, prefs)).toEqual({ 1: "1m", 2: "6m", 3: "10m", 4: "8d" });
  });

  it("uses the learner's learning and relearning steps", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    const custom = { ...prefs, learningSteps: "2m 30m 2h", relearningSteps: "15m 1h" };
    // New card: Again repeats the first step, Good moves to the second.
    expect(previewIntervals(newCardFields(now), now, custom)).toMatchObject({ 1: "2m", 3: "30m" });
    // Three Goods through three steps before graduating (the defaults graduate after two).
    let card = newCardFields(now);
    let at = now;
    const goods = (p: typeof prefs) => {
      let n = 0;
      for (card = newCardFields(now), at = now; card.state !== 2; n++) {
        card = applyGrade(card, Rating.Good, at, p).card;
        at = card.due;
      }
      return n;
    };
    expect(goods(custom)).toBe(3);
    expect(goods(prefs)).toBe(2);
    // A lapse goes to the first relearning step, then the second.
    const lapse = applyGrade(card, Rating.Again, new Date(card.due.getTime() + 86400_000), custom);
    expect(formatInterval(lapse.log.review, lapse.card.due)).toBe("15m");
    expect(formatInterval(lapse.card.due, applyGrade(lapse.card, Rating.Good, lapse.card.due, custom).card.due)).toBe(
      "1h",
    );
    // With no relearning steps a lapse is scheduled in days at once.
    const direct = applyGrade(card, Rating.Again, new Date(card.due.getTime() + 86400_000), {
      ...prefs,
      relearningSteps: "",
    });
    expect(direct.card.state).toBe(2);
    expect(direct.card.scheduledDays).toBeGreaterThanOrEqual(1);
  });

  it("falls back to the ts-fsrs default steps when the stored ones do not parse", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    expect(previewIntervals(newCardFields(now), now, { ...prefs, learningSteps: "soon" })).toEqual({
      1: "1m",
      2: "6m",
      3: "10m",
      4: "8d",
    });
  });

  it("formats intervals", () => {
    const from = new Date("2026-01-01T00:00:00Z");
    const plus = (ms: number) => new Date(from.getTime() + ms);
    expect(formatInterval(from, plus(10 * 60_000))).toBe("10m");
    expect(formatInterval(from, plus(5 * 3600_000))).toBe("5h");
    expect(formatInterval(from, plus(3 * 86400_000))).toBe("3d");
    expect(formatInterval(from, plus(45 * 86400_000))).toBe("1.5mo");
    expect(formatInterval(from, plus(800 * 86400_000))).toBe("2.2y");
  });
});

describe("studyDay", () => {
  it("rolls over at 4 a.m. local time, so late-night study counts for the evening before", () => {
    // 1:30 a.m. in Chicago on March 3 belongs to the March 2 study day.
    const d = studyDay(new Date("2026-03-03T07:30:00Z"), "America/Chicago");
    expect(d.label).toBe("2026-03-02");
    expect(d.start.toISOString()).toBe("2026-03-02T10:00:00.000Z");
    expect(d.end.toISOString()).toBe("2026-03-03T10:00:00.000Z");
    // 5 a.m. is the new day.
    expect(studyDay(new Date("2026-03-03T11:00:00Z"), "America/Chicago").label).toBe("2026-03-03");
  });

  it("handles a 23-hour day at the spring DST change", () => {
    // US clocks go forward on 2026-03-08 at 2 a.m.: 4 a.m. CST -> 4 a.m. CDT is 23 hours.
    const d = studyDay(new Date("2026-03-08T15:00:00Z"), "America/Chicago");
    expect(d.label).toBe("2026-03-08");
    expect(d.start.toISOString()).toBe("2026-03-08T09:00:00.000Z");
    expect(d.end.toISOString()).toBe("2026-03-09T09:00:00.000Z");
    const before = studyDay(new Date("2026-03-08T08:00:00Z"), "America/Chicago");
    expect(before.end.getTime() - before.start.getTime()).toBe(23 * 3600_000);
  });

  it("works east of UTC and in UTC", () => {
    expect(studyDay(new Date("2026-06-01T01:00:00Z"), "Asia/Tokyo").label).toBe("2026-06-01"); // 10 a.m. Tokyo
    expect(studyDay(new Date("2026-06-01T03:59:00Z"), "UTC").label).toBe("2026-05-31");
  });
});
