// server/public-files.js: only requests for files of the built client reach the static
// middleware; pages and data requests go straight on, without a file lookup on disk.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { whenBuiltFile } from "../../server/public-files.js";

const root = mkdtempSync(path.join(os.tmpdir(), "charted-public-"));
mkdirSync(path.join(root, "assets", "fonts"), { recursive: true });
for (const file of ["favicon.svg", "assets/app-1a2b.js", "assets/app-1a2b.js.br", "assets/fonts/a b.woff2"])
  writeFileSync(path.join(root, file), "x");
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** "serve" when the request went to the static middleware, "next" when it went on. */
function route(urlPath: string) {
  let went = "";
  const handler = whenBuiltFile(root, () => (went = "serve"));
  handler({ path: urlPath } as never, {} as never, () => (went = "next"));
  return went;
}

describe("built client files", () => {
  it("sends the files that exist to the static middleware", () => {
    expect(route("/favicon.svg")).toBe("serve");
    expect(route("/assets/app-1a2b.js")).toBe("serve");
    expect(route("/assets/fonts/a%20b.woff2")).toBe("serve");
  });

  it("sends everything else on", () => {
    expect(route("/")).toBe("next");
    expect(route("/review/study.data")).toBe("next");
    expect(route("/assets")).toBe("next");
    expect(route("/assets/missing.js")).toBe("next");
    expect(route("/favicon.svg/")).toBe("next");
    expect(route("/%E0%A4%A")).toBe("next");
  });
});
