// Small text helpers shared by the content checks and the lesson index.

/** Words as a reader counts them (markdown punctuation, URLs and link targets excluded). */
export function countWords(markdown: string): number {
  const text = markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/\]\([^)]*\)/g, "]")
    .replace(/https?:\/\/\S+/g, " ");
  return (text.match(/[A-Za-z0-9][A-Za-z0-9'’/-]*/g) ?? []).length;
}

const STOP = new Set(["a", "an", "the", "of", "to", "and", "or", "is", "in", "for", "on", "what", "which", "should", "be", "with", "by", "at", "as", "that", "this", "it"]);

/** Content words of a stem, for near-duplicate detection. */
export function stemTokens(stem: string): Set<string> {
  return new Set((stem.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((w) => !STOP.has(w)));
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size && !b.size) return 1;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/** Runs of `n` consecutive words (lowercase, markdown link targets dropped): the unit of copied wording. */
export function wordRuns(text: string, n: number): Set<string> {
  const words = text.toLowerCase().replace(/\]\([^)]*\)/g, "]").match(/[a-z0-9]+/g) ?? [];
  const runs = new Set<string>();
  for (let i = 0; i + n <= words.length; i++) runs.add(words.slice(i, i + n).join(" "));
  return runs;
}

/** The share of `part`'s runs that also occur in `whole` (1 = every run of `part` is in `whole`). */
export function containment(part: Set<string>, whole: Set<string>): number {
  if (!part.size) return 0;
  let shared = 0;
  for (const run of part) if (whole.has(run)) shared += 1;
  return shared / part.size;
}
