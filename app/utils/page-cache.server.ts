// Pages whose route opts in (`handle.pageCache`) are keyed by a hash of everything they are
// rendered from (the build, the address and every loader's data: user, theme, locale, the page's
// own data). The rendered HTML is kept under that key, so the next request for the same page data
// (a visitor's lesson, a learner reloading their dashboard) gets it without React rendering
// anything; the key covers the signed-in user (the root loader's data), so a page is only ever
// served for exactly the data it was rendered from. With "revalidate" the key is also the page's
// ETag: the browser keeps the page and a revisit that still holds it gets a 304. With "server"
// nothing changes for the browser (a signed-in page stays `no-store`, out of shared and
// back-button caches).
import { createHash } from "node:crypto";
import type { EntryContext } from "@remix-run/node";
import { LRUCache } from "lru-cache";

/** A route opts in when its page is a pure function of its loader data (no per-request state). */
export interface PageCacheHandle {
  pageCache?: "revalidate" | "server";
}

/** The page's cache key (an ETag) and how it may be used, or null when it is not a cacheable page. */
export function pageKey(
  request: Request,
  status: number,
  headers: Headers,
  context: EntryContext,
): { etag: string; revalidate: boolean } | null {
  if (request.method !== "GET" || status !== 200 || headers.has("Set-Cookie")) return null;
  const { staticHandlerContext: handled, routeModules, manifest } = context;
  if (handled.actionData || handled.errors) return null;
  const leaf = handled.matches.at(-1);
  const mode = leaf && (routeModules[leaf.route.id]?.handle as PageCacheHandle | undefined)?.pageCache;
  if (!mode) return null;
  const url = new URL(request.url);
  const hash = createHash("sha256")
    .update(manifest.version)
    .update("\0")
    .update(url.pathname + url.search)
    .update("\0")
    .update(JSON.stringify(handled.loaderData))
    .digest("base64url")
    .slice(0, 27);
  return { etag: `"${hash}"`, revalidate: mode === "revalidate" };
}

/** True when the browser already holds this version (If-None-Match lists it, or is `*`). */
export function notModified(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.trim() === "*" || header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

// A page is kept as UTF-8 bytes, cut where the nonce goes (it differs per response: it is in the
// CSP header). Serving it joins bytes; a string body would be checked for well-formed UTF-16 and
// encoded again on every response, which cost more than joining a 100 KB page.
interface StoredPage {
  parts: Buffer[];
  bytes: number;
}
const html = new LRUCache<string, StoredPage>({
  maxSize: 16 * 1024 * 1024,
  sizeCalculation: (page) => page.bytes || 1,
});

/** A page's bytes (Buffers are Uint8Arrays over a plain ArrayBuffer, which a Response takes). */
export type PageBytes = Uint8Array<ArrayBuffer>;

export function cachedPage(etag: string, nonce: string | undefined): PageBytes | undefined {
  const page = html.get(etag);
  if (page === undefined) return undefined;
  const slot = Buffer.from(nonce ?? "");
  return Buffer.concat(page.parts.flatMap((part, i) => (i === 0 ? [part] : [slot, part]))) as PageBytes;
}

export function storePage(etag: string, page: PageBytes, nonce: string | undefined): void {
  const bytes = Buffer.from(page.buffer, page.byteOffset, page.length);
  const parts: Buffer[] = [];
  let from = 0;
  if (nonce) {
    const slot = Buffer.from(nonce);
    for (let at = bytes.indexOf(slot); at !== -1; at = bytes.indexOf(slot, from)) {
      parts.push(bytes.subarray(from, at));
      from = at + slot.length;
    }
  }
  parts.push(bytes.subarray(from));
  html.set(etag, { parts, bytes: bytes.length });
}

// Visitors' pages by address. A request with no cookies at all is a visitor's, and what a visitor
// sees depends only on the address, the Accept-Language header (date formats) and the build:
// once one such page has been rendered, the same request is answered from here before any route
// is matched or loader run (server/remix-handler.js). The content is fixed per build; the short
// lifetime bounds anything else a visitor's page could come to show.
const VISITOR_PAGE_TTL_MS = 60_000;
const visitorEtags = new LRUCache<string, { etag: string; headers: [string, string][] }>({
  max: 2_000,
  ttl: VISITOR_PAGE_TTL_MS,
});
const visitorKey = (url: string, acceptLanguage: string | null) => `${url}\u0000${acceptLanguage ?? ""}`;

/** Records a page rendered for a cookieless visitor, with the headers it was sent with. */
export function rememberVisitorPage(request: Request, etag: string, headers: Headers, context: EntryContext): void {
  const root = context.staticHandlerContext.loaderData.root as { user?: unknown } | undefined;
  if (request.headers.has("Cookie") || root == null || root.user != null) return;
  const url = new URL(request.url);
  visitorEtags.set(visitorKey(url.pathname + url.search, request.headers.get("Accept-Language")), {
    etag,
    headers: [...headers.entries()],
  });
}

export interface VisitorPageRequest {
  /** Path and query string. */
  url: string;
  acceptLanguage: string | null;
  ifNoneMatch: string | null;
  nonce: string | undefined;
}

/** A cookieless visitor's page from memory: 304 when the browser holds it, else the HTML; null on a miss. */
export function visitorPageFor(
  r: VisitorPageRequest,
): { status: 200 | 304; headers: [string, string][]; body: PageBytes | null } | null {
  const known = visitorEtags.get(visitorKey(r.url, r.acceptLanguage));
  if (!known) return null;
  if (notModified(r.ifNoneMatch, known.etag)) return { status: 304, headers: known.headers, body: null };
  const body = cachedPage(known.etag, r.nonce);
  return body === undefined ? null : { status: 200, headers: known.headers, body };
}
