// Renders the document with React 18, whole, and sends it as one body: no route defers data, so a
// page is complete as soon as its loaders are (streaming would only add stream layers and writes).
// The CSP nonce from server.js goes on every script Remix renders.
import type { Writable } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import "./utils/zod-messages.ts";
import { NonceContext } from "./utils/nonce.ts";
import { ServerRenderContext } from "./utils/server-markup.ts";
import {
  cachedPage,
  notModified,
  pageKey,
  rememberVisitorPage,
  storePage,
  type PageBytes,
} from "./utils/page-cache.server.ts";
import { BufferedResponse } from "../server/buffered-body.js";
import { jobHandlers, jobRetries } from "./jobs/handlers.server.ts";
import { startJobWorker } from "./jobs/worker.server.ts";

// Every app process runs the background job loop; each job is claimed by one of them
// (app/jobs/worker.server.ts). Kept on globalThis so a dev reload does not start a second loop.
declare global {
  var __chartedJobWorker: (() => void) | undefined;
}
globalThis.__chartedJobWorker ??= startJobWorker(jobHandlers, { retries: jobRetries });

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;

// server/remix-handler.js answers cookieless visitors' repeat requests from here, before Remix.
export { visitorPageFor } from "./utils/page-cache.server.ts";

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  const key = pageKey(request, responseStatusCode, responseHeaders, remixContext);
  if (!key) {
    const { page, failed } = await renderPage(request.url, remixContext, nonce);
    return pageResponse(page, responseHeaders, failed ? 500 : responseStatusCode);
  }
  const { etag, revalidate } = key;
  if (revalidate) {
    responseHeaders.set("ETag", etag);
    // Kept by the browser alone, and asked about again on every visit (a 304 when unchanged).
    responseHeaders.set("Cache-Control", "private, no-cache");
    // The page differs by session and theme (cookies) and by the reader's date format.
    responseHeaders.append("Vary", "Cookie, Accept-Language");
    if (notModified(request.headers.get("If-None-Match"), etag))
      return new Response(null, { status: 304, headers: responseHeaders });
  }
  // A cacheable page is rendered once, then served from the page cache while its data holds.
  let page = cachedPage(etag, nonce);
  if (page === undefined) {
    const rendered = await renderPage(request.url, remixContext, nonce);
    if (rendered.failed) return pageResponse(rendered.page, responseHeaders, 500);
    page = rendered.page;
    storePage(etag, page, nonce);
  }
  rememberVisitorPage(request, etag, responseHeaders, remixContext);
  return pageResponse(page, responseHeaders, 200);
}

// A page is whole when it is sent: its bytes go out as they are (server/buffered-body.js), with
// no web stream around them.
function pageResponse(page: PageBytes, headers: Headers, status: number) {
  headers.set("Content-Length", String(page.byteLength));
  return new BufferedResponse(page, { headers, status });
}

/** Remix's `.data` answers, encoded whole (scripts/patches/: the patched runtime asks for this). */
export function bufferedResponse(encoded: string, init: ResponseInit) {
  return new BufferedResponse(Buffer.from(encoded, "utf8"), init);
}

/** The document, with what its components read from the server: the CSP nonce, and that this
 * is the server's render (server-markup.ts). */
function Page({ context, url, nonce }: { context: EntryContext; url: string; nonce: string | undefined }) {
  return (
    <NonceContext.Provider value={nonce}>
      <ServerRenderContext.Provider value={true}>
        <RemixServer context={context} url={url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </ServerRenderContext.Provider>
    </NonceContext.Provider>
  );
}

/**
 * The whole page. `failed` when a part of it could not be rendered on the server (React leaves
 * that part to the browser); an error before anything rendered rejects, and Remix renders the
 * route's error boundary instead.
 */
function renderPage(
  url: string,
  context: EntryContext,
  nonce: string | undefined,
): Promise<{ page: PageBytes; failed: boolean }> {
  return new Promise((resolve, reject) => {
    const errors: unknown[] = [];
    // Stops a render that is still waiting after ABORT_DELAY; cleared once it is done.
    const deadline = setTimeout(() => abort(), ABORT_DELAY);
    const { pipe, abort } = renderToPipeableStream(<Page context={context} url={url} nonce={nonce} />, {
      nonce,
      onAllReady() {
        clearTimeout(deadline);
        // Errors a boundary caught (the page renders without that part): logged, never shown.
        for (const error of errors) console.error(error);
        collect(pipe).then((page) => resolve({ page, failed: errors.length > 0 }), reject);
      },
      onShellError(error: unknown) {
        // Remix logs it and renders the error boundary.
        clearTimeout(deadline);
        reject(error);
      },
      onError(error: unknown) {
        errors.push(error);
      },
    });
  });
}

/**
 * Once a render is all ready, React writes every byte and ends the destination in the same tick
 * (from `pipe`, or from the work loop that called onAllReady). This destination keeps what it writes:
 * it has what React's `pipe` uses of a Writable (write, flush, end, destroy, on), where a Node
 * stream would cost a tick and a callback per 2 KB piece.
 */
function collect(pipe: (destination: Writable) => Writable): Promise<PageBytes> {
  return new Promise((resolve, reject) => {
    const chunks: (string | Uint8Array)[] = [];
    const destination = {
      write: (chunk: string | Uint8Array) => chunks.push(chunk) > 0,
      flush: () => {},
      end: () => resolve(joinChunks(chunks)),
      destroy: (error: unknown) => reject(error ?? new Error("The page could not be rendered.")),
      on: () => destination,
    };
    pipe(destination as unknown as Writable);
  });
}

/** The page as one UTF-8 body. React's patched server build writes strings (one encode here
 * instead of one per tag and attribute); the unpatched development build writes bytes. */
function joinChunks(chunks: (string | Uint8Array)[]): PageBytes {
  if (chunks.every((chunk) => typeof chunk === "string")) return Buffer.from(chunks.join(""), "utf8") as PageBytes;
  return Buffer.concat(
    chunks.map((chunk) => (typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk)),
  ) as PageBytes;
}

/**
 * Logs real server errors once, with their stack. Requests the client gave up on and errors that
 * are answers (a 4xx Response a loader threw) are not errors of the server: no stack trace.
 */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  if (isErrorResponse(error) && error.status < 500) return;
  console.error(error);
};

function isErrorResponse(error: unknown): error is { status: number } {
  return (
    (error instanceof Response ||
      (typeof error === "object" && error !== null && "status" in error && "data" in error)) &&
    typeof (error as { status: unknown }).status === "number"
  );
}
