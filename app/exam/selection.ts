// Which items an attempt gets: counts per domain from the blueprint weights (largest remainder,
// so counts always add up), then a random draw without repeats.
import { randomInt } from "node:crypto";

export type Rng = (maxExclusive: number) => number;
export const cryptoRng: Rng = (max) => randomInt(max);

export interface DomainWeight {
  id: string;
  weight: number;
}

/** Splits `total` across domains in proportion to weight; every count is a whole number. */
export function allocate(domains: DomainWeight[], total: number): Map<string, number> {
  const sum = domains.reduce((n, d) => n + d.weight, 0);
  const raw = domains.map((d) => ({ id: d.id, exact: (d.weight / sum) * total }));
  const counts = new Map(raw.map((r) => [r.id, Math.floor(r.exact)]));
  let left = total - [...counts.values()].reduce((a, b) => a + b, 0);
  const byRemainder = [...raw].sort(
    (a, b) => b.exact - Math.floor(b.exact) - (a.exact - Math.floor(a.exact)) || a.id.localeCompare(b.id),
  );
  for (const r of byRemainder) {
    if (left <= 0) break;
    counts.set(r.id, counts.get(r.id)! + 1);
    left -= 1;
  }
  return counts;
}

export function shuffle<T>(items: readonly T[], rng: Rng = cryptoRng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export interface PoolItem {
  questionId: string;
  domainId: string;
}

export class NotEnoughItemsError extends Error {
  constructor(
    readonly available: number,
    readonly requested: number,
    readonly domainId?: string,
  ) {
    super(
      `Only ${available} matching items${domainId ? ` in ${domainId}` : ""} are available; ${requested} were requested.`,
    );
  }
}

/**
 * Draws `counts` items per domain from the pool without repeats. When a domain has too few
 * items, the shortfall moves to the other domains in weight order, so the total holds.
 */
export function drawByDomain<T extends PoolItem>(
  pool: readonly T[],
  counts: Map<string, number>,
  rng: Rng = cryptoRng,
  options: { exact?: boolean } = {},
): T[] {
  const requested = [...counts.values()].reduce((a, b) => a + b, 0);
  const unique = [...new Map(pool.map((p) => [p.questionId, p])).values()];
  if (unique.length < requested) throw new NotEnoughItemsError(unique.length, requested);
  if (options.exact) {
    // A simulation must match the blueprint: no borrowing between domains.
    for (const [domainId, n] of counts) {
      const available = unique.filter((p) => p.domainId === domainId).length;
      if (available < n) throw new NotEnoughItemsError(available, n, domainId);
    }
  }
  const byDomain = new Map<string, T[]>();
  for (const item of shuffle(unique, rng))
    (byDomain.get(item.domainId) ?? byDomain.set(item.domainId, []).get(item.domainId)!).push(item);
  const chosen: T[] = [];
  let shortfall = 0;
  for (const [domainId, n] of counts) {
    const available = byDomain.get(domainId) ?? [];
    chosen.push(...available.splice(0, n));
    shortfall += Math.max(0, n - chosen.filter((c) => c.domainId === domainId).length);
  }
  if (shortfall > 0) {
    const order = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
    const rest = [...order, ...byDomain.keys()].flatMap((id) => byDomain.get(id)?.splice(0) ?? []);
    chosen.push(...rest.slice(0, shortfall));
  }
  return chosen;
}

export interface SimulationPlan<T> {
  scored: T[];
  pretest: T[];
}

/** The real exam's shape: scored items exactly per the blueprint, pretest items by weight. */
export function planSimulation<T extends PoolItem>(
  pool: readonly T[],
  domains: (DomainWeight & { scoredItems: number })[],
  pretestItems: number,
  rng: Rng = cryptoRng,
): SimulationPlan<T> {
  const scoredCounts = new Map(domains.map((d) => [d.id, d.scoredItems]));
  const scored = drawByDomain(pool, scoredCounts, rng, { exact: true });
  const taken = new Set(scored.map((s) => s.questionId));
  const pretest = drawByDomain(
    pool.filter((p) => !taken.has(p.questionId)),
    allocate(domains, pretestItems),
    rng,
  );
  return { scored, pretest };
}

/** Domains ordered weakest first: lowest accuracy, and domains never practised count as weakest. */
export function weakestDomains(
  stats: { domainId: string; correct: number; answered: number }[],
  allDomains: string[],
  n = 3,
): string[] {
  const accuracy = new Map(stats.map((s) => [s.domainId, s.answered ? s.correct / s.answered : 0]));
  return [...allDomains]
    .sort((a, b) => (accuracy.get(a) ?? -1) - (accuracy.get(b) ?? -1) || a.localeCompare(b))
    .slice(0, n);
}
