// Reading rosters as instructors paste or export them.
import { describe, expect, it } from "vitest";
import { parseRoster } from "./roster.ts";

const entries = (text: string) => {
  const parsed = parseRoster(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.entries;
};

describe("parseRoster", () => {
  it("reads 'Name, email' and bare addresses, lower-casing the address, with their line numbers", () => {
    expect(entries("Ana Silva, Ana@Example.test\n\nben@example.test\n  Cy Ode ,cy@example.test  ")).toEqual([
      { ok: true, line: 1, email: "ana@example.test", name: "Ana Silva" },
      { ok: true, line: 3, email: "ben@example.test", name: null },
      { ok: true, line: 4, email: "cy@example.test", name: "Cy Ode" },
    ]);
  });

  it("reads a CSV file with a header in any column order, quoted commas and first/last name columns", () => {
    expect(entries('email,name\nana@example.test,"Silva, Ana"\n')).toEqual([
      { ok: true, line: 2, email: "ana@example.test", name: "Silva, Ana" },
    ]);
    expect(entries("First name,Last name,E-mail address\r\nAna,Silva,ana@example.test\r\n")).toEqual([
      { ok: true, line: 2, email: "ana@example.test", name: "Ana Silva" },
    ]);
    // A byte-order mark (spreadsheet exports) and tab-separated lines (pasted from a spreadsheet).
    expect(entries("\ufeffName\tEmail\nDee Park\tdee@example.test")).toEqual([
      { ok: true, line: 2, email: "dee@example.test", name: "Dee Park" },
    ]);
  });

  it("without a header takes the cell with an @ as the address, in either order", () => {
    expect(entries("ana@example.test, Ana Silva\nSilva, Ana, ana2@example.test")).toEqual([
      { ok: true, line: 1, email: "ana@example.test", name: "Ana Silva" },
      { ok: true, line: 2, email: "ana2@example.test", name: "Silva, Ana" },
    ]);
  });

  it("reports bad addresses, missing addresses, duplicates and unusable names by line", () => {
    const rows = entries(
      [
        "Ana, ana@example.test",
        "Bad, not-an-email@",
        "Just a name",
        "Again, ANA@example.test",
        `${"x".repeat(81)}, long@example.test`,
        "Tab\u0007Bell, bell@example.test",
      ].join("\n"),
    );
    expect(rows.map((r) => (r.ok ? "ok" : `${r.line}: ${r.problem}`))).toEqual([
      "ok",
      "2: “not-an-email@” is not a valid email address.",
      "3: No email address on this line.",
      "4: The same address as line 1.",
      "5: The name is too long (at most 80 characters).",
      "6: The name has characters that cannot be used.",
    ]);
    expect(rows[2]).toMatchObject({ input: "Just a name" });
  });

  it("refuses an empty roster, one over the cap, and one it cannot read", () => {
    expect(parseRoster("\n  \n")).toEqual({ ok: false, message: "The roster is empty: add one student per line." });
    expect(parseRoster("email\n")).toMatchObject({ ok: false });
    const many = Array.from({ length: 4 }, (_, i) => `s${i}@example.test`).join("\n");
    expect(parseRoster(many, 3)).toEqual({ ok: false, message: "The roster has 4 rows: upload at most 3 at a time." });
    expect(parseRoster(many, 4)).toMatchObject({ ok: true });
    expect(parseRoster('Ana, ana@example.test\n"Unclosed, b@example.test\nc@example.test')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/could not be read.*quotation marks/),
    });
  });
});
