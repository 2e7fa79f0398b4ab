import { describe, expect, it } from "vitest";
import { csvDateTime, csvZoneHeader, formatDate, formatDay, negotiateLocale, safeLocale, safeZone } from "./dates.ts";

// 03:30 UTC on Dec 5 is still Dec 4 in Chicago: the reader's zone decides the day.
const late = new Date("2026-12-05T03:30:00Z");
// ICU separates a time from AM/PM with a narrow no-break space in newer versions: compare words.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("formatDate", () => {
  it("writes the date as the reader's time zone sees it, in every style", () => {
    expect(formatDate(late, "UTC")).toBe("Dec 5, 2026");
    expect(formatDate(late, "America/Chicago")).toBe("Dec 4, 2026");
    expect(formatDate(late, "America/Chicago", "monthDay")).toBe("Dec 4");
    expect(plain(formatDate(late.toISOString(), "Asia/Tokyo", "dateTime"))).toBe("Dec 5, 2026, 12:30 PM");
    expect(plain(formatDate(late, "America/New_York", "dateTimeZone"))).toBe("Dec 4, 2026, 10:30 PM EST");
  });

  it("reads an unknown zone as UTC instead of failing the page", () => {
    expect(safeZone("Mars/Olympus")).toBe("UTC");
    expect(formatDate(late, "Mars/Olympus")).toBe("Dec 5, 2026");
  });

  it("writes the date in the reader's locale, in the reader's zone", () => {
    expect(formatDate(late, "Europe/London", "date", "en-GB")).toBe("5 Dec 2026");
    expect(formatDate(late, "America/Chicago", "date", "en-GB")).toBe("4 Dec 2026");
    expect(formatDate(late, "Europe/Berlin", "date", "de-DE")).toBe("05.12.2026");
    expect(formatDate(late, "Europe/Paris", "monthDay", "fr")).toBe("5 déc.");
    expect(formatDate(late, "Europe/Berlin", "dateTime", "de-DE")).toBe("05.12.2026, 04:30");
    expect(formatDate(late, "Europe/London", "dateTime", "en-GB")).toBe("5 Dec 2026, 03:30");
    expect(plain(formatDate(late, "Europe/Paris", "weekdayLong", "fr-FR"))).toBe("samedi 5 décembre");
  });

  it("keeps one formatter per locale: a cached en-US formatter never answers for de-DE", () => {
    expect(formatDate(late, "UTC", "date", "en-US")).toBe("Dec 5, 2026");
    expect(formatDate(late, "UTC", "date", "de-DE")).toBe("05.12.2026");
    expect(formatDate(late, "UTC", "date", "en-US")).toBe("Dec 5, 2026");
  });

  it("reads an unknown locale as en-US instead of failing the page", () => {
    expect(safeLocale("not a locale")).toBe("en-US");
    expect(formatDate(late, "UTC", "date", "not a locale")).toBe("Dec 5, 2026");
  });
});

describe("formatDay", () => {
  it("writes a calendar day as that day, whatever the reader's zone", () => {
    expect(formatDay("2026-12-06")).toBe("Dec 6, 2026");
    expect(formatDay("2026-12-06", "monthDay")).toBe("Dec 6");
    expect(formatDay("2026-12-06", "date", "en-GB")).toBe("6 Dec 2026");
    expect(formatDay("2026-12-06", "monthDay", "de-DE")).toBe("6. Dez.");
    expect(formatDay("2026-12-06", "weekdayLong", "en-GB")).toBe("Sunday 6 December");
    expect(formatDay("2026-12-06", "weekdayLong")).toBe("Sunday, December 6");
  });
});

describe("negotiateLocale", () => {
  it("takes the supported language the browser prefers most", () => {
    expect(negotiateLocale("en-GB,en;q=0.9")).toBe("en-GB");
    expect(negotiateLocale("de-DE")).toBe("de-DE");
    expect(negotiateLocale("fr-CH, fr;q=0.9, en;q=0.8, *;q=0.5")).toBe("fr-CH");
  });

  it("orders by quality value, ties in the order given", () => {
    expect(negotiateLocale("en-US;q=0.5, de-DE;q=0.9")).toBe("de-DE");
    expect(negotiateLocale("fr;q=0.8, en-GB;q=0.8")).toBe("fr");
    expect(negotiateLocale("de;q=0, en-GB")).toBe("en-GB");
  });

  it("skips wildcards, malformed and unsupported tags, falling back to en-US", () => {
    expect(negotiateLocale(null)).toBe("en-US");
    expect(negotiateLocale("")).toBe("en-US");
    expect(negotiateLocale("*")).toBe("en-US");
    expect(negotiateLocale("xx-INVALID")).toBe("en-US");
    expect(negotiateLocale("xx-INVALID, en-GB;q=0.5")).toBe("en-GB");
    expect(negotiateLocale("not a tag!, ;q=1, de;q=abc")).toBe("en-US");
    expect(negotiateLocale("en-GB;q=2")).toBe("en-US");
    expect(negotiateLocale(`${"a".repeat(10_000)},de`)).toBe("en-US");
  });
});

describe("csvDateTime", () => {
  it("writes the wall-clock time in the zone as YYYY-MM-DD HH:mm, 24-hour", () => {
    expect(csvDateTime("2026-12-06T01:30:00.000Z", "America/Chicago")).toBe("2026-12-05 19:30");
    expect(csvDateTime(new Date("2026-07-01T00:05:00Z"), "America/Chicago")).toBe("2026-06-30 19:05");
    expect(csvDateTime("2026-12-06T00:00:00.000Z", "UTC")).toBe("2026-12-06 00:00");
    expect(csvDateTime("2026-12-06T23:59:00.000Z", "Asia/Tokyo")).toBe("2026-12-07 08:59");
    expect(csvZoneHeader("Due", "America/Chicago")).toBe("Due (America/Chicago)");
    expect(csvZoneHeader("Due", "Mars/Olympus")).toBe("Due (UTC)");
  });
});
