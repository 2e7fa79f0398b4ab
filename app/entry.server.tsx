// Streams the document with React 18, waiting for everything for bots and SPA-less clients.
// The CSP nonce from server.js goes on every script Remix renders.
import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import "./utils/zod-messages.ts";
import { NonceContext } from "./utils/nonce.ts";
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

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors after the shell are already handled by boundaries; log, never leak.
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
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
