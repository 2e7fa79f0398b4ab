// npm run content:check: every content rule, with file:line for each problem; exits 1 on any.
// --no-volume skips the volume targets (useful while drafting a domain).
import { checkContent } from "../app/content/check.ts";
import { loadContent } from "../app/content/load.server.ts";

const content = loadContent();
const { problems, questionTable } = checkContent(content, { volume: !process.argv.includes("--no-volume") });

const pad = (s: string | number, n: number) => String(s).padEnd(n);
console.log("Question bank by domain (target = 7 x scored items):");
console.log(`${pad("domain", 8)}${pad("items", 7)}${pad("target", 8)}${pad("applic.", 9)}A/B/C/D keys`);
for (const row of questionTable) {
  const pct = (n: number) => (row.items ? `${Math.round((n / row.items) * 100)}%` : "-");
  console.log(
    `${pad(row.domain, 8)}${pad(row.items, 7)}${pad(row.target, 8)}${pad(pct(row.application), 9)}${["A", "B", "C", "D"].map((l) => pct(row.keys[l])).join(" / ")}`,
  );
}
const total = questionTable.reduce((n, r) => n + r.items, 0);
console.log(
  `Totals: ${content.lessons.length} lessons, ${content.glossary.length} glossary entries, ${total} questions, ${content.cards.length} cards.`,
);
if (problems.length) {
  console.error(`\n${problems.length} problem(s):`);
  for (const p of problems) console.error(`${p.file}${p.line ? `:${p.line}` : ""}: ${p.message}`);
  process.exit(1);
}
console.log("Content OK.");
