// Simple HTML (Moodle's question text editor) to Charted's stem format: inline markdown with
// **bold**, _italics_ and `code`. Anything richer (images, tables, links, lists) is refused with
// the tag's name, rather than losing part of a question silently.

const INLINE: Record<string, string> = { b: "**", strong: "**", i: "_", em: "_", code: "`", tt: "`" };
const BLOCK = new Set(["p", "div"]);
const IGNORED = new Set(["span", "font", "u"]);

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1].toLowerCase() === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

export type HtmlResult = { ok: true; text: string } | { ok: false; message: string };

export function htmlToStem(html: string): HtmlResult {
  let out = "";
  let last = 0;
  const unsupported = new Set<string>();
  for (const m of html.matchAll(/<(\/?)([a-z][a-z0-9]*)\b[^>]*?(\/?)>|<!--[\s\S]*?-->/gi)) {
    out += decodeEntities(html.slice(last, m.index)).replace(/\s+/g, " ");
    last = m.index + m[0].length;
    const name = m[2]?.toLowerCase();
    if (!name) continue; // an HTML comment
    if (INLINE[name]) out += INLINE[name];
    else if (BLOCK.has(name)) out += "\n\n";
    else if (name === "br") out += "\n";
    else if (!IGNORED.has(name)) unsupported.add(`<${name}>`);
  }
  out += decodeEntities(html.slice(last)).replace(/\s+/g, " ");
  if (unsupported.size)
    return {
      ok: false,
      message: `Its text uses HTML Charted cannot show (${[...unsupported].join(", ")}): questions allow bold, italics and code only.`,
    };
  const text = out
    .split("\n")
    .map((l) => l.trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return { ok: true, text };
}
