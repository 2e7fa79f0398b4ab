import { describe, expect, it } from "vitest";
import { markdownToText, renderMarkdown } from "./markdown.server.ts";

describe("renderMarkdown", () => {
  it("gives headings GitHub ids and lists h2/h3 for the table of contents", () => {
    const { html, headings } = renderMarkdown("Intro\n\n## Who can see PHI?\n\ntext\n\n### The minimum necessary rule\n\n#### Deep\n");
    expect(html).toContain('<h2 id="who-can-see-phi">');
    expect(headings).toEqual([
      { id: "who-can-see-phi", text: "Who can see PHI?", level: 2 },
      { id: "the-minimum-necessary-rule", text: "The minimum necessary rule", level: 3 },
    ]);
  });

  it("renders callouts, tables and footnotes", () => {
    const { html } = renderMarkdown("> [!WARNING]\n> Never share passwords.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nFact.[^1]\n\n[^1]: Source note.\n");
    expect(html).toMatch(/class="markdown-alert markdown-alert-warning"/);
    expect(html).toContain("<table>");
    expect(html).toMatch(/data-footnote-ref/);
    expect(html).toContain("Source note.");
  });

  it("escapes raw HTML instead of rendering it", () => {
    const { html } = renderMarkdown('Hello <script>alert(1)</script> and <img src=x onerror="alert(2)">\n\n<div onclick="x()">block</div>\n');
    expect(html).not.toMatch(/<script|<img|<div onclick/);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;div onclick=&quot;x()&quot;&gt;block&lt;/div&gt;");
  });

  it("drops javascript: links but keeps the text, and marks external links", () => {
    const { html } = renderMarkdown("[bad](javascript:alert(1)) [hhs](https://www.hhs.gov/hipaa/index.html) [local](/glossary/phi)");
    expect(html).not.toContain("javascript:");
    expect(html).toContain("bad");
    expect(html).toContain('<a href="https://www.hhs.gov/hipaa/index.html" rel="noopener noreferrer external">hhs</a>');
    expect(html).toContain('<a href="/glossary/phi">local</a>');
  });

  it("folds Check yourself answers into a closed <details>, and only a list after an Answers line", () => {
    const md = "## Check yourself\n\n1. What is PHI?\n\n**Answers**\n\n1. Identifiable health information.\n\n**Answers** are below.\n\n- not folded\n";
    const { html } = renderMarkdown(md);
    expect(html).toContain(
      '<details class="check-answers"><summary>Show answers</summary><ol>\n<li>Identifiable health information.</li>\n</ol>\n</details>',
    );
    expect(html).not.toMatch(/<details[^>]*open/);
    expect(html.match(/<details/g)).toHaveLength(1);
    expect(html).toContain("<li>What is PHI?</li>");
    expect(html).toContain("<li>not folded</li>");
  });
});

describe("markdownToText", () => {
  it("strips markup for search", () => {
    expect(markdownToText("## Title\n\n> [!TIP]\n> Use **two** [identifiers](/glossary/x).")).toBe("Title Use two identifiers.");
  });
});
