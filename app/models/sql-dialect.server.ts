// The only SQL that differs between SQLite and PostgreSQL. Everything else Charted sends is
// portable: quoted identifiers, bound dates and booleans (decision record 005). SQLite stores a
// DateTime as ISO-8601 text and PostgreSQL as timestamp(3), so date arithmetic differs; row
// locking exists only on PostgreSQL (SQLite has one writer at a time, which already serializes).
import { Prisma } from "~/generated/prisma-sqlite/client.ts";
import { databaseKind } from "~/utils/database-url.ts";

const postgres = () => databaseKind() === "postgres";

/** Days (fractional, never negative) from `column` to the instant `at`. */
export function daysSince(column: Prisma.Sql, at: Date): Prisma.Sql {
  const iso = at.toISOString();
  return postgres()
    ? Prisma.sql`GREATEST(EXTRACT(EPOCH FROM (${iso}::timestamp - ${column})) / 86400, 0)`
    : Prisma.sql`MAX(julianday(${iso}) - julianday(${column}), 0)`;
}

/** A float-typed bound parameter (PostgreSQL infers numeric otherwise, and pow() wants float8). */
export function float(value: number): Prisma.Sql {
  return postgres() ? Prisma.sql`${value}::float8` : Prisma.sql`${value}`;
}

/**
 * Appended to a `SELECT … LIMIT n` that picks rows to claim: on PostgreSQL concurrent claimers
 * skip rows another transaction holds instead of waiting for them (each row is claimed once).
 */
export function skipLocked(): Prisma.Sql {
  return postgres() ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
}

/**
 * A statement that locks one user's row until the transaction ends, so work for that learner
 * inside transactions runs one at a time: `SELECT … FOR UPDATE` on PostgreSQL; on SQLite a no-op
 * write, which takes the database's single writer lock at once (a read would not).
 */
export function lockUserRow(userId: string): Prisma.Sql {
  return postgres()
    ? Prisma.sql`SELECT 1 FROM "User" WHERE "id" = ${userId} FOR UPDATE`
    : Prisma.sql`UPDATE "User" SET "id" = "id" WHERE "id" = ${userId}`;
}

/**
 * A statement that holds the enabled admins' rows until the transaction ends, so changes that
 * could leave the site without an admin run one at a time and each counts the admins the others
 * left: `SELECT … FOR UPDATE` (in id order, so two lockers cannot deadlock) on PostgreSQL; on
 * SQLite a no-op write, which takes the single writer lock at once.
 */
export function lockAdminRows(): Prisma.Sql {
  return postgres()
    ? Prisma.sql`SELECT "id" FROM "User" WHERE "role" = 'admin' AND "disabledAt" IS NULL ORDER BY "id" FOR UPDATE`
    : Prisma.sql`UPDATE "User" SET "id" = "id" WHERE "role" = 'admin'`;
}
