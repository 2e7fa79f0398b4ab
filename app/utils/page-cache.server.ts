// Pages whose route opts in (`handle.pageCache`) are revalidated instead of re-sent: the ETag is
// a hash of everything the page is rendered from (the build and every loader's data: user,
// theme, locale, the lesson, its completion), so a revisit that still holds the same page gets a
// 304 without rendering it. For visitors (no user) the rendered HTML itself is kept, so the next
// visitor with the same page data gets it without React rendering anything.
import { createHash } from "node:crypto";
import type { EntryContext } from "@remix-run/node";
import { LRUCache } from "lru-cache";

/** A route opts in when its page is a pure function of its loader data (no per-request state). */
export interface PageCacheHandle {
  pageCache?: boolean;
}

/** The ETag of the page this request would render, or null when it is not a cacheable page. */
export function pageEtag(request: Request, status: number, headers: Headers, context: EntryContext): string | null {
  if (request.method !== "GET" || status !== 200 || headers.has("Set-Cookie")) return null;
  const { staticHandlerContext: handled, routeModules, manifest } = context;
  if (handled.actionData || handled.errors) return null;
  const leaf = handled.matches.at(-1);
  if (!leaf || !(routeModules[leaf.route.id]?.handle as PageCacheHandle | undefined)?.pageCache) return null;
  const url = new URL(request.url);
  const hash = createHash("sha256")
    .update(manifest.version)
    .update("\0")
    .update(url.pathname + url.search)
    .update("\0")
    .update(JSON.stringify(handled.loaderData))
    .digest("base64url")
    .slice(0, 27);
  return `"${hash}"`;
}

/** True when the browser already holds this version (If-None-Match lists it, or is `*`). */
export function notModified(request: Request, etag: string): boolean {
  const header = request.headers.get("If-None-Match");
  if (!header) return false;
  return header.trim() === "*" || header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

/** Whether the rendered HTML may be shared: nothing in it belongs to a signed-in user. */
export function isVisitorPage(context: EntryContext): boolean {
  const root = context.staticHandlerContext.loaderData.root as { user?: unknown } | undefined;
  return root != null && root.user == null;
}

// The nonce differs per response (it is in the CSP header): pages are stored with a placeholder.
const NONCE_SLOT = "\u0000nonce\u0000";
const html = new LRUCache<string, string>({
  maxSize: 16 * 1024 * 1024,
  sizeCalculation: (page) => page.length * 2 || 1,
});

export function cachedPage(etag: string, nonce: string | undefined): string | undefined {
  const page = html.get(etag);
  return page === undefined ? undefined : nonce ? page.replaceAll(NONCE_SLOT, nonce) : page;
}

export function storePage(etag: string, page: string, nonce: string | undefined): void {
  html.set(etag, nonce ? page.replaceAll(nonce, NONCE_SLOT) : page);
}
