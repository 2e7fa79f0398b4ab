// The tool's RS256 key pair, made on first need and kept in the database so every app process
// signs with the same key and the platform can check it against /lti/jwks.
import { randomUUID } from "node:crypto";
import { createLocalJWKSet, exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import { activeToolKeys, createToolKey } from "~/models/lti-tool-key.server.ts";

export const TOOL_KEY_ALG = "RS256";

async function ensureKeys() {
  const keys = await activeToolKeys();
  if (keys.length) return keys;
  const { publicKey, privateKey } = await generateKeyPair(TOOL_KEY_ALG, { extractable: true });
  const kid = randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: TOOL_KEY_ALG, use: "sig" };
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: TOOL_KEY_ALG };
  await createToolKey({ kid, privateJwk: JSON.stringify(privateJwk), publicJwk: JSON.stringify(publicJwk) });
  // Two processes racing here each add a key: both are published, the oldest signs.
  return activeToolKeys();
}

/** The key that signs, with its kid for the JWT header. */
export async function signingKey() {
  const [key] = await ensureKeys();
  return { kid: key.kid, key: await importJWK(JSON.parse(key.privateJwk) as JWK, TOOL_KEY_ALG) };
}

/** The public key set, as /lti/jwks serves it. */
export async function toolJwks(): Promise<{ keys: JWK[] }> {
  const keys = await ensureKeys();
  return { keys: keys.map((k) => JSON.parse(k.publicJwk) as JWK) };
}

/** A verifier of tokens Charted signed itself (the deep linking request). */
export function toolJwksKeys() {
  return async (...args: Parameters<ReturnType<typeof createLocalJWKSet>>) =>
    createLocalJWKSet(await toolJwks())(...args);
}
