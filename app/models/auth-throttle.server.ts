// Throttle counters (AuthThrottle): one statement reserves a try and returns its rank in the
// window, so parallel requests are counted one by one. Portable SQL: the same text runs on
// SQLite and PostgreSQL (quoted identifiers, bound dates).
import { db } from "~/utils/db.server.ts";

/** Counts a try for `key` in a fixed window starting at its first try; returns the count and the window's start. */
export async function reserveTry(
  key: string,
  now: Date,
  windowMs: number,
): Promise<{ tries: number; windowStart: Date }> {
  const expiredBefore = new Date(now.getTime() - windowMs);
  const [row] = await db.$queryRaw<{ tries: bigint | number; windowStart: Date | string | number }[]>`
    INSERT INTO "AuthThrottle" ("key", "windowStart", "tries") VALUES (${key}, ${now}, 1)
    ON CONFLICT ("key") DO UPDATE SET
      "tries" = CASE WHEN "AuthThrottle"."windowStart" <= ${expiredBefore} THEN 1 ELSE "AuthThrottle"."tries" + 1 END,
      "windowStart" = CASE WHEN "AuthThrottle"."windowStart" <= ${expiredBefore} THEN ${now} ELSE "AuthThrottle"."windowStart" END
    RETURNING "tries", "windowStart"`;
  return { tries: Number(row.tries), windowStart: new Date(row.windowStart) };
}

/** Gives a try back (a success that should not count against a shared address). */
export async function releaseTry(key: string) {
  await db.$executeRaw`UPDATE "AuthThrottle" SET "tries" = "tries" - 1 WHERE "key" = ${key} AND "tries" > 0`;
}

/** Forgets a key's tries (the account owner signed in). */
export async function clearTries(key: string) {
  await db.authThrottle.deleteMany({ where: { key } });
}

/** Windows that ended long ago are dead weight. */
export async function pruneTries(before: Date) {
  await db.authThrottle.deleteMany({ where: { windowStart: { lt: before } } });
}
