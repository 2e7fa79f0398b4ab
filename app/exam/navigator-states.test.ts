import { describe, expect, it } from "vitest";
import { decodeNavigatorStates, encodeNavigatorStates } from "~/exam/navigator-states.ts";

describe("question grid states on the wire", () => {
  const items = [
    { number: 1, answered: false, flagged: false },
    { number: 2, answered: true, flagged: false },
    { number: 3, answered: false, flagged: true },
    { number: 4, answered: true, flagged: true },
  ];

  it("is one character per question, and reads back as it was", () => {
    const states = encodeNavigatorStates(items);
    expect(states).toBe("-afb");
    expect(decodeNavigatorStates(states)).toEqual(items);
  });

  it("numbers questions from 1 in order, and an empty attempt is empty", () => {
    expect(decodeNavigatorStates("aa").map((q) => q.number)).toEqual([1, 2]);
    expect(encodeNavigatorStates([])).toBe("");
    expect(decodeNavigatorStates("")).toEqual([]);
  });

  it("refuses a state it does not know", () => {
    expect(() => decodeNavigatorStates("a?")).toThrow(/Unknown question state/);
  });
});
