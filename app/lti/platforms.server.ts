// Registering LTI platforms: every change is audited (who added, changed or removed which LMS).
import { recordAudit, type AuditActor } from "~/models/audit.server.ts";
import * as store from "~/models/lti-platform.server.ts";
import { absoluteUrl } from "~/utils/app-url.server.ts";
import { notFound } from "~/utils/results.ts";

export { listPlatforms } from "~/models/lti-platform.server.ts";

/** What the LMS admin enters on their side to register Charted as a tool. */
export function toolRegistration() {
  return {
    loginUrl: absoluteUrl("/lti/login"),
    launchUrl: absoluteUrl("/lti/launch"),
    deepLinkingUrl: absoluteUrl("/lti/launch"),
    jwksUrl: absoluteUrl("/lti/jwks"),
  };
}

const TAKEN = "That issuer and client id are already registered.";

export async function savePlatform(
  actor: Exclude<AuditActor, "server shell">,
  id: string,
  fields: store.PlatformFields,
) {
  const detail = { name: fields.name, issuer: fields.issuer, clientId: fields.clientId };
  if (!id) {
    const created = await store.createPlatform(fields);
    if (!created) return { ok: false as const, reason: "taken" as const, message: TAKEN };
    await recordAudit({ actor, action: "lti.platform.add", detail: { ...detail, platformId: created.id } });
    return { ok: true as const, platform: created, created: true };
  }
  const updated = await store.updatePlatform(id, fields);
  if (!updated) return notFound("That platform is no longer registered.");
  if (updated === "taken") return { ok: false as const, reason: "taken" as const, message: TAKEN };
  await recordAudit({ actor, action: "lti.platform.update", detail: { ...detail, platformId: id } });
  return { ok: true as const, platform: updated, created: false };
}

export async function removePlatform(actor: Exclude<AuditActor, "server shell">, id: string) {
  const found = await store.findPlatform(id);
  if (!found || !(await store.deletePlatform(id))) return notFound("That platform is no longer registered.");
  await recordAudit({
    actor,
    action: "lti.platform.remove",
    detail: { platformId: id, name: found.name, issuer: found.issuer, clientId: found.clientId },
  });
  return { ok: true as const, name: found.name };
}
