// Readiness: an estimated probability of passing, with its uncertainty, from recent answers
// (full mocks count fully, practice in tutor mode half), card memory and coverage. Pure maths.
import { ASSUMED_PASS_PERCENT } from "~/exam/scoring.ts";

export const READINESS_WINDOW_DAYS = 90;
export const SCORED_ITEMS = 110;
export const MIN_ANSWERS_PER_DOMAIN = 5;
/** Card memory sets each domain's starting point, worth this many answered questions. */
export const MEMORY_PRIOR_ITEMS = 2;

export interface DomainEvidence {
  domainId: string;
  name: string;
  /** Share of the scored exam (the weights are normalized here). */
  weight: number;
  /** Effective correct and wrong answers (already recency- and source-weighted). */
  correct: number;
  wrong: number;
  answers: number;
  /** Mean recall probability of the domain's cards, or null without cards. */
  memory: number | null;
}

export type Readiness =
  | { status: "insufficient"; needs: string[] }
  | {
      status: "estimate";
      probability: number;
      low: number;
      high: number;
      expectedPercent: number;
      domains: { domainId: string; name: string; expectedPercent: number; answers: number }[];
    };

/** P(at least `passMark` of `n` items right) when each is right with probability p. */
export function passGivenAccuracy(p: number, n = SCORED_ITEMS, passMark = Math.ceil(ASSUMED_PASS_PERCENT * n)): number {
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  // Sum the binomial tail in log space (n is small, so this is exact and cheap).
  let logCoef = 0; // log C(n, 0)
  let total = 0;
  for (let k = 0; k <= n; k++) {
    if (k > 0) logCoef += Math.log((n - k + 1) / k);
    if (k >= passMark) total += Math.exp(logCoef + k * Math.log(p) + (n - k) * Math.log(1 - p));
  }
  return Math.min(1, total);
}

const Z80 = 1.2816; // 10th and 90th percentiles of a normal distribution

function normalPdf(x: number) {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

export function estimateReadiness(domains: DomainEvidence[], opts: { recentMocks: number }): Readiness {
  const needs: string[] = [];
  if (opts.recentMocks === 0) needs.push(`Take a full mock exam (we use the last ${READINESS_WINDOW_DAYS} days).`);
  const thin = domains.filter((d) => d.answers < MIN_ANSWERS_PER_DOMAIN);
  if (thin.length)
    needs.push(`Answer at least ${MIN_ANSWERS_PER_DOMAIN} questions in: ${thin.map((d) => d.name).join(", ")}.`);
  if (needs.length) return { status: "insufficient", needs };

  const totalWeight = domains.reduce((n, d) => n + d.weight, 0);
  let mean = 0;
  let variance = 0;
  const perDomain = domains.map((d) => {
    // Beta posterior: a weak prior centred on card memory (or 50/50), then the answers.
    const m = d.memory ?? 0.5;
    const alpha = 1 + MEMORY_PRIOR_ITEMS * m + d.correct;
    const beta = 1 + MEMORY_PRIOR_ITEMS * (1 - m) + d.wrong;
    const mu = alpha / (alpha + beta);
    const v = (alpha * beta) / ((alpha + beta) ** 2 * (alpha + beta + 1));
    const w = d.weight / totalWeight;
    mean += w * mu;
    variance += w * w * v;
    return { domainId: d.domainId, name: d.name, expectedPercent: Math.round(mu * 100), answers: d.answers };
  });
  const sd = Math.sqrt(variance);
  // Average the pass chance over the uncertainty in true accuracy (normal approximation,
  // integrated on a grid ±4 SD); the interval maps the 10th/90th percentiles of accuracy.
  let probability = 0;
  let mass = 0;
  const steps = 160;
  for (let i = 0; i <= steps; i++) {
    const z = -4 + (8 * i) / steps;
    const p = Math.min(1, Math.max(0, mean + z * sd));
    const density = normalPdf(z);
    probability += density * passGivenAccuracy(p);
    mass += density;
  }
  probability /= mass;
  const clamp = (p: number) => Math.min(1, Math.max(0, p));
  return {
    status: "estimate",
    probability: Math.round(probability * 100),
    low: Math.round(passGivenAccuracy(clamp(mean - Z80 * sd)) * 100),
    high: Math.round(passGivenAccuracy(clamp(mean + Z80 * sd)) * 100),
    expectedPercent: Math.round(mean * 100),
    domains: perDomain,
  };
}
