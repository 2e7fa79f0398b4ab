import { describe, expect, it } from "vitest";
import { z } from "zod";
import "./zod-messages.ts";
import { wholeNumber } from "./numbers.ts";

describe("plain validation messages", () => {
  it("replaces zod's defaults with plain language", () => {
    const schema = z.object({
      count: wholeNumber((n) => n.min(1)),
      mode: z.enum(["a", "b"]),
      name: z.string(),
      note: z.string().max(3),
      tags: z.array(z.string()).min(1),
    });
    const messages = schema
      .safeParse({ count: "abc", mode: "c", note: "long", tags: [] })
      .error!.issues.map((i) => i.message);
    expect(messages).toEqual([
      "Enter a whole number, like 12.",
      "Choose one of the listed options.",
      "Fill in this field.",
      "Use at most 3 characters.",
      "Choose at least 1.",
    ]);
    for (const m of messages) expect(m).not.toMatch(/Expected|received|Invalid input|nan/i);
  });

  it("keeps a schema's own message", () => {
    expect(z.string().min(3, "Use at least 3 characters.").safeParse("a").error!.issues[0].message).toBe(
      "Use at least 3 characters.",
    );
  });
});

describe("strict whole numbers", () => {
  const n = wholeNumber((x) => x.min(0).max(500));
  it.each(["0x10", "1e2", " 5", "5 ", "5.0", "+5", "", "NaN", "Infinity", "١٢"])(
    "refuses %j with a plain message",
    (raw) => {
      const result = n.safeParse(raw);
      expect(result.success).toBe(false);
      expect(result.error!.issues[0].message).toMatch(
        /^(Enter a whole number, like 12\.|Enter 0 or more\.|Enter 500 or less\.)$/,
      );
    },
  );
  it.each([
    ["0", 0],
    ["12", 12],
    ["500", 500],
  ])("accepts %j", (raw, value) => {
    expect(n.parse(raw)).toBe(value);
  });
});
