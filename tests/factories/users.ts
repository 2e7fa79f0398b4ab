// Test factories: real rows through the real models.
import { hashPassword } from "~/auth/password.server.ts";
import { parseRole, type Role } from "~/utils/roles.ts";
import { createUser } from "~/models/user.server.ts";

let counter = 0;
export const TEST_PASSWORD = "correct horse battery";

/** An account as tests need it: onboarded already (pass `onboarded: false` for a brand-new one). */
export async function makeUser(
  overrides: { email?: string; name?: string; role?: Role; password?: string; onboarded?: boolean } = {},
) {
  counter += 1;
  const password = overrides.password ?? TEST_PASSWORD;
  const user = await createUser({
    email: overrides.email ?? `user${counter}-${Date.now()}@example.test`,
    name: overrides.name ?? `Test User ${counter}`,
    role: overrides.role ?? "student",
    passwordHash: await hashPassword(password),
    onboardedAt: overrides.onboarded === false ? undefined : new Date(),
  });
  return { ...user, role: parseRole(user.role), password };
}
