import { toolJwks } from "~/lti/keys.server.ts";

// The tool's public keys, for LTI platforms to check what Charted signs. Public by design.
export async function loader() {
  return Response.json(await toolJwks(), { headers: { "Cache-Control": "public, max-age=300" } });
}
