import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect.ts";

describe("safeRedirect", () => {
  it.each([
    "/",
    "/learn/law/hipaa-privacy-rule",
    "/search?q=petty%20cash&type=lessons",
    "/search?q=petty+cash",
    "/review/study#card",
  ])("keeps the same-site path %s", (path) => {
    expect(safeRedirect(path)).toBe(path);
  });

  it.each([
    ["absolute URL", "https://evil.example/"],
    ["scheme-relative", "//evil.example"],
    ["backslash after slash", "/\\evil.example"],
    ["backslashes", "\\\\evil.example"],
    ["tab", "/\t/evil.example"],
    ["newline", "/\n/evil.example"],
    ["carriage return", "/\r/evil.example"],
    ["encoded tab", "/%09/evil.example"],
    ["encoded newline", "/%0a/evil.example"],
    ["encoded slash", "/%2Fevil.example"],
    ["fully encoded slashes", "%2F%2Fevil.example"],
    ["encoded backslash", "/%5Cevil.example"],
    ["double-encoded backslash", "/%255Cevil.example"],
    ["no-break space", "/\u00a0/evil.example"],
    ["ideographic space", "/\u3000/evil.example"],
    ["line separator", "/\u2028/evil.example"],
    ["zero-width space", "/\u200b/evil.example"],
    ["encoded no-break space", "/%C2%A0/evil.example"],
    ["javascript scheme", "javascript:alert(1)"],
    ["relative path", "evil.example"],
    ["broken encoding", "/%E0%A4%A"],
    ["NUL", "/\u0000/evil.example"],
    ["too long", `/${"a".repeat(3000)}`],
  ])("falls back on %s", (_name, path) => {
    expect(safeRedirect(path)).toBe("/");
    expect(safeRedirect(path, "/learn")).toBe("/learn");
  });

  it("falls back on missing or non-string values", () => {
    expect(safeRedirect(null)).toBe("/");
    expect(safeRedirect(undefined)).toBe("/");
    expect(safeRedirect("")).toBe("/");
  });
});
