// Mapping feature results to HTTP, for route modules only.
import type { z } from "zod";
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
): { [K in keyof S]: z.output<S[K]> } {
  // Each param on its own schema: building a z.object per request costs zod a compile each time.
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(shape)) {
    const parsed = schema.safeParse(params[key]);
    if (!parsed.success) throw new Response(message, { status: 404 });
    out[key] = parsed.data;
  }
  return out as { [K in keyof S]: z.output<S[K]> };
}
