import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { neutralizeFormula, spreadsheetTime, toCsv } from "./gradebook.ts";

describe("gradebook CSV", () => {
  it("quotes commas, quotes and newlines so every cell survives a round trip", () => {
    const csv = toCsv(
      ["Student", "Note"],
      [
        ["Rivera, Ana", 'She said "hi"'],
        ["Line\nbreak", "plain"],
      ],
    );
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toContain('"Rivera, Ana","She said ""hi"""\r\n');
    expect(csv).toContain('"Line\nbreak",plain\r\n');
    expect(parse(csv, { bom: true })).toEqual([
      ["Student", "Note"],
      ["Rivera, Ana", 'She said "hi"'],
      ["Line\nbreak", "plain"],
    ]);
  });

  it("neutralises cells a spreadsheet would run as formulas", () => {
    for (const evil of ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]) {
      expect(neutralizeFormula(evil)).toBe(`'${evil}`);
    }
    expect(neutralizeFormula("Ana = ok")).toBe("Ana = ok");
    const [, row] = parse(toCsv(["Name", "Score", "Late"], [["=1+2", 85, true]]), { bom: true }) as string[][];
    expect(row).toEqual(["'=1+2", "85", "yes"]);
  });

  it("writes numbers as numbers (a negative number is not text and is left alone) and blanks for null", () => {
    const csv = toCsv(["a", "b", "c"], [[-3, null, false]]);
    expect(csv.split("\r\n")[1]).toBe("-3,,no");
  });

  it("writes times readably in the instructor's zone, across a daylight-saving change", () => {
    expect(spreadsheetTime("2026-12-06T01:30:00.000Z", "America/Chicago")).toBe("2026-12-05 19:30 (America/Chicago)");
    expect(spreadsheetTime(new Date("2026-07-01T00:05:00Z"), "America/Chicago")).toBe(
      "2026-06-30 19:05 (America/Chicago)",
    );
    expect(spreadsheetTime("2026-12-06T01:30:00.000Z", "UTC")).toBe("2026-12-06 01:30 (UTC)");
  });
});
