// The gradebook as CSV. csv-stringify does the quoting (commas, quotes, newlines); we add the
// OWASP "CSV injection" defence: a text cell that a spreadsheet would read as a formula
// (starting with = + - @, tab or carriage return) gets a leading apostrophe, so it stays text.
import { TZDate } from "@date-fns/tz";
import { stringify } from "csv-stringify/sync";

export type Cell = string | number | boolean | null;

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return stringify(
    [
      header.map(neutralizeFormula),
      ...rows.map((r) => r.map((c) => (typeof c === "string" ? neutralizeFormula(c) : c))),
    ],
    {
      // Numbers are written as numbers; only text can smuggle a formula.
      cast: { boolean: (b) => (b ? "yes" : "no") },
      // A bare \n or \r must be quoted too: with CRLF records csv-stringify only quotes "\r\n".
      quoted_match: /[\r\n]/,
      record_delimiter: "windows",
      bom: true,
    },
  );
}

/** "2026-12-05 19:30 (America/Chicago)": a time a spreadsheet reader can read, in `timeZone`. */
export function spreadsheetTime(value: Date | string, timeZone: string): string {
  const t = new TZDate(new Date(value).getTime(), timeZone);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${t.getFullYear()}-${p(t.getMonth() + 1)}-${p(t.getDate())} ${p(t.getHours())}:${p(t.getMinutes())} (${timeZone})`;
}
