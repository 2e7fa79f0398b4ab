// The question grid is written as one string on the server
// (server-markup.ts). The browser hydrates it as ordinary elements, so both ways must give the
// same markup, down to React's hydration markers.
import { createRemixStub } from "@remix-run/testing";
import { renderToString } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { QuestionNavigator, type NavigatorItem } from "~/components/question-navigator.tsx";
import { ServerRenderContext } from "~/utils/server-markup.ts";

const items: NavigatorItem[] = Array.from({ length: 12 }, (_, i) => ({
  number: i + 1,
  answered: i % 3 === 0,
  flagged: i % 5 === 0,
}));

function page(withServerMarkup: boolean) {
  const grid = <QuestionNavigator attemptId="a1" items={items} current={4} />;
  const Stub = createRemixStub([
    {
      path: "/",
      Component: () =>
        withServerMarkup ? <ServerRenderContext.Provider value={true}>{grid}</ServerRenderContext.Provider> : grid,
    },
  ]);
  return renderToString(<Stub />);
}

describe("question navigator", () => {
  // The stub's router uses useLayoutEffect, which React warns about when rendered on a server.
  const log = console.error;
  beforeAll(() => {
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
      if (!String(args[0]).includes("useLayoutEffect does nothing on the server")) log(...args);
    });
  });
  afterAll(() => vi.restoreAllMocks());

  it("gives the same markup from the one-string renderer as from React's own", () => {
    const fast = page(true);
    expect(fast).toBe(page(false));
    expect(fast).toContain('<a href="/attempts/a1/q/4" aria-current="step" aria-label="Question 4, answered"');
    expect(fast).toContain('aria-label="Question 6, not answered, flagged"');
    expect(fast.match(/<li>/g)).toHaveLength(12);
  });
});
