import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { contrastRatio, DOMAIN_COLORS, domainColor } from "./domain-colors.ts";
import { DOMAIN_IDS } from "./exam-ids.ts";

const css = readFileSync(new URL("../tailwind.css", import.meta.url), "utf8");
/** The light and dark values of a `--name: light-dark(#light, #dark);` token in app/tailwind.css. */
function cssToken(name: string): { light: string; dark: string } {
  const match = css.match(new RegExp(`--${name}:\\s*light-dark\\((#[0-9a-f]{6}),\\s*(#[0-9a-f]{6})\\)`, "i"));
  if (!match) throw new Error(`--${name} is not defined as light-dark(#hex, #hex) in app/tailwind.css`);
  return { light: match[1].toLowerCase(), dark: match[2].toLowerCase() };
}

describe("domain colours", () => {
  it("give every blueprint domain a colour", () => {
    const blueprint = parse(readFileSync(new URL("../../content/blueprint.yaml", import.meta.url), "utf8")) as {
      domains: { id: string }[];
    };
    const ids = blueprint.domains.map((d) => d.id).sort();
    expect(ids).toEqual([...DOMAIN_IDS].sort());
    expect(Object.keys(DOMAIN_COLORS).sort()).toEqual(ids);
    for (const id of ids) expect(domainColor(id)).toBe(`var(--domain-${id.toLowerCase()})`);
  });

  it("match the stylesheet's custom properties in both themes", () => {
    for (const [id, c] of Object.entries(DOMAIN_COLORS)) {
      const key = `domain-${id.toLowerCase()}`;
      expect(cssToken(key)).toEqual({ light: c.light.ink, dark: c.dark.ink });
      expect(cssToken(`${key}-soft`)).toEqual({ light: c.light.soft, dark: c.dark.soft });
      // A [data-domain] rule maps the id to its pair, and a Tailwind colour exposes it.
      expect(css).toContain(`[data-domain="${id}"] {\n  --domain: var(--${key});\n  --domain-soft: var(--${key}-soft);`);
      expect(css).toContain(`--color-${key}: var(--${key});`);
    }
  });

  it("keep text AA (4.5:1) on its soft background and on the surfaces, in light and dark", () => {
    for (const theme of ["light", "dark"] as const) {
      const surface = cssToken("surface")[theme];
      const page = cssToken("page")[theme];
      for (const [id, c] of Object.entries(DOMAIN_COLORS)) {
        const { ink, soft } = c[theme];
        expect(contrastRatio(ink, soft), `${id} ${theme} text on its soft background`).toBeGreaterThanOrEqual(4.5);
        expect(contrastRatio(ink, surface), `${id} ${theme} text on a card`).toBeGreaterThanOrEqual(4.5);
        expect(contrastRatio(ink, page), `${id} ${theme} text on the page`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it("keep graphical marks at 3:1 against the surfaces and the track they are drawn on", () => {
    for (const theme of ["light", "dark"] as const) {
      const raised = cssToken("raised")[theme];
      for (const [id, c] of Object.entries(DOMAIN_COLORS)) {
        expect(contrastRatio(c[theme].ink, raised), `${id} ${theme} mark on a track`).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it("computes WCAG contrast ratios", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
    expect(contrastRatio("#ffffff", "#ffffff")).toBe(1);
  });
});
