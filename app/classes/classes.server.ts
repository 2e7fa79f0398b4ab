// Classes: instructors create them and see their rosters; students join with a code and can leave.
import { notFound } from "~/utils/results.ts";
import { randomInt } from "node:crypto";
import { gradeAttempt } from "~/exam/grading.server.ts";
import { applyKeyHolds } from "~/exam/key-holds.server.ts";
import * as attemptStore from "~/models/attempt.server.ts";
import * as assignmentStore from "~/models/assignment.server.ts";
import * as store from "~/models/class.server.ts";
import { waitMessage } from "~/auth/rate-limit.ts";
import { giveBack, reserve } from "~/auth/throttle.server.ts";
import type { Role } from "~/utils/roles.ts";

// No look-alike characters (0/O, 1/I/L), so a code read aloud in class is typed right.
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export function newJoinCode(length = 8): string {
  return Array.from({ length }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
}

/** Codes are unique in the database; retry on the (very unlikely) collision. */
async function withFreshCode<T>(write: (code: string) => Promise<T>): Promise<T> {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await write(newJoinCode());
    } catch (error) {
      if ((error as { code?: string }).code !== "P2002") throw error;
    }
  }
  throw new Error("Could not create a unique join code");
}

export function createClassFor(instructorId: string, name: string) {
  return withFreshCode((code) => store.createClass(instructorId, name, code));
}

/** A new join code: the old code and link stop working at once; members stay. */
export function rotateJoinCode(classId: string) {
  return withFreshCode((code) => store.setJoinCode(classId, code));
}

/** The class if this instructor (or an admin) owns it; "not found" otherwise, so others learn nothing. */
export async function ownedClass(user: { id: string; role: Role }, classId: string) {
  const found = await store.findClass(classId);
  if (!found || found.archivedAt || (found.instructorId !== user.id && user.role !== "admin"))
    return notFound("We could not find that class.");
  return { ok: true as const, klass: found };
}

export async function classRoster(classId: string) {
  const rows = await store.roster(classId);
  return rows.map((r) => {
    const last = [r.user.attempts[0]?.startedAt, r.user.reviewLogs[0]?.review]
      .filter(Boolean)
      .sort((a, b) => b!.getTime() - a!.getTime())[0];
    return {
      id: r.user.id,
      name: r.user.name,
      email: r.user.email,
      accommodationFactor: r.accommodationFactor ?? 1,
      joinedAt: r.joinedAt.toISOString(),
      lastActivity: last ? last.toISOString() : null,
    };
  });
}

export type JoinResult = { ok: true; className: string } | { ok: false; message: string };

export async function joinWithCode(userId: string, code: string, ip: string, now = new Date()): Promise<JoinResult> {
  // Counted before the code is looked up, so codes cannot be guessed in a parallel burst.
  const reservation = await reserve(
    [
      { throttle: "joinPerUser", subject: userId },
      { throttle: "joinPerAddress", subject: ip },
    ],
    now,
  );
  if (!reservation.ok) return { ok: false, message: waitMessage("join codes tried", reservation.minutes) };
  const found = await store.findClassByCode(code.trim().toUpperCase());
  if (!found || found.archivedAt)
    return { ok: false, message: "No class has that code. Check it with your instructor." };
  const enrolled = await enrolStudent(found, userId, now);
  if (!enrolled.ok) {
    return {
      ok: false,
      message:
        enrolled.reason === "teaches"
          ? "You teach this class, so you cannot join it as a student."
          : "Your instructor removed you from this class, so its code no longer lets you in. Ask your instructor if you should rejoin: they can let you back in.",
    };
  }
  // A right code costs nothing: only wrong guesses add up.
  await Promise.all([giveBack("joinPerUser", userId), giveBack("joinPerAddress", ip)]);
  return { ok: true, className: found.name };
}

export type EnrolResult = { ok: true } | { ok: false; reason: "teaches" | "removed" };

/**
 * Puts a student in a class: the one enrolment path (join code, roster upload, class
 * invitation). Never the class's own instructor; never a student the instructor removed, unless
 * `allowRemoved` (the instructor's say-so, which lifts the removal). Joining twice is harmless.
 */
export async function enrolStudent(
  klass: { id: string; instructorId: string },
  userId: string,
  now = new Date(),
  options: { allowRemoved?: boolean } = {},
): Promise<EnrolResult> {
  const allowed = await mayEnrol(klass, userId, options);
  if (!allowed.ok) return allowed;
  if (options.allowRemoved) await store.allowRejoin(klass.id, userId);
  await store.joinClass(klass.id, userId);
  await applyKeyHolds([userId], now);
  return { ok: true };
}

/** Whether enrolStudent would admit this user (checked before a one-time link is spent on it). */
export async function mayEnrol(
  klass: { id: string; instructorId: string },
  userId: string,
  options: { allowRemoved?: boolean } = {},
): Promise<EnrolResult> {
  if (klass.instructorId === userId) return { ok: false, reason: "teaches" };
  if (!options.allowRemoved && (await store.isRemoved(klass.id, userId))) return { ok: false, reason: "removed" };
  return { ok: true };
}

/** What a factor would give in this class: "Midterm: 90 min, extended from 60". */
export async function extraTimePreview(classId: string, factor: number): Promise<string[]> {
  const timed = await assignmentStore.timedAssignments(classId);
  const describe = (minutes: number) =>
    factor === 1 ? `${minutes} min (standard time)` : `${Math.round(minutes * factor)} min, extended from ${minutes}`;
  if (!timed.length) return [`A 60-minute assignment: ${describe(60)}`];
  return timed.map((a) => `${a.title}: ${describe(a.timeLimitMinutes!)}`);
}

/** Sets a class member's exam-time accommodation; refuses anyone not in the class. */
export async function setMemberAccommodation(classId: string, userId: string, factor: number) {
  if (!(await store.isMember(classId, userId))) return false;
  await store.setAccommodation(classId, userId, factor);
  return true;
}

/**
 * Removes a student: their open attempts at this class's assignments are submitted now with
 * what they saved (they can no longer reach the assignment), and the code stops admitting them.
 */
export async function removeStudent(
  classId: string,
  userId: string,
  now = new Date(),
): Promise<{ ok: true; closed: number } | { ok: false; reason: "not-member" }> {
  if (!(await store.removeMember(classId, userId))) return { ok: false, reason: "not-member" };
  let closed = 0;
  for (const attempt of await attemptStore.openAssignmentAttempts(userId, classId)) {
    if (await gradeAttempt(attempt, now)) closed += 1;
  }
  await applyKeyHolds([userId], now);
  return { ok: true, closed };
}

export async function removedFromClass(classId: string) {
  const rows = await store.removedStudents(classId);
  return rows.map((r) => ({
    id: r.user.id,
    name: r.user.name,
    email: r.user.email,
    removedAt: r.removedAt.toISOString(),
  }));
}

export { allowRejoin, classesJoinedBy, classesTaughtBy } from "~/models/class.server.ts";

/** A student leaves a class: its withheld keys no longer hold their review cards. */
export async function leaveClass(classId: string, userId: string, now = new Date()) {
  await store.leaveClass(classId, userId);
  await applyKeyHolds([userId], now);
}
