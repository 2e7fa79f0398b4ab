// Loads content/ questions and cards into the database (npm run content:sync, and db:seed).
// Items with problems are skipped and reported; everything else syncs.
import { checkContent } from "../../app/content/check.ts";
import { loadContent } from "../../app/content/load.server.ts";
import { syncCards, syncQuestions, type SyncCounts } from "../../app/models/bank.server.ts";

export interface SyncReport {
  questions: SyncCounts;
  cards: SyncCounts;
  problems: number;
  summary: string;
}

const describe = (label: string, c: SyncCounts) =>
  `${label}: ${c.created} new, ${c.updated} new versions, ${c.unchanged} unchanged, ${c.retired} retired, ${c.restored} restored`;

export async function syncContent(root?: string): Promise<SyncReport> {
  const content = loadContent(root);
  const { problems } = checkContent(content);
  // Skip items a problem points at (by file:line), so one bad item cannot block the rest.
  const bad = new Set(problems.map((p) => `${p.file}:${p.line}`));
  const questions = await syncQuestions(
    content.questions.filter((q) => !bad.has(`${q.file}:${q.line}`)).map((q) => q.value),
  );
  const cards = await syncCards(content.cards.filter((c) => !bad.has(`${c.file}:${c.line}`)).map((c) => c.value));
  const summary = [
    describe("Questions", questions),
    describe("Cards", cards),
    problems.length ? `${problems.length} content problem(s): run npm run content:check for details` : "",
  ]
    .filter(Boolean)
    .join("\n");
  return { questions, cards, problems: problems.length, summary };
}
