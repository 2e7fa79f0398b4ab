// One colour per exam domain, for chips, charts and mastery marks. The CSS custom properties in
// app/tailwind.css (--domain-<id>, --domain-<id>-soft) carry these same values; this module holds
// the hex values so a test can check them against the stylesheet and compute their contrast.
import { DOMAIN_IDS, type DomainId } from "./exam-ids.ts";

/** `ink`: text and graphical marks; `soft`: the chip background behind `ink` text. */
export interface DomainShade {
  ink: string;
  soft: string;
}

export const DOMAIN_COLORS: Record<DomainId, { hue: string; light: DomainShade; dark: DomainShade }> = {
  FND: { hue: "violet", light: { ink: "#6d28d9", soft: "#ede9fe" }, dark: { ink: "#c4b5fd", soft: "#2a1f4d" } },
  COM: { hue: "teal", light: { ink: "#0f6b63", soft: "#ccfbf1" }, dark: { ink: "#5eead4", soft: "#0f2f2c" } },
  LAW: { hue: "rose", light: { ink: "#be123c", soft: "#ffe4e6" }, dark: { ink: "#fda4af", soft: "#3d1520" } },
  SCH: { hue: "orange", light: { ink: "#9a4a00", soft: "#ffedd5" }, dark: { ink: "#fdba74", soft: "#3a2410" } },
  ENC: { hue: "green", light: { ink: "#166534", soft: "#dcfce7" }, dark: { ink: "#86efac", soft: "#11301d" } },
  BIL: { hue: "blue", light: { ink: "#1d4ed8", soft: "#dbeafe" }, dark: { ink: "#93c5fd", soft: "#15264a" } },
  ADM: { hue: "magenta", light: { ink: "#a21caf", soft: "#fae8ff" }, dark: { ink: "#f0abfc", soft: "#3b1640" } },
};

function isDomainId(id: string): id is DomainId {
  return (DOMAIN_IDS as readonly string[]).includes(id);
}

/** The CSS colour of a domain's text and marks (follows the theme), e.g. for a chart's fill. */
export function domainColor(id: string): string {
  return isDomainId(id) ? `var(--domain-${id.toLowerCase()})` : "var(--brand)";
}

/** The CSS colour of a domain's soft background (follows the theme). */
export function domainSoftColor(id: string): string {
  return isDomainId(id) ? `var(--domain-${id.toLowerCase()}-soft)` : "var(--brand-soft)";
}

/** WCAG relative luminance of a #rrggbb colour. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio between two #rrggbb colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
