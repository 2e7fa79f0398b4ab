// Mapping feature results to HTTP, for route modules only.
import { z } from "zod";
import type { NotFound } from "./results.ts";

/** The feature's result, or the route's 404 when it says "not found". */
export function orNotFound<T extends { ok: true }>(result: T | NotFound): T {
  if (!result.ok) throw new Response(result.message, { status: 404 });
  return result;
}

/** The route's URL params, each checked by its schema in `shape`; any malformed one is the route's 404. */
export function routeParams<S extends Record<string, z.ZodType>>(
  params: Partial<Record<string, string>>,
  shape: S,
  message: string,
) {
  const parsed = z.object(shape).safeParse(params);
  if (!parsed.success) throw new Response(message, { status: 404 });
  return parsed.data;
}
