import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { makeUser } from "../../tests/factories/users.ts";
import { Prisma } from "~/generated/prisma-sqlite/client.ts";
import { db } from "./db.server.ts";
import { sql } from "./sql.server.ts";

const nameOf = async (id: string) => (await db.user.findUniqueOrThrow({ where: { id }, select: { name: true } })).name;

describe("direct SQL (sql.server.ts)", () => {
  it("stores dates and booleans exactly as Prisma does, so each reads and compares the other's", async () => {
    const user = await makeUser();
    await db.preferences.upsert({ where: { userId: user.id }, create: { userId: user.id }, update: {} });
    const since = new Date("2026-03-08T06:59:59.123Z");
    const changed = await sql.run(
      Prisma.sql`UPDATE "Preferences" SET "catchUpSince" = ${since}, "loadBalance" = ${false} WHERE "userId" = ${user.id}`,
    );
    expect(changed).toBe(1);
    const read = await db.preferences.findUniqueOrThrow({ where: { userId: user.id } });
    expect(read.catchUpSince).toEqual(since);
    expect(read.loadBalance).toBe(false);

    const later = new Date("2026-11-01T12:00:00.000Z");
    await db.preferences.update({ where: { userId: user.id }, data: { catchUpSince: later, loadBalance: true } });
    const rows = await sql.rows(Prisma.sql`
      SELECT "catchUpSince", "loadBalance" FROM "Preferences"
      WHERE "userId" = ${user.id} AND "catchUpSince" >= ${later} AND "catchUpSince" < ${new Date(later.getTime() + 1)}`);
    expect(rows).toHaveLength(1);
    expect(new Date(rows[0].catchUpSince as string | Date)).toEqual(later);
    expect(Number(rows[0].loadBalance)).toBe(1);
  });

  it("reads and writes dates as UTC whatever the process's time zone", async () => {
    const user = await makeUser();
    await db.preferences.upsert({ where: { userId: user.id }, create: { userId: user.id }, update: {} });
    const zone = process.env.TZ;
    process.env.TZ = "Pacific/Auckland"; // +13:00 in March: any local-time conversion shows.
    try {
      const since = new Date("2026-03-08T23:30:00.250Z");
      await sql.run(Prisma.sql`UPDATE "Preferences" SET "catchUpSince" = ${since} WHERE "userId" = ${user.id}`);
      expect((await db.preferences.findUniqueOrThrow({ where: { userId: user.id } })).catchUpSince).toEqual(since);
      const [row] = await sql.rows(Prisma.sql`
        SELECT "catchUpSince", (SELECT COUNT(*) FROM "User" WHERE "id" = ${user.id}) AS "n"
        FROM "Preferences" WHERE "userId" = ${user.id} AND "catchUpSince" = ${since}`);
      expect(new Date(row.catchUpSince as string | Date)).toEqual(since);
      expect(Number(row.n)).toBe(1);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it("commits a transaction that returns and rolls back one that throws", async () => {
    const user = await makeUser({ name: "before" });
    const rename = (name: string) => Prisma.sql`UPDATE "User" SET "name" = ${name} WHERE "id" = ${user.id}`;
    await expect(
      sql.transaction(async (tx) => {
        await tx.run(rename("rolled back"));
        throw new Error("no");
      }),
    ).rejects.toThrow("no");
    expect(await nameOf(user.id)).toBe("before");
    expect(await sql.transaction((tx) => tx.run(rename("committed")))).toBe(1);
    expect(await nameOf(user.id)).toBe("committed");
  });

  // On SQLite Prisma and direct SQL share one connection: a write made while another request's
  // transaction is open must not become part of it (and vanish with its rollback).
  it("keeps writes outside an open transaction out of it, whichever way each is made", async () => {
    const [inside, viaPrisma, viaSql, viaSqlTx] = await Promise.all(
      ["inside", "prisma", "sql", "sql-tx"].map((name) => makeUser({ name })),
    );
    const failing = db.$transaction(async (tx) => {
      await tx.user.update({ where: { id: inside.id }, data: { name: "inside, rolled back" } });
      await sleep(150);
      throw new Error("roll back");
    });
    const failed = expect(failing).rejects.toThrow("roll back");
    await sleep(30);
    await Promise.all([
      db.user.update({ where: { id: viaPrisma.id }, data: { name: "prisma, kept" } }),
      sql.run(Prisma.sql`UPDATE "User" SET "name" = ${"sql, kept"} WHERE "id" = ${viaSql.id}`),
      sql.transaction((tx) =>
        tx.run(Prisma.sql`UPDATE "User" SET "name" = ${"sql-tx, kept"} WHERE "id" = ${viaSqlTx.id}`),
      ),
    ]);
    await failed;
    expect(await nameOf(inside.id)).toBe("inside");
    expect(await nameOf(viaPrisma.id)).toBe("prisma, kept");
    expect(await nameOf(viaSql.id)).toBe("sql, kept");
    expect(await nameOf(viaSqlTx.id)).toBe("sql-tx, kept");
  });

  it("keeps Prisma's writes out of a direct transaction that rolls back", async () => {
    const [mine, other] = await Promise.all([makeUser({ name: "mine" }), makeUser({ name: "other" })]);
    const failing = sql.transaction(async (tx) => {
      await tx.run(Prisma.sql`UPDATE "User" SET "name" = ${"mine, rolled back"} WHERE "id" = ${mine.id}`);
      await sleep(100);
      throw new Error("roll back");
    });
    const failed = expect(failing).rejects.toThrow("roll back");
    await sleep(20);
    await db.user.update({ where: { id: other.id }, data: { name: "other, kept" } });
    await failed;
    expect(await nameOf(mine.id)).toBe("mine");
    expect(await nameOf(other.id)).toBe("other, kept");
  });
});
