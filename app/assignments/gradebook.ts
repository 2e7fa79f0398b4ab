// The gradebook as CSV. csv-stringify does the quoting (commas, quotes, newlines); we add the
// OWASP "CSV injection" defence: a text cell that a spreadsheet would read as a formula
// (starting with = + - @, tab or carriage return) gets a leading apostrophe, so it stays text.
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
