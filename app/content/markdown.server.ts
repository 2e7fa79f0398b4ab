// Lesson markdown to HTML with marked: GitHub heading ids (for the table of contents),
// GitHub-style callouts, tables and footnotes. Authored HTML is not trusted: raw HTML is shown
// as text, and links may only be http(s), mailto or site-relative.
import { Marked, type Token, type Tokens } from "marked";
import sanitizeHtml from "sanitize-html";
import { LRUCache } from "lru-cache";
import markedAlert from "marked-alert";
import markedFootnote from "marked-footnote";
import { getHeadingList, gfmHeadingId, resetHeadings } from "marked-gfm-heading-id";
import { escapeHtml } from "~/utils/html.ts";

export interface Heading {
  id: string;
  text: string;
  level: number;
}


const SAFE_URL = /^(https?:|mailto:|\/(?!\/)|#)/i;

function createMarked() {
  const marked = new Marked({ gfm: true, async: false });
  marked.use(gfmHeadingId(), markedAlert(), markedFootnote({ description: "Notes" }));
  marked.use({
    renderer: {
      html({ text }: Tokens.HTML | Tokens.Tag) {
        return escapeHtml(text);
      },
      link({ href, title, tokens }: Tokens.Link) {
        const label = this.parser.parseInline(tokens);
        if (!SAFE_URL.test(href)) return label;
        const external = /^https?:/i.test(href);
        const titleAttr = title ? ` title="${escapeHtml(title)}"` : "";
        const rel = external ? ' rel="noopener noreferrer external"' : "";
        return `<a href="${escapeHtml(href)}"${titleAttr}${rel}>${label}</a>`;
      },
      image({ text }: Tokens.Image) {
        // Lessons carry no images yet; show the alt text rather than load anything remote.
        return escapeHtml(text);
      },
    },
  });
  return marked;
}

// "Check yourself": a lesson's answers (a paragraph that is just **Answers**, then a list) stay
// folded until the learner asks, so they can try the questions first. <details> needs no script.
const ANSWERS_LABEL = /^\*\*Answers\*\*$/;

function foldAnswers(marked: Marked) {
  marked.use({
    extensions: [
      {
        name: "foldedAnswers",
        level: "block",
        renderer(token) {
          const list = this.parser.parse(token.tokens ?? []);
          return `<details class="check-answers"><summary>Show answers</summary>${list}</details>\n`;
        },
      },
    ],
    hooks: {
      processAllTokens(tokens) {
        const out: Token[] = [];
        for (let i = 0; i < tokens.length; i++) {
          const token = tokens[i];
          const next = tokens.slice(i + 1).find((t) => t.type !== "space");
          if (token.type === "paragraph" && ANSWERS_LABEL.test(token.raw.trim()) && next?.type === "list") {
            out.push({ type: "foldedAnswers", raw: token.raw + next.raw, tokens: [next] } as Token);
            i = tokens.indexOf(next);
          } else out.push(token);
        }
        return out;
      },
    },
  });
}

const marked = createMarked();
foldAnswers(marked);

/** Renders markdown to HTML and returns the h2/h3 headings for a table of contents. */
export function renderMarkdown(markdown: string): { html: string; headings: Heading[] } {
  resetHeadings();
  const html = marked.parse(markdown) as string;
  const headings = getHeadingList()
    .filter((h) => h.level === 2 || h.level === 3)
    .map((h) => ({ id: h.id, level: h.level, text: h.text.replace(/<[^>]+>/g, "").replace(/&amp;/g, "&").replace(/&#39;/g, "'").replace(/&quot;/g, '"') }));
  return { html, headings };
}

/** Plain text of markdown, for search and snippets. */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/^>\s*\[![A-Z]+\]\s*$/gm, " ")
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/\[\^[^\]]+\]:?/g, " ")
    .replace(/^#{1,6}\s+/gm, "")
    .replace(/^\s*[-*+>|]\s?/gm, "")
    .replace(/[*_`|~]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

// Question stems: inline markdown only (bold, italics, code), since a stem sits inside a
// <legend>. Instructors write stems, so the HTML is also run through sanitize-html with a
// short allow-list: whatever marked lets through, nothing else survives.
const inlineMarked = createMarked();
const STEM_TAGS = ["strong", "em", "code", "del", "br"];

// A stem renders the same every time, and every exam page shows one: keep the recent ones
// (about a tenth of a millisecond each to render, a few hundred bytes each to keep).
const renderedStems = new LRUCache<string, string>({ max: 5_000 });

export function renderStem(markdown: string): string {
  let html = renderedStems.get(markdown);
  if (html === undefined) {
    const raw = inlineMarked.parseInline(markdown) as string;
    html = sanitizeHtml(raw, { allowedTags: STEM_TAGS, allowedAttributes: {}, disallowedTagsMode: "escape" });
    renderedStems.set(markdown, html);
  }
  return html;
}
