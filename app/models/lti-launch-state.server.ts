// OIDC login states (table LtiLaunchState): one per login initiation, spent by its launch.
import { db } from "~/utils/db.server.ts";

export function createLaunchState(input: {
  state: string;
  nonce: string;
  platformId: string;
  targetLink: string;
  expiresAt: Date;
}) {
  return db.ltiLaunchState.create({ data: input });
}

/**
 * Spends a live state: returns it and deletes it, so a replayed launch finds nothing. Of two
 * racing launches with the same state only the one whose delete counted gets it. Expired
 * states are cleared on the way.
 */
export async function takeLaunchState(state: string, now: Date) {
  await db.ltiLaunchState.deleteMany({ where: { expiresAt: { lt: now } } });
  const found = await db.ltiLaunchState.findUnique({ where: { state } });
  if (!found) return null;
  const { count } = await db.ltiLaunchState.deleteMany({ where: { state } });
  return count === 1 ? found : null;
}
