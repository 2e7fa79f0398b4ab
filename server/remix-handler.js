// Express → Remix, like @remix-run/express, except that the body is read first under a size
// cap (server/request-body.js) instead of being streamed into the action unchecked, and handed
// on as bytes (server/buffered-body.js).
import { createRequestHandler as createRemixHandler, writeReadableStreamToWritable } from "@remix-run/node";
import pLimit from "p-limit";
import { BODY_BYTES, BufferedRequest, SignalledRequest } from "./buffered-body.js";
import { BodyTooLargeError, bodyLimitFor, hasRefusedText, readBody } from "./request-body.js";

const SESSION_COOKIE = /(^|[;,]\s*)charted_session=[^;]/;

/**
 * @param {{ build: any, getLoadContext: (req: import("express").Request, res: import("express").Response) => unknown, mode?: string, maxInFlight?: number }} options
 * @returns {import("express").RequestHandler}
 */
export function createRequestHandler({ build, getLoadContext, mode = process.env.NODE_ENV, maxInFlight = 16 }) {
  const remix = createRemixHandler(build, mode);
  // Loaders and actions run a few at a time; the rest wait their turn. The work is CPU-bound on
  // one thread (SQLite answers synchronously), so more at once adds no throughput, only memory:
  // every request in progress holds its rows and its half-rendered page. Reading the body and
  // sending the response happen outside the limit, so slow clients hold no place.
  const inFlight = pLimit(maxInFlight);
  const handle = (/** @type {Request} */ request, /** @type {any} */ context) =>
    inFlight(() => remix(request, context));
  // Cookieless visitors' pages rendered before come from memory (app/utils/page-cache.server.ts);
  // in development the build is reloaded per request, so every request goes to Remix.
  /** @type {((r: { url: string, acceptLanguage: string | null, ifNoneMatch: string | null, nonce: string | undefined }) => { status: number, headers: [string, string][], body: string | null } | null) | undefined} */
  const visitorPageFor = typeof build === "function" ? undefined : build.entry?.module?.visitorPageFor;
  return async (req, res, next) => {
    try {
      if (visitorPageFor && req.method === "GET" && req.headers.cookie === undefined) {
        const context = /** @type {{ cspNonce?: string }} */ (await getLoadContext(req, res));
        const page = visitorPageFor({
          url: req.originalUrl,
          acceptLanguage: req.get("accept-language") ?? null,
          ifNoneMatch: req.get("if-none-match") ?? null,
          nonce: context.cspNonce,
        });
        if (page) {
          res.status(page.status);
          for (const [key, value] of page.headers) res.append(key, value);
          if (page.status === 304) res.removeHeader("Content-Security-Policy");
          res.end(page.body ?? undefined);
          return;
        }
      }
      // Pre-single-fetch data requests: never sent by this app, and Remix answers them with a
      // logged stack trace (or a 500), so probes are turned away here.
      if (Object.hasOwn(req.query, "_data")) {
        res.status(400).type("text/plain").send("That is not a page address.");
        return;
      }
      /** @type {Buffer | undefined} */
      let body;
      if (req.method !== "GET" && req.method !== "HEAD") {
        try {
          body = await readBody(req, bodyLimitFor(req.path));
        } catch (error) {
          if (!(error instanceof BodyTooLargeError)) throw error;
          // Stop reading: the client is told at once and the connection is closed.
          res.set("Connection", "close");
          res
            .status(413)
            .type("text/plain")
            .send(
              `That was more than we accept in one form (${Math.round(error.limit / 1024)} KiB). Shorten it and try again.`,
            );
          res.on("finish", () => req.socket.destroy());
          return;
        }
        if (await hasRefusedText(req.get("content-type"), body)) {
          res
            .status(400)
            .type("text/plain")
            .send(
              "Your form contains a character we cannot store (a NUL or another control character). Remove it and try again.",
            );
          return;
        }
      }
      const controller = new AbortController();
      res.on("close", () => {
        if (!res.writableFinished) controller.abort();
      });
      const init = { method: req.method, headers: requestHeaders(req), signal: controller.signal };
      const request = body
        ? new BufferedRequest(requestUrl(req), { ...init, bytes: body })
        : new SignalledRequest(requestUrl(req), init);
      const response = await handle(request, /** @type {any} */ (await getLoadContext(req, res)));
      res.statusMessage = response.statusText;
      res.status(response.status);
      for (const [key, value] of response.headers.entries()) res.append(key, value);
      // What a signed-in user sees is theirs alone: no shared or back-button cache keeps it. A
      // page with an ETag (app/utils/page-cache.server.ts) is private and revalidated each time.
      if (
        !response.headers.has("etag") &&
        (SESSION_COOKIE.test(req.get("cookie") ?? "") || SESSION_COOKIE.test(response.headers.get("set-cookie") ?? ""))
      ) {
        res.set("Cache-Control", "private, no-store");
      }
      // A 304 updates the browser's stored headers: a new CSP nonce would no longer match the
      // scripts of the page it keeps, so the stored policy stays.
      if (response.status === 304) res.removeHeader("Content-Security-Policy");
      // A body that is already bytes (server/buffered-body.js: pages, `.data` answers) is sent as is.
      const bytes = /** @type {any} */ (response)[BODY_BYTES];
      if (bytes) res.end(bytes);
      else if (response.body) await writeReadableStreamToWritable(response.body, res);
      else res.end();
    } catch (error) {
      next(error);
    }
  };
}

/** The public URL as Express sees it (its "trust proxy" setting decides X-Forwarded-*). */
function requestUrl(/** @type {import("express").Request} */ req) {
  const host = (req.app.get("trust proxy") && req.get("x-forwarded-host")) || req.get("host") || "";
  const port = /:(\d+)$/.exec(host)?.[1];
  return new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`).href;
}

function requestHeaders(/** @type {import("express").Request} */ req) {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else if (value !== undefined) headers.set(key, value);
  }
  return headers;
}
