// Mapping feature results to HTTP, for route modules only.
import type { NotFound } from "./results.ts";

/** The feature's result, or the route's 404 when it says "not found". */
export function orNotFound<T extends { ok: true }>(result: T | NotFound): T {
  if (!result.ok) throw new Response(result.message, { status: 404 });
  return result;
}
