// Word search in SQL that means what the learner typed: `%` and `_` are characters, not LIKE
// wildcards (Prisma's `contains` leaves them live on SQLite), and case is ignored on both
// databases (Prisma's is case-sensitive on PostgreSQL). Portable: LOWER and LIKE … ESCAPE.
import { Prisma } from "~/generated/prisma-sqlite/client.ts";

/** The LIKE pattern that finds `term` anywhere, lower-cased, with \, % and _ escaped. */
export function containsPattern(term: string): string {
  return `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `LOWER(column) LIKE '%term%' ESCAPE '\'`, for one column expression. */
export function containsLiteral(column: Prisma.Sql, term: string): Prisma.Sql {
  return Prisma.sql`LOWER(${column}) LIKE ${containsPattern(term)} ESCAPE '\\'`;
}
