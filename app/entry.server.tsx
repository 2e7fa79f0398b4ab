// Streams the document with React 18, waiting for everything for bots and SPA-less clients.
// The CSP nonce from server.js goes on every script Remix renders.
import { Transform, type TransformCallback } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream, renderToStaticMarkup } from "react-dom/server";
import "./utils/zod-messages.ts";
import { NonceContext } from "./utils/nonce.ts";
import { ServerMarkupContext } from "./utils/server-markup.ts";
import { cachedPage, notModified, pageKey, rememberVisitorPage, storePage } from "./utils/page-cache.server.ts";
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
  const key = pageKey(request, responseStatusCode, responseHeaders, remixContext);
  if (key) {
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
    const page = await cacheablePage(request.url, etag, responseHeaders, remixContext, nonce);
    rememberVisitorPage(request, etag, responseHeaders, remixContext);
    return page;
  }
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    // Stops a render that is still waiting after ABORT_DELAY; cleared when it is done, so a
    // finished page's render is not kept alive (and aborted) for the rest of the delay.
    const deadline = setTimeout(() => abort(), ABORT_DELAY);
    const send = () => {
      shellRendered = true;
      const body = new FlushedPassThrough();
      const stream = createReadableStreamFromReadable(body);
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(<Page context={remixContext} url={request.url} nonce={nonce} />, {
      nonce,
      onShellReady() {
        if (!waitForAll) send();
      },
      onAllReady() {
        clearTimeout(deadline);
        if (waitForAll) send();
      },
      onShellError(error: unknown) {
        clearTimeout(deadline);
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        // Errors after the shell are already handled by boundaries; log, never leak.
        if (shellRendered) console.error(error);
      },
    });
  });
}

/** The document, with what its components read from the server: the CSP nonce, and the
 * one-string renderer for long plain markup. */
function Page({ context, url, nonce }: { context: EntryContext; url: string; nonce: string | undefined }) {
  return (
    <NonceContext.Provider value={nonce}>
      <ServerMarkupContext.Provider value={renderToStaticMarkup}>
        <RemixServer context={context} url={url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </ServerMarkupContext.Provider>
    </NonceContext.Provider>
  );
}

/** A cacheable page: rendered whole once, then served from the page cache while its data holds. */
async function cacheablePage(
  url: string,
  etag: string,
  headers: Headers,
  context: EntryContext,
  nonce: string | undefined,
) {
  headers.set("Content-Type", "text/html; charset=utf-8");
  let page = cachedPage(etag, nonce);
  if (page === undefined) {
    page = await renderWhole(url, context, nonce);
    storePage(etag, page, nonce);
  }
  return new Response(page, { headers, status: 200 });
}

function renderWhole(url: string, context: EntryContext, nonce: string | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => abort(), ABORT_DELAY);
    const { pipe, abort } = renderToPipeableStream(<Page context={context} url={url} nonce={nonce} />, {
      nonce,
      onAllReady() {
        clearTimeout(deadline);
        const chunks: Buffer[] = [];
        const body = new FlushedPassThrough();
        body.on("data", (chunk: Buffer) => chunks.push(chunk));
        body.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        pipe(body);
      },
      onShellError(error: unknown) {
        clearTimeout(deadline);
        reject(error);
      },
      onError: reject,
    });
  });
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

/**
 * React writes a page in 2 KB pieces and calls `flush()` after each pass over what is ready.
 * Passed on as one chunk per pass, they cost one stream write and one socket write each, not one
 * per piece (a 30 KB exam page went out in 17 writes).
 */
class FlushedPassThrough extends Transform {
  private pending: Buffer[] = [];

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    this.pending.push(chunk);
    done();
  }

  override _flush(done: TransformCallback) {
    this.flush();
    done();
  }

  flush() {
    if (this.pending.length === 0) return;
    this.push(this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending));
    this.pending = [];
  }
}
