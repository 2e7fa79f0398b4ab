// The server's route matching, with Charted's patch to @remix-run/router (scripts/patches/): a
// path's matches are kept, and each caller must still get matches as a fresh scan gives them.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import type { AgnosticRouteObject, matchRoutes as MatchRoutes } from "@remix-run/router";

// The server runtime loads the CommonJS build, which is the one patched.
const { matchRoutes } = createRequire(import.meta.url)("@remix-run/router") as { matchRoutes: typeof MatchRoutes };

const routes: AgnosticRouteObject[] = [
  {
    id: "root",
    path: "/",
    children: [
      { id: "home", index: true },
      { id: "study", path: "review/study" },
      {
        id: "attempt",
        path: "attempts/:id",
        children: [{ id: "question", path: "q/:n" }],
      },
      { id: "splat", path: "*" },
    ],
  },
];

const ids = (path: string) => matchRoutes(routes, path)?.map((m) => m.route.id) ?? null;

describe("route matching (patched)", () => {
  it("matches a path the same way the first time and every time after", () => {
    for (let i = 0; i < 3; i++) {
      expect(ids("/review/study")).toEqual(["root", "study"]);
      expect(ids("/attempts/a1/q/3")).toEqual(["root", "attempt", "question"]);
      expect(ids("/")).toEqual(["root", "home"]);
      expect(ids("/no/such/page")).toEqual(["root", "splat"]);
    }
  });

  it("gives every caller its own matches: changing one result changes no later one", () => {
    const first = matchRoutes(routes, "/attempts/a1/q/3")!;
    expect(first[2].params).toEqual({ id: "a1", n: "3" });
    // A fresh match shares one params object across the branch; the copy keeps that.
    expect(first[0].params).toBe(first[2].params);
    (first[2].params as Record<string, string>).id = "changed";
    first[1].pathname = "/changed";
    first.pop();
    const second = matchRoutes(routes, "/attempts/a1/q/3")!;
    expect(second).toHaveLength(3);
    expect(second[2].params).toEqual({ id: "a1", n: "3" });
    expect(second[1].pathname).toBe("/attempts/a1");
    expect(second).not.toBe(first);
  });

  it("keeps giving the right matches past the number of paths it keeps", () => {
    for (let i = 0; i < 1200; i++) {
      const matches = matchRoutes(routes, `/attempts/x${i}/q/${i % 7}`)!;
      expect(matches[2].params).toEqual({ id: `x${i}`, n: String(i % 7) });
    }
    expect(matchRoutes(routes, "/attempts/x0/q/0")![2].params).toEqual({ id: "x0", n: "0" });
  });

  it("answers null where nothing matches, every time", () => {
    const strict: AgnosticRouteObject[] = [{ id: "only", path: "/only" }];
    expect(matchRoutes(strict, "/other")).toBeNull();
    expect(matchRoutes(strict, "/other")).toBeNull();
    expect(matchRoutes(strict, "/only")?.[0].route.id).toBe("only");
  });

  it("keeps a separate list per route array", () => {
    const other: AgnosticRouteObject[] = [{ id: "elsewhere", path: "/review/study" }];
    expect(ids("/review/study")).toEqual(["root", "study"]);
    expect(matchRoutes(other, "/review/study")?.map((m) => m.route.id)).toEqual(["elsewhere"]);
  });
});
