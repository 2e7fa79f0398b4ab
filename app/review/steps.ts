// Learning and relearning steps: the short same-day intervals a new card (learning) or a
// forgotten card (relearning) goes through before FSRS schedules it in days. Stored as ts-fsrs
// step strings ("1m 10m"); this module parses, checks and formats them. Pure.
import type { StepUnit } from "ts-fsrs";

/** The most steps either list may have (Anki has no limit; more than a few is rarely useful). */
export const MAX_STEPS = 10;
/** Every step is at least a minute and shorter than a day: from a day on, FSRS schedules. */
export const MIN_STEP_MINUTES = 1;
export const MAX_STEP_MINUTES = 24 * 60;

const UNIT_MINUTES = { m: 1, h: 60, d: 24 * 60 } as const;
const STEP = /^(\d{1,4}(?:\.\d{1,2})?)([mhd])$/;

export type StepsResult = { ok: true; steps: StepUnit[] } | { ok: false; message: string };

/**
 * Parses "1m 10m" (spaces or commas between steps; units m, h or d). `minSteps` is 1 for
 * learning steps (a new card is always shown again the same day) and 0 for relearning (a
 * forgotten card may go straight back to FSRS).
 */
export function parseSteps(text: string, minSteps: 0 | 1): StepsResult {
  const tokens = text
    .trim()
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean);
  if (tokens.length < minSteps) return { ok: false, message: "Enter at least one step, for example 1m 10m." };
  if (tokens.length > MAX_STEPS) return { ok: false, message: `Use at most ${MAX_STEPS} steps.` };
  const steps: StepUnit[] = [];
  for (const token of tokens) {
    const m = STEP.exec(token);
    if (!m)
      return {
        ok: false,
        message: `"${token.slice(0, 20)}" is not a step: write a number and a unit, m (minutes), h (hours) or d (days), like 10m.`,
      };
    const minutes = Number(m[1]) * UNIT_MINUTES[m[2] as keyof typeof UNIT_MINUTES];
    if (minutes < MIN_STEP_MINUTES) return { ok: false, message: `${token} is too short: a step is at least 1m.` };
    if (minutes >= MAX_STEP_MINUTES)
      return { ok: false, message: `${token} is too long: each step must be shorter than a day (1d).` };
    steps.push(`${Number(m[1])}${m[2]}` as StepUnit);
  }
  return { ok: true, steps };
}

/** The stored form: steps separated by one space ("" for none). */
export const formatSteps = (steps: readonly StepUnit[]) => steps.join(" ");

/**
 * Steps read back from the database for the scheduler; a value that no longer passes (it was
 * stored before these rules) falls back to ts-fsrs's defaults by returning undefined.
 */
export function storedSteps(text: string | undefined, minSteps: 0 | 1): StepUnit[] | undefined {
  if (text === undefined) return undefined;
  const parsed = parseSteps(text, minSteps);
  return parsed.ok ? parsed.steps : undefined;
}

/** A step length in seconds as a step string: whole minutes under two hours, else hours. */
export function stepFromSeconds(seconds: number): StepUnit {
  const minutes = Math.max(MIN_STEP_MINUTES, Math.round(seconds / 60));
  if (minutes < 120) return `${minutes}m`;
  return `${Math.min(23.5, Math.round(minutes / 30) / 2)}h`;
}
