// React's production server build with Charted's patch (scripts/patches/react-dom+18.3.1.patch):
// the page goes to the destination as strings, about 2 KB each, instead of as bytes encoded one
// tag and attribute at a time. app/entry.server.tsx joins them and encodes the page once.
import { createRequire } from "node:module";
import path from "node:path";
import { createElement, Suspense, type ReactNode } from "react";
import { renderToString, type renderToPipeableStream as RenderToPipeableStream } from "react-dom/server";
import { describe, expect, it } from "vitest";

// The build the production server loads (NODE_ENV=production), whatever vitest's NODE_ENV is.
const require = createRequire(import.meta.url);
const { renderToPipeableStream } = require(
  path.join(path.dirname(require.resolve("react-dom")), "cjs/react-dom-server.node.production.min.js"),
) as { renderToPipeableStream: typeof RenderToPipeableStream };

/** What React writes, as it writes it. */
function written(node: ReactNode): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const chunks: unknown[] = [];
    const destination = {
      write: (chunk: unknown) => chunks.push(chunk) > 0,
      flush: () => {},
      end: () => resolve(chunks),
      destroy: reject,
      on: () => destination,
    };
    const { pipe } = renderToPipeableStream(node, {
      onAllReady: () => pipe(destination as never),
      onShellError: reject,
    });
  });
}

const h = createElement;

describe("React's server writes (patched)", () => {
  it("writes strings, with the page React renders", async () => {
    const page = h("p", { title: "a&b <c>", className: "x" }, "Größe · 1–4 ◆ ", h("b", null, "bold"), 3);
    const chunks = await written(page);
    expect(chunks.every((chunk) => typeof chunk === "string")).toBe(true);
    expect(chunks.join("")).toBe(renderToString(page));
    expect(chunks.join("")).toBe('<p title="a&amp;b &lt;c&gt;" class="x">Größe · 1–4 ◆ <b>bold</b>3</p>');
  });

  it("writes a long page in pieces of about 2 KB that join to the whole", async () => {
    const list = h(
      "ol",
      null,
      Array.from({ length: 500 }, (_, i) => h("li", { key: i, "data-n": i }, `Question ${i + 1} — not answered`)),
    );
    const chunks = (await written(list)) as string[];
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.slice(0, -1).every((chunk) => chunk.length >= 2048 && chunk.length < 2048 + 200)).toBe(true);
    expect(chunks.join("")).toBe(renderToString(list));
  });

  it("writes what a suspended part renders once it is ready", async () => {
    let ready = false;
    const wait = new Promise<void>((resolve) => setTimeout(() => ((ready = true), resolve()), 10));
    function Later() {
      if (!ready) throw wait;
      return h("span", null, "arrived ✓");
    }
    const chunks = await written(h("div", null, h(Suspense, { fallback: "…" }, h(Later))));
    expect(chunks.every((chunk) => typeof chunk === "string")).toBe(true);
    expect(chunks.join("")).toBe("<div><!--$--><span>arrived ✓</span><!--/$--></div>");
  });
});
