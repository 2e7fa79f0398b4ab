// The instructor's home (issue 19): what needs their attention today.
import type { AuthUser } from "~/utils/auth.server.ts";

export async function instructorHome(user: AuthUser) {
  return { name: user.name };
}
