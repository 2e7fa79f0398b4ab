// Who a user is to Charted, defined once (the User.role column holds one of these).
import { z } from "zod";

export const ROLES = ["student", "instructor", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** Reads a stored role; anything unknown is the least-privileged role. */
export const roleSchema = z.enum(ROLES).catch("student");
export const parseRole = (value: unknown): Role => roleSchema.parse(value);
