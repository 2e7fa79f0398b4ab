import { describe, expect, it } from "vitest";
import { studyDay, studyDays } from "./study-day.ts";

const HOUR = 3_600_000;
const iso = (d: { start: Date; end: Date; label: string }) =>
  `${d.label} ${d.start.toISOString()} ${d.end.toISOString()}`;

describe("study days", () => {
  it("run 4 a.m. to 4 a.m. local, 23 and 25 hours across daylight-saving changes", () => {
    // 2026-03-08: New York springs forward at 2 a.m.; 2026-11-01 it falls back.
    expect(iso(studyDay(new Date("2026-03-08T12:00:00Z"), "America/New_York"))).toBe(
      "2026-03-08 2026-03-08T08:00:00.000Z 2026-03-09T08:00:00.000Z",
    );
    expect(iso(studyDay(new Date("2026-03-08T07:30:00Z"), "America/New_York"))).toBe(
      "2026-03-07 2026-03-07T09:00:00.000Z 2026-03-08T08:00:00.000Z",
    );
    expect(iso(studyDay(new Date("2026-10-31T12:00:00Z"), "America/New_York"))).toBe(
      "2026-10-31 2026-10-31T08:00:00.000Z 2026-11-01T09:00:00.000Z",
    );
    // 1 a.m. still belongs to the evening before.
    expect(studyDay(new Date("2026-05-02T05:00:00Z"), "America/New_York").label).toBe("2026-05-01");
  });

  // Days already computed are reused: the answer must not depend on what was asked before.
  it("give the same answer whatever was asked before, in any order and zone", () => {
    const zones = ["America/New_York", "Europe/London", "Asia/Kolkata", "Pacific/Chatham", "UTC"];
    // Hours apart across a month with a daylight-saving change, then days apart for years ahead
    // (a rating's candidate days): the days kept are filed by UTC day, which local days straddle.
    const times = [
      ...Array.from({ length: 120 }, (_, i) => new Date(Date.UTC(2026, 2, 1) + i * 7 * HOUR + 13 * 60_000)),
      ...Array.from({ length: 120 }, (_, i) => new Date(Date.UTC(2026, 4, 1) + i * 173 * HOUR + 29 * 60_000)),
    ];
    for (const zone of zones) {
      const forward = times.map((t) => iso(studyDay(t, zone)));
      const backward = [...times].reverse().map((t) => iso(studyDay(t, zone)));
      expect(backward.reverse()).toEqual(forward);
      for (const [i, t] of times.entries()) {
        const day = studyDay(t, zone);
        expect(day.start.getTime()).toBeLessThanOrEqual(t.getTime());
        expect(t.getTime()).toBeLessThan(day.end.getTime());
        expect(iso(day)).toBe(forward[i]);
      }
    }
    const week = studyDays(new Date("2026-10-29T15:00:00Z"), "America/New_York", 7);
    for (let i = 1; i < week.length; i++) expect(week[i].start).toEqual(week[i - 1].end);
  });
});
