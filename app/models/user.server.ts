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
}) {
  // The preferences row comes with the account (its column defaults are the defaults).
  return db.user.create({ data: { ...input, preferences: { create: {} } } });
}

export function setPasswordHash(userId: string, passwordHash: string) {
  return db.user.update({ where: { id: userId }, data: { passwordHash } });
}
