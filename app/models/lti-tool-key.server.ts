// The tool's own signing keys (table LtiToolKey): published at /lti/jwks, used to sign deep
// linking responses and the client assertions of grade return.
import { db } from "~/utils/db.server.ts";

/** Active keys, oldest first: the oldest signs, every active one is published. */
export function activeToolKeys() {
  return db.ltiToolKey.findMany({ where: { active: true }, orderBy: [{ createdAt: "asc" }, { kid: "asc" }] });
}

export function createToolKey(input: { kid: string; privateJwk: string; publicJwk: string }) {
  return db.ltiToolKey.create({ data: input });
}
