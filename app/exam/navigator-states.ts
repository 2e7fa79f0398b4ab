// The question grid's states as the exam page sends them: one character per question, in order,
// instead of an object each. The page's data is encoded value by value (turbo-stream), so forty
// objects of three fields were most of what it encoded, on every exam page and on every reload
// of its data after an answer is saved.

export interface QuestionState {
  number: number;
  answered: boolean;
  flagged: boolean;
}

// Index: answered + 2 × flagged.
const CODES = "-afb";

export function encodeNavigatorStates(items: readonly Omit<QuestionState, "number">[]): string {
  let out = "";
  for (const item of items) out += CODES[(item.answered ? 1 : 0) + (item.flagged ? 2 : 0)];
  return out;
}

/** Question numbers count from 1, in the order encoded. */
export function decodeNavigatorStates(states: string): QuestionState[] {
  return Array.from(states, (code, i) => {
    const index = CODES.indexOf(code);
    if (index < 0) throw new Error(`Unknown question state "${code}".`);
    return { number: i + 1, answered: (index & 1) === 1, flagged: (index & 2) === 2 };
  });
}
