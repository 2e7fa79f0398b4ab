// A repeated form or URL field (checkboxes, hidden inputs, ?a=1&a=2) as a list for zod: refused
// when more values arrive than the form can send (before each value is checked, so 100,000 of
// them cost nothing), then de-duplicated. Each schema states its own cap and message.
import { z } from "zod";

export function listField<T extends z.ZodType>(item: T, max: number, tooMany: string) {
  return z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z
      .array(z.unknown())
      .max(max, tooMany)
      .pipe(z.array(item))
      .transform((list) => [...new Set(list)]),
  );
}
