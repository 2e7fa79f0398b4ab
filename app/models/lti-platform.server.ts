// LTI platforms (LMSs) registered by an admin, with the deployment ids each may launch from.
import { db } from "~/utils/db.server.ts";

export interface PlatformFields {
  name: string;
  issuer: string;
  clientId: string;
  authLoginUrl: string;
  authTokenUrl: string;
  jwksUrl: string;
  deploymentIds: string[];
}

const withDeployments = { deployments: { select: { deploymentId: true }, orderBy: { deploymentId: "asc" } } } as const;

export function listPlatforms() {
  return db.ltiPlatform.findMany({ orderBy: [{ name: "asc" }, { id: "asc" }], include: withDeployments });
}

export function findPlatform(id: string) {
  return db.ltiPlatform.findUnique({ where: { id }, include: withDeployments });
}

/** The platforms registered for an issuer (one per client id). */
export function platformsByIssuer(issuer: string) {
  return db.ltiPlatform.findMany({ where: { issuer }, include: withDeployments });
}

/** Creates the platform, or null when that issuer and client id are already registered. */
export async function createPlatform(fields: PlatformFields) {
  const { deploymentIds, ...rest } = fields;
  try {
    return await db.ltiPlatform.create({
      data: { ...rest, deployments: { create: deploymentIds.map((deploymentId) => ({ deploymentId })) } },
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return null;
    throw error;
  }
}

/** Replaces the platform's fields and deployments; "taken" on an issuer+client id clash, null if gone. */
export async function updatePlatform(id: string, fields: PlatformFields) {
  const { deploymentIds, ...rest } = fields;
  try {
    return await db.$transaction(async (tx) => {
      const found = await tx.ltiPlatform.findUnique({ where: { id } });
      if (!found) return null;
      await tx.ltiDeployment.deleteMany({ where: { platformId: id } });
      return tx.ltiPlatform.update({
        where: { id },
        data: { ...rest, deployments: { create: deploymentIds.map((deploymentId) => ({ deploymentId })) } },
      });
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return "taken" as const;
    throw error;
  }
}

/** Deletes the platform and (by cascade) its deployments, links, contexts and launch states. */
export async function deletePlatform(id: string) {
  const { count } = await db.ltiPlatform.deleteMany({ where: { id } });
  return count > 0;
}
