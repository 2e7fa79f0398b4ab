// lucide-react's server (CommonJS) build with Charted's patch (scripts/patches/lucide-react+*.patch):
// an icon drawn again with the same plain attributes reuses the svg's attributes and shapes
// built the first time, instead of building them on every render (2% of an exam page for four
// icons). Handlers and other non-plain values are built each time.
import { createElement as h, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { Icon } from "lucide-react";
import { describe, expect, it } from "vitest";

const icon = { name: "test-shape", size: 24, node: [["path", { d: "M4 4h16", key: "a" }]] };

/** Renders the icon through lucide's own component, keeping the element it returned. */
function draw(props: Record<string, unknown>) {
  let element: ReactElement | undefined;
  const render = (Icon as unknown as { render: (p: object, ref: null) => ReactElement }).render;
  function Probe() {
    element = render({ icon, ...props }, null);
    return element;
  }
  const html = renderToStaticMarkup(h(Probe));
  const [shape] = (element!.props as { children: ReactElement[] }).children;
  return { html, svg: element!.props as Record<string, unknown>, shape };
}

describe("lucide icons (patched)", () => {
  it("builds an icon's shapes once for the same plain attributes", () => {
    const first = draw({ className: "h-5 w-5", "aria-hidden": "true", fill: "none" });
    const again = draw({ className: "h-5 w-5", "aria-hidden": "true", fill: "none" });
    expect(again.shape).toBe(first.shape);
    expect(again.html).toBe(first.html);
    expect(first.html).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" class="lucide lucide-test-shape h-5 w-5" aria-hidden="true"><path d="M4 4h16"></path></svg>',
    );
  });

  it("draws other attribute values as asked", () => {
    const filled = draw({ className: "h-5 w-5", "aria-hidden": "true", fill: "currentColor" });
    expect(filled.html).toContain('fill="currentColor"');
    expect(draw({ className: "h-4 w-4" }).html).toContain('class="lucide lucide-test-shape h-4 w-4"');
  });

  it("builds afresh for a handler, so each render keeps its own", () => {
    const one = () => {};
    const two = () => {};
    const first = draw({ onClick: one });
    const second = draw({ onClick: two });
    expect(first.svg.onClick).toBe(one);
    expect(second.svg.onClick).toBe(two);
  });
});
