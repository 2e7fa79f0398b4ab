// Data access for classes and memberships.
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
  return db.class.findUnique({ where: { id }, select: { id: true, name: true, joinCode: true, instructorId: true, archivedAt: true } });
}

export function findClassByCode(joinCode: string) {
  return db.class.findUnique({ where: { joinCode }, select: { id: true, name: true, instructorId: true, archivedAt: true } });
}

export function roster(classId: string) {
  return db.classMembership.findMany({
    where: { classId },
    orderBy: { joinedAt: "asc" },
    select: {
      joinedAt: true,
      user: {
        select: {
          id: true,
          name: true,
          email: true,
          accommodationFactor: true,
          attempts: { orderBy: { startedAt: "desc" }, take: 1, select: { startedAt: true } },
          reviewLogs: { orderBy: { review: "desc" }, take: 1, select: { review: true } },
        },
      },
    },
  });
}

export function joinClass(classId: string, userId: string) {
  return db.classMembership.upsert({ where: { classId_userId: { classId, userId } }, update: {}, create: { classId, userId } });
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
export function setAccommodation(userId: string, factor: number) {
  return db.user.update({ where: { id: userId }, data: { accommodationFactor: factor } });
}

export function isMember(classId: string, userId: string) {
  return db.classMembership.count({ where: { classId, userId } }).then((n) => n > 0);
}
