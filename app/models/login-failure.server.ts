import { db } from "~/utils/db.server.ts";

export function recordLoginFailure(email: string, ip: string, at: Date) {
  return db.loginFailure.create({ data: { email, ip, createdAt: at } });
}

/** Oldest-first failure times for this email and this IP since `since`. */
export async function recentLoginFailures(email: string, ip: string, since: Date) {
  const [byEmail, byIp] = await Promise.all([
    db.loginFailure.findMany({
      where: { email, createdAt: { gte: since } },
      select: { createdAt: true },
      orderBy: { createdAt: "asc" },
    }),
    db.loginFailure.findMany({
      where: { ip, createdAt: { gte: since } },
      select: { createdAt: true },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  return { byEmail: byEmail.map((f) => f.createdAt), byIp: byIp.map((f) => f.createdAt) };
}

export function clearLoginFailures(email: string) {
  return db.loginFailure.deleteMany({ where: { email } });
}

/** Old rows only matter for the window; prune them so the table stays small. */
export function pruneLoginFailures(before: Date) {
  return db.loginFailure.deleteMany({ where: { createdAt: { lt: before } } });
}
