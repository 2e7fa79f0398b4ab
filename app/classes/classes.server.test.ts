import { found } from "../../tests/support/found.ts";
import { describe, expect, it } from "vitest";
import { makeUser } from "../../tests/factories/users.ts";
import { THROTTLES } from "~/auth/rate-limit.ts";
import { db } from "~/utils/db.server.ts";
import {
  classRoster,
  classesJoinedBy,
  createClassFor,
  joinWithCode,
  leaveClass,
  newJoinCode,
  ownedClass,
  setMemberAccommodation,
} from "./classes.server.ts";

describe("classes", () => {
  it("students join with a code (any case), appear on the roster, and can leave", async () => {
    const instructor = await makeUser({ role: "instructor" });
    const student = await makeUser();
    const { id } = await createClassFor(instructor.id, "Spring CMAA");
    const { joinCode } = (await db.class.findUniqueOrThrow({ where: { id } }))!;
    expect(joinCode).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(await joinWithCode(student.id, ` ${joinCode.toLowerCase()} `, "10.30.0.1")).toEqual({
      ok: true,
      className: "Spring CMAA",
    });
    expect(await joinWithCode(student.id, joinCode, "10.30.0.1")).toEqual({ ok: true, className: "Spring CMAA" }); // idempotent
    expect((await classRoster(id)).map((s) => s.email)).toEqual([student.email]);
    expect((await classesJoinedBy(student.id)).map((c) => c.class.name)).toEqual(["Spring CMAA"]);
    await leaveClass(id, student.id);
    expect(await classRoster(id)).toEqual([]);
  });

  it("explains a wrong code and refuses the instructor joining their own class", async () => {
    const instructor = await makeUser({ role: "instructor" });
    const { id } = await createClassFor(instructor.id, "Mine");
    const { joinCode } = await db.class.findUniqueOrThrow({ where: { id } });
    expect(await joinWithCode(instructor.id, joinCode, "10.30.0.1")).toMatchObject({ ok: false });
    expect(await joinWithCode(instructor.id, "NOPE2345", "10.30.0.1")).toEqual({
      ok: false,
      message: "No class has that code. Check it with your instructor.",
    });
  });

  it("hides a class from other instructors but not from admins", async () => {
    const owner = await makeUser({ role: "instructor" });
    const other = await makeUser({ role: "instructor" });
    const admin = await makeUser({ role: "admin" });
    const { id } = await createClassFor(owner.id, "Private");
    expect(found(await ownedClass(owner, id)).klass.id).toBe(id);
    expect(await ownedClass(other, id)).toMatchObject({ ok: false, reason: "not-found" });
    expect(found(await ownedClass(admin, id)).klass.id).toBe(id);
  });

  it("sets extra exam time only for members of the class", async () => {
    const instructor = await makeUser({ role: "instructor" });
    const member = await makeUser();
    const stranger = await makeUser();
    const { id } = await createClassFor(instructor.id, "Accommodations");
    const { joinCode } = await db.class.findUniqueOrThrow({ where: { id } });
    await joinWithCode(member.id, joinCode, "10.30.0.1");
    // Another instructor's class that the same student is in.
    const other = await makeUser({ role: "instructor" });
    const { id: otherId } = await createClassFor(other.id, "Elsewhere");
    await joinWithCode(member.id, (await db.class.findUniqueOrThrow({ where: { id: otherId } })).joinCode, "10.30.0.1");
    expect(await setMemberAccommodation(id, member.id, 1.5)).toBe(true);
    const factorIn = async (classId: string, userId: string) =>
      (await db.classMembership.findUnique({ where: { classId_userId: { classId, userId } } }))?.accommodationFactor ??
      null;
    expect(await factorIn(id, member.id)).toBe(1.5);
    // One instructor's setting leaves the other class and the learner's own account alone.
    expect(await factorIn(otherId, member.id)).toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { id: member.id } })).accommodationFactor).toBe(1);
    expect(await setMemberAccommodation(id, stranger.id, 2)).toBe(false);
  });

  it("makes readable codes", () => {
    const codes = new Set(Array.from({ length: 200 }, () => newJoinCode()));
    expect(codes.size).toBe(200);
    for (const c of codes) expect(c).not.toMatch(/[01ILO]/);
  });
});

describe("join codes cannot be brute-forced", () => {
  it("a learner guessing codes in parallel is stopped at the limit, and a right code then waits too", async () => {
    const instructor = await makeUser({ role: "instructor" });
    const student = await makeUser();
    const { id } = await createClassFor(instructor.id, "Guessing");
    const { joinCode } = await db.class.findUniqueOrThrow({ where: { id } });
    const guesses = await Promise.all(
      Array.from({ length: 60 }, (_, i) => joinWithCode(student.id, `ZZZZ${String(i).padStart(4, "0")}`, "10.70.0.1")),
    );
    const limit = THROTTLES.joinPerUser.limit;
    expect(guesses.filter((g) => !g.ok && /Too many join codes tried/.test(g.message)).length).toBe(60 - limit);
    expect(await joinWithCode(student.id, joinCode, "10.70.0.1")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Too many join codes tried/),
    });
    expect(await db.classMembership.count({ where: { userId: student.id } })).toBe(0);
  });

  it("right codes do not count against a shared address", async () => {
    const instructor = await makeUser({ role: "instructor" });
    const { id } = await createClassFor(instructor.id, "Whole class");
    const { joinCode } = await db.class.findUniqueOrThrow({ where: { id } });
    const students = await Promise.all(Array.from({ length: 30 }, () => makeUser()));
    for (let round = 0; round < 8; round++) {
      for (const s of students) await joinWithCode(s.id, joinCode, "10.71.0.1");
    }
    expect(await joinWithCode((await makeUser()).id, joinCode, "10.71.0.1")).toMatchObject({ ok: true });
  });
});
