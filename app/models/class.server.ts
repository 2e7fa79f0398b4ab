// Data access for classes and memberships.
import { raceSafeUpsert } from "./upsert.server.ts";
import { db } from "~/utils/db.server.ts";

export function classesTaughtBy(instructorId: string) {
  return db.class.findMany({
    where: { instructorId, archivedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, joinCode: true, createdAt: true, _count: { select: { memberships: true } } },
  });
}

export function createClass(instructorId: string, name: string, joinCode: string) {
  return db.class.create({ data: { instructorId, name, joinCode }, select: { id: true } });
}

export function findClass(id: string) {
  return db.class.findUnique({
    where: { id },
    select: { id: true, name: true, joinCode: true, instructorId: true, archivedAt: true },
  });
}

export function findClassByCode(joinCode: string) {
  return db.class.findUnique({
    where: { joinCode },
    select: { id: true, name: true, instructorId: true, archivedAt: true },
  });
}

export function roster(classId: string) {
  return db.classMembership.findMany({
    where: { classId },
    orderBy: { joinedAt: "asc" },
    select: {
      joinedAt: true,
      accommodationFactor: true,
      user: {
        select: {
          id: true,
          name: true,
          email: true,
          attempts: { orderBy: { startedAt: "desc" }, take: 1, select: { startedAt: true } },
          reviewLogs: { orderBy: { review: "desc" }, take: 1, select: { review: true } },
        },
      },
    },
  });
}

export function joinClass(classId: string, userId: string) {
  return raceSafeUpsert(() =>
    db.classMembership.upsert({
      where: { classId_userId: { classId, userId } },
      update: {},
      create: { classId, userId },
    }),
  );
}

export function leaveClass(classId: string, userId: string) {
  return db.classMembership.deleteMany({ where: { classId, userId } });
}

export function classesJoinedBy(userId: string) {
  return db.classMembership.findMany({
    where: { userId, class: { archivedAt: null } },
    orderBy: { joinedAt: "desc" },
    select: { joinedAt: true, class: { select: { id: true, name: true, instructor: { select: { name: true } } } } },
  });
}

/** Extra exam time for a learner (1 = none). Only called for a member of the instructor's class. */
/** Extra time for one student in one class (another class's setting is its own). */
export function setAccommodation(classId: string, userId: string, factor: number) {
  return db.classMembership.update({
    where: { classId_userId: { classId, userId } },
    data: { accommodationFactor: factor },
  });
}

export function isMember(classId: string, userId: string) {
  return db.classMembership.count({ where: { classId, userId } }).then((n) => n > 0);
}

/** Removes a member and records the removal (so the join code no longer admits them). False if
 * they were not a member. */
export function removeMember(classId: string, userId: string) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.classMembership.deleteMany({ where: { classId, userId } });
    if (count === 0) return false;
    await tx.classRemoval.upsert({
      where: { classId_userId: { classId, userId } },
      update: { removedAt: new Date() },
      create: { classId, userId },
    });
    return true;
  });
}

export function isRemoved(classId: string, userId: string) {
  return db.classRemoval.count({ where: { classId, userId } }).then((n) => n > 0);
}

export function removedStudents(classId: string) {
  return db.classRemoval.findMany({
    where: { classId },
    orderBy: { removedAt: "desc" },
    select: { removedAt: true, user: { select: { id: true, name: true, email: true } } },
  });
}

/** Lifts a removal: the student may join again with the current code. False if there was none. */
export function allowRejoin(classId: string, userId: string) {
  return db.classRemoval.deleteMany({ where: { classId, userId } }).then(({ count }) => count > 0);
}

export function setJoinCode(classId: string, joinCode: string) {
  return db.class.update({ where: { id: classId }, data: { joinCode }, select: { joinCode: true } });
}

/** The accounts with these addresses, and where each stands in the class (for a roster upload). */
export function rosterStanding(classId: string, emails: string[]) {
  return db.user.findMany({
    where: { email: { in: emails } },
    select: {
      id: true,
      email: true,
      name: true,
      disabledAt: true,
      memberships: { where: { classId }, select: { joinedAt: true } },
      classRemovals: { where: { classId }, select: { removedAt: true } },
    },
  });
}
