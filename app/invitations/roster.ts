// Reading a roster: pasted lines ("Name, email" or "email") or a CSV file (name and email
// columns, header optional). csv-parse does the quoting ("Smith, Ana",ana@example.com); this
// module decides which cell is the address and checks each line, keeping its line number.
import { parse } from "csv-parse/sync";
import { emailField } from "./forms.ts";
import { ROSTER_MAX_ROWS } from "./rules.ts";

export type RosterEntry =
  | { ok: true; line: number; email: string; name: string | null }
  | { ok: false; line: number; input: string; problem: string };

export type ParsedRoster = { ok: true; entries: RosterEntry[] } | { ok: false; message: string };

const NAME_MAX = 80;
// Control characters cannot be stored (PostgreSQL refuses NUL) and have no place in a name.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A header row names its columns ("email", "Name", "E-mail address") and holds no address. */
function headerColumns(cells: string[]) {
  if (cells.some((c) => c.includes("@"))) return null;
  const lower = cells.map((c) => c.toLowerCase());
  const email = lower.findIndex((c) => /^e-?mail/.test(c));
  if (email < 0) return null;
  const names = lower.flatMap((c, i) => (i !== email && c.includes("name") ? [i] : []));
  return { email, names };
}

/** Parses a roster; refuses the whole of it only when it cannot be read or is too long. */
export function parseRoster(text: string, maxRows = ROSTER_MAX_ROWS): ParsedRoster {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, each record comes with where it was read (its line number).
    records = parse(text, {
      info: true,
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      relax_quotes: true,
      // Pasted from a spreadsheet: tabs; some locales' CSV: semicolons.
      delimiter: [",", "\t", ";"],
    }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return {
      ok: false,
      message: `The roster could not be read${line ? ` (near line ${line})` : ""}: check its quotation marks.`,
    };
  }
  records = records.filter((r) => r.record.some((cell) => cell !== ""));
  const header = records.length ? headerColumns(records[0]!.record) : null;
  const rows = header ? records.slice(1) : records;
  if (!rows.length) return { ok: false, message: "The roster is empty: add one student per line." };
  if (rows.length > maxRows) {
    return {
      ok: false,
      message: `The roster has ${rows.length} rows: upload at most ${maxRows} at a time.`,
    };
  }
  const firstLine = new Map<string, number>();
  return {
    ok: true,
    entries: rows.map(({ record, info }): RosterEntry => {
      const line = info.lines;
      const input = record.filter(Boolean).join(", ");
      let emailCell: string | undefined;
      let nameCells: string[];
      if (header) {
        emailCell = record[header.email];
        nameCells = header.names.map((i) => record[i] ?? "");
      } else {
        // No header: the address is the cell with an @ in it (either order works), the rest is the name.
        const at = record.findLastIndex((c) => c.includes("@"));
        emailCell = at >= 0 ? record[at] : undefined;
        // "Smith, Ana, ana@example.com" keeps its comma.
        nameCells = [record.filter((c, i) => i !== at && c).join(", ")];
      }
      if (!emailCell) return { ok: false, line, input, problem: "No email address on this line." };
      const email = emailField.safeParse(emailCell);
      if (!email.success) return { ok: false, line, input, problem: `“${emailCell}” is not a valid email address.` };
      const name = nameCells.filter(Boolean).join(" ").replace(/\s+/g, " ").trim();
      if (CONTROL.test(name))
        return { ok: false, line, input, problem: "The name has characters that cannot be used." };
      if (name.length > NAME_MAX) {
        return { ok: false, line, input, problem: `The name is too long (at most ${NAME_MAX} characters).` };
      }
      const earlier = firstLine.get(email.data);
      if (earlier !== undefined) return { ok: false, line, input, problem: `The same address as line ${earlier}.` };
      firstLine.set(email.data, line);
      return { ok: true, line, email: email.data, name: name || null };
    }),
  };
}
