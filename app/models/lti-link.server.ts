// What an LTI platform's ids map to in Charted: its users (LtiAccount), its courses
// (LtiContext → Class) and its resource links (LtiResourceLink → Assignment).
import { raceSafeUpsert } from "./upsert.server.ts";
import { db } from "~/utils/db.server.ts";

export function linkedUser(platformId: string, sub: string) {
  return db.ltiAccount.findUnique({ where: { platformId_sub: { platformId, sub } }, include: { user: true } });
}

/** Links the platform user to the account; a link made meanwhile by a racing launch wins. */
export async function linkAccount(platformId: string, sub: string, userId: string) {
  try {
    await db.ltiAccount.create({ data: { platformId, sub, userId } });
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
  }
  return db.ltiAccount.findUniqueOrThrow({ where: { platformId_sub: { platformId, sub } }, include: { user: true } });
}

/** The platform account of a Charted user, for grade return. */
export function platformAccountOf(platformId: string, userId: string) {
  return db.ltiAccount.findFirst({ where: { platformId, userId }, orderBy: { createdAt: "asc" } });
}

export function raiseRole(userId: string, role: string) {
  return db.user.update({ where: { id: userId }, data: { role } });
}

export function linkedContext(platformId: string, contextId: string) {
  return db.ltiContext.findUnique({
    where: { platformId_contextId: { platformId, contextId } },
    include: { class: true },
  });
}

/** Maps the course to the class; null when a racing launch mapped it first (then read that one). */
export async function linkContext(platformId: string, contextId: string, classId: string, title: string | null) {
  try {
    return await db.ltiContext.create({ data: { platformId, contextId, classId, title } });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return null;
    throw error;
  }
}

export function linkedResource(platformId: string, resourceLinkId: string) {
  return db.ltiResourceLink.findUnique({
    where: { platformId_resourceLinkId: { platformId, resourceLinkId } },
    include: { assignment: true },
  });
}

export function saveResourceLink(input: {
  platformId: string;
  resourceLinkId: string;
  assignmentId: string;
  lineItemUrl: string | null;
}) {
  const { platformId, resourceLinkId, ...rest } = input;
  return raceSafeUpsert(() =>
    db.ltiResourceLink.upsert({
      where: { platformId_resourceLinkId: { platformId, resourceLinkId } },
      create: input,
      update: { lineItemUrl: rest.lineItemUrl ?? undefined },
    }),
  );
}

/** The links of an assignment that report grades (a line item was given). */
export function gradedLinksOf(assignmentId: string) {
  return db.ltiResourceLink.findMany({
    where: { assignmentId, lineItemUrl: { not: null } },
    include: { assignment: { select: { revealPolicy: true, dueAt: true } } },
  });
}

/** A learner's submitted attempts at an assignment, for the grade sent back to the LMS. */
export function submittedScores(assignmentId: string, userId: string) {
  return db.examAttempt.findMany({
    where: { assignmentId, userId, status: "submitted", scoredTotal: { gt: 0 } },
    orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
    select: { scoredCorrect: true, scoredTotal: true, submittedAt: true },
  });
}

export function gradedLink(platformId: string, resourceLinkId: string) {
  return db.ltiResourceLink.findUnique({
    where: { platformId_resourceLinkId: { platformId, resourceLinkId } },
    include: { platform: true, assignment: { select: { revealPolicy: true, dueAt: true } } },
  });
}
