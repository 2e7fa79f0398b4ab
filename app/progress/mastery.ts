// Mastery per exam domain and knowledge area (0–100), from two kinds of evidence:
// recent question accuracy (recency-weighted) and how well the learner's FSRS cards are
// remembered right now. Pure functions: the dashboard loads the rows, this does the maths.
import type { CardMemoryGroup } from "~/models/progress.server.ts";
import { default_w, forgetting_curve } from "ts-fsrs";

/** An answer loses half its weight every HALF_LIFE_DAYS. */
export const HALF_LIFE_DAYS = 30;
/** Imaginary unanswered questions (and unremembered cards) each score starts with, so a
 * handful of lucky answers can't look like mastery. */
export const PRIOR_ITEMS = 5;
/** Share of mastery from question accuracy when both kinds of evidence exist. */
export const QUESTION_SHARE = 0.6;

const DAY_MS = 86_400_000;

/** Answers given at one time (one attempt's answers in a knowledge area): how many, how many right. */
export interface AnswerEvidence {
  domainId: string;
  knowledgeArea: string;
  answered: number;
  correct: number;
  at: Date;
}

export interface MasteryScore {
  /** 0–100, or null when there is no evidence at all. */
  mastery: number | null;
  /** Recency-weighted share correct, shrunk toward 0 by PRIOR_ITEMS (0–1), null without answers. */
  accuracy: number | null;
  /** Mean recall probability of started cards, shrunk likewise (0–1), null without cards. */
  memory: number | null;
  answers: number;
  cards: number;
}

export function recencyWeight(at: Date, now: Date): number {
  const ageDays = Math.max(0, (now.getTime() - at.getTime()) / DAY_MS);
  return Math.pow(0.5, ageDays / HALF_LIFE_DAYS);
}

/** Probability of recalling a card now under FSRS's forgetting curve (the database computes
 * the same sum for a learner's cards in one query: see models/progress.server.ts). */
export function retrievability(
  card: { stability: number; lastReview: Date | null },
  now: Date,
  weights: readonly number[] = default_w,
): number {
  if (!card.lastReview || card.stability <= 0) return 0;
  const elapsed = Math.max(0, (now.getTime() - card.lastReview.getTime()) / DAY_MS);
  return forgetting_curve(weights as number[], elapsed, card.stability);
}

interface Tally {
  weighted: number;
  weightedCorrect: number;
  answers: number;
  recall: number;
  cards: number;
}

const emptyTally = (): Tally => ({ weighted: 0, weightedCorrect: 0, answers: 0, recall: 0, cards: 0 });

export function scoreTally(t: Tally): MasteryScore {
  const accuracy = t.answers ? t.weightedCorrect / (t.weighted + PRIOR_ITEMS) : null;
  const memory = t.cards ? t.recall / (t.cards + PRIOR_ITEMS) : null;
  let mastery: number | null = null;
  if (accuracy !== null && memory !== null) mastery = QUESTION_SHARE * accuracy + (1 - QUESTION_SHARE) * memory;
  else mastery = accuracy ?? memory;
  return {
    mastery: mastery === null ? null : Math.round(mastery * 100),
    accuracy,
    memory,
    answers: t.answers,
    cards: t.cards,
  };
}

export interface MasteryInput {
  answers: AnswerEvidence[];
  memory: CardMemoryGroup[];
  now: Date;
}

/** Tallies evidence by domain and by knowledge area in one pass. */
export function tallyMastery({ answers, memory, now }: MasteryInput) {
  const byDomain = new Map<string, Tally>();
  const byArea = new Map<string, Tally>();
  const get = (map: Map<string, Tally>, key: string) => map.get(key) ?? map.set(key, emptyTally()).get(key)!;
  for (const a of answers) {
    const w = recencyWeight(a.at, now);
    for (const t of [get(byDomain, a.domainId), get(byArea, a.knowledgeArea)]) {
      t.weighted += w * a.answered;
      t.weightedCorrect += w * a.correct;
      t.answers += a.answered;
    }
  }
  for (const g of memory) {
    const tallies = [get(byDomain, g.domainId)];
    if (g.knowledgeArea) tallies.push(get(byArea, g.knowledgeArea));
    for (const t of tallies) {
      t.recall += g.recall;
      t.cards += g.cards;
    }
  }
  return {
    domain: (id: string) => scoreTally(byDomain.get(id) ?? emptyTally()),
    area: (id: string) => scoreTally(byArea.get(id) ?? emptyTally()),
  };
}

export interface AreaRef {
  id: string;
  name: string;
  domainId: string;
  /** The domain's share of the scored exam (0–1). */
  domainWeight: number;
}

/**
 * The knowledge areas to work on next: lowest mastery first. An area with no evidence counts as
 * 0 (nothing shown yet is the weakest preparation); ties go to the domain worth more on the exam.
 */
export function weakestAreas(areas: AreaRef[], score: (id: string) => MasteryScore, count = 3) {
  return areas
    .map((a) => ({ ...a, score: score(a.id) }))
    .sort(
      (a, b) =>
        (a.score.mastery ?? 0) - (b.score.mastery ?? 0) || b.domainWeight - a.domainWeight || a.id.localeCompare(b.id),
    )
    .slice(0, count);
}

export type { CardMemoryGroup };
