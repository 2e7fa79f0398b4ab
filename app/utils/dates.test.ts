import { describe, expect, it } from "vitest";
import { formatDate, safeZone } from "./dates.ts";

// 03:30 UTC on Dec 5 is still Dec 4 in Chicago: the reader's zone decides the day.
const late = new Date("2026-12-05T03:30:00Z");

describe("formatDate", () => {
  it("writes the date as the reader's time zone sees it, in every style", () => {
    expect(formatDate(late, "UTC")).toBe("Dec 5, 2026");
    expect(formatDate(late, "America/Chicago")).toBe("Dec 4, 2026");
    expect(formatDate(late, "America/Chicago", "monthDay")).toBe("Dec 4");
    expect(formatDate(late.toISOString(), "Asia/Tokyo", "dateTime")).toBe("Dec 5, 2026, 12:30 PM");
    expect(formatDate(late, "America/New_York", "dateTimeZone")).toBe("Dec 4, 2026, 10:30 PM EST");
  });

  it("reads an unknown zone as UTC instead of failing the page", () => {
    expect(safeZone("Mars/Olympus")).toBe("UTC");
    expect(formatDate(late, "Mars/Olympus")).toBe("Dec 5, 2026");
  });
});
