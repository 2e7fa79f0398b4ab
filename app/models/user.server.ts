import { db } from "~/utils/db.server.ts";
import type { Role } from "~/utils/roles.ts";

export function findUserByEmail(email: string) {
  return db.user.findUnique({ where: { email } });
}

export function findUserById(id: string) {
  return db.user.findUnique({ where: { id } });
}

export function createUser(input: {
  email: string;
  name: string;
  passwordHash: string;
  role?: Role;
  timeZone?: string;
  /** Set for accounts that skip the first-visit onboarding (test factories, demo data). */
  onboardedAt?: Date;
}) {
  // The preferences row comes with the account (its column defaults are the defaults).
  return db.user.create({ data: { ...input, preferences: { create: {} } } });
}

/** Like createUser, or null when the address is taken (the unique index decides, races included). */
export async function createUserIfFree(input: Parameters<typeof createUser>[0]) {
  try {
    return await createUser(input);
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return null;
    throw error;
  }
}

export function setPasswordHash(userId: string, passwordHash: string) {
  return db.user.update({ where: { id: userId }, data: { passwordHash } });
}

/** Records that the learner finished or skipped the first-visit onboarding (once; later calls keep the first time). */
export function markOnboarded(userId: string, now: Date) {
  return db.user.updateMany({ where: { id: userId, onboardedAt: null }, data: { onboardedAt: now } });
}

/** Records that the user showed the address is theirs (followed a link sent to it), once. */
export function markEmailVerified(userId: string, now: Date) {
  return db.user.updateMany({ where: { id: userId, emailVerifiedAt: null }, data: { emailVerifiedAt: now } });
}

/** Moves the account to a confirmed new address; "taken" when another account has it. */
export async function changeEmail(userId: string, email: string, now: Date): Promise<"changed" | "taken"> {
  try {
    await db.user.update({ where: { id: userId }, data: { email, emailVerifiedAt: now } });
    return "changed";
  } catch (error) {
    // The unique index decides, so two accounts confirming the same address cannot both win.
    if ((error as { code?: string }).code === "P2002") return "taken";
    throw error;
  }
}
