// A card's memory as FSRS models it, in the words the review pages use: difficulty (1–10),
// stability (days until recall falls to 90%) and the probability of recalling it now.
// Browser-safe: no server imports.
import { computeDecayFactor, default_w, forgetting_curve, State } from "ts-fsrs";

export interface CardMemory {
  /** FSRS difficulty, 1 (easy) to 10 (hard). */
  difficulty: number;
  /** FSRS stability in days: the wait after which recall drops to 90%. */
  stability: number;
  /** Probability of recalling the card now, 0–1. */
  recall: number;
}

const DAY_MS = 86_400_000;

type MemoryInput = { state: number; stability: number; difficulty: number; lastReview: Date | string | null };

/** Null for a card never rated: FSRS has no memory state for it yet. */
export function cardMemory(card: MemoryInput, now: Date, weights?: readonly number[] | null): CardMemory | null {
  if (card.state === State.New || !card.lastReview || card.stability <= 0) return null;
  const elapsed = Math.max(0, (now.getTime() - new Date(card.lastReview).getTime()) / DAY_MS);
  return {
    difficulty: card.difficulty,
    stability: card.stability,
    recall: forgetting_curve((weights?.length ? weights : default_w) as number[], elapsed, card.stability),
  };
}

/**
 * Recall falls below `target` once elapsed days exceed this multiple of the card's stability:
 * R = (1 + factor·t/S)^decay < target ⇔ t/S > (target^(1/decay) − 1)/factor (decay < 0). Lets
 * the database filter by recall with a plain comparison.
 */
export function recallBelowRatio(target: number, weights?: readonly number[] | null): number {
  const { decay, factor } = computeDecayFactor((weights?.length ? weights : default_w) as number[]);
  return (Math.pow(target, 1 / decay) - 1) / factor;
}

export const formatDifficulty = (d: number) => `${d.toFixed(1)} / 10`;

export function formatStability(days: number): string {
  if (days < 1) return `${Math.max(1, Math.round(days * 24))} h`;
  if (days < 10) return `${days.toFixed(1)} days`;
  return `${Math.round(days).toLocaleString("en-US")} days`;
}

export const formatRecall = (r: number) => `${Math.round(r * 100)}%`;
