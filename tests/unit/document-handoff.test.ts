// A page's loader data goes to the browser in <script> tags that <RemixServer> writes after the
// page. Charted's patches (scripts/patches/: @remix-run/server-runtime and @remix-run/react)
// hand it data that holds no promises already encoded (`serverHandoffText`), so it writes the
// scripts without building a stream and suspending on it. The page must come out the same, byte
// for byte, as through the stream; data with promises still streams.
import { createRequire } from "node:module";
import { PassThrough } from "node:stream";
import type * as RemixReact from "@remix-run/react";
import { createElement } from "react";
import type * as ReactDomServer from "react-dom/server";
import { describe, expect, it } from "vitest";
import { singleFetchBuild } from "./remix-build.ts";

const load = createRequire(import.meta.url);
// The builds the app's server loads (CommonJS, patched).
const { createRequestHandler } = load("@remix-run/server-runtime") as {
  createRequestHandler: (build: unknown, mode?: string) => (request: Request) => Promise<Response>;
};
const { RemixServer, Scripts, Outlet } = load("@remix-run/react") as typeof RemixReact;
const { renderToPipeableStream } = load("react-dom/server") as typeof ReactDomServer;

type EntryContext = Record<string, unknown> & { serverHandoffText?: unknown };

function render(context: EntryContext, url: string) {
  return new Promise<string>((resolve, reject) => {
    let html = "";
    const sink = new PassThrough();
    sink.on("data", (chunk: Buffer) => (html += chunk.toString("utf8")));
    sink.on("end", () => resolve(html));
    const { pipe } = renderToPipeableStream(createElement(RemixServer, { context: context as never, url }), {
      onAllReady: () => pipe(sink),
      onError: reject,
    });
  });
}

const pages: { atOnce: string; streamed: string | null; text: unknown }[] = [];

function buildWith(loader: () => unknown) {
  const route = (id: string, parentId?: string) => ({
    id,
    parentId,
    path: id === "root" ? "" : "review/study",
    module: `/${id}.js`,
    imports: [],
    hasLoader: true,
    hasAction: false,
    hasClientLoader: false,
    hasClientAction: false,
    hasErrorBoundary: false,
  });
  return {
    ...singleFetchBuild,
    assets: {
      entry: { module: "/entry.js", imports: [] },
      routes: { root: route("root"), study: route("study", "root") },
      url: "/manifest.js",
      version: "1",
    },
    entry: {
      module: {
        // Render the page as the patched runtime offers it and, when the data came encoded at
        // once, again with the text withheld (a copy of the context without it, with its own
        // render state), which takes the stream.
        default: async (request: Request, status: number, headers: Headers, context: EntryContext) => {
          const text = context.serverHandoffText;
          const atOnce = await render(context, request.url);
          const streamed = typeof text === "string" ? await render({ ...context, renderMeta: {} }, request.url) : null;
          pages.push({ atOnce, streamed, text });
          return new Response(atOnce, { status, headers });
        },
      },
    },
    routes: {
      root: {
        id: "root",
        path: "",
        module: { default: () => createElement("main", null, createElement(Outlet), createElement(Scripts)), loader },
      },
      study: {
        id: "study",
        parentId: "root",
        path: "review/study",
        module: { default: () => createElement("p", null, "card"), loader },
      },
    },
  };
}

const page = async (loader: () => unknown) => {
  pages.length = 0;
  const response = await createRequestHandler(
    buildWith(loader),
    "production",
  )(new Request("http://localhost/review/study", { headers: { host: "localhost" } }));
  expect(response.status).toBe(200);
  expect(pages).toHaveLength(1);
  return pages[0];
};

describe("the page's loader data, written at once (patched)", () => {
  it("writes the same page as the stream, for data without promises", async () => {
    const { atOnce, streamed, text } = await page(() => ({ card: "front", due: new Date("2026-12-07T10:00:00Z") }));
    expect(typeof text).toBe("string");
    expect(atOnce).toBe(streamed);
    // The data and the end of the stream, in the browser's stream controller, after the page.
    expect(atOnce).toMatch(/<!--\$--><script>window\.__remixContext\.streamController\.enqueue\(.*front/);
    expect(atOnce).toContain(String(Date.parse("2026-12-07T10:00:00Z"))); // a date, as turbo-stream writes one
    expect(atOnce).toContain("<script>window.__remixContext.streamController.close();</script><!--/$--><!--/$-->");
  });

  it("escapes the data for the script tag as the stream does", async () => {
    const { atOnce, streamed } = await page(() => ({ note: "</script><script>alert(1)</script> é ✓" }));
    expect(atOnce).toBe(streamed);
    expect(atOnce).not.toContain("</script><script>alert(1)");
    expect(atOnce).toContain("é ✓");
  });

  it("still streams data that holds promises", async () => {
    const { atOnce, text } = await page(() => ({ card: "front", later: Promise.resolve("back") }));
    expect(text).toBeNull();
    expect(atOnce).toContain("front");
    expect(atOnce).toContain("back");
  });
});
