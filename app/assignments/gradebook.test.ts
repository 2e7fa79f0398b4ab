import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { neutralizeFormula, toCsv } from "./gradebook.ts";

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
});
