// Numbers typed into forms and URLs are parsed strictly: plain decimal digits only. Number() and
// z.coerce would accept "0x10", "1e2", " 5" or "" (as 0); a learner or a probe sending those gets
// a plain message instead.
import { z } from "zod";

const WHOLE = /^-?\d{1,12}$/;
const DECIMAL = /^-?\d{1,12}(\.\d{1,12})?$/;

type NumberRules = (n: z.ZodNumber) => z.ZodNumber;
const asIs: NumberRules = (n) => n;

/** Parses "12" as 12, then applies `rules` (min, max); anything else fails with `message`. */
export function wholeNumber(rules: NumberRules = asIs, message = "Enter a whole number, like 12.") {
  return z.preprocess(
    (v) => (typeof v === "string" && WHOLE.test(v) ? Number(v) : v),
    rules(z.number({ error: message }).int(message)),
  );
}

/** Parses "1.25" as 1.25 (digits, an optional point and digits); anything else fails with `message`. */
export function decimalNumber(rules: NumberRules = asIs, message = "Enter a number, like 1.5.") {
  return z.preprocess(
    (v) => (typeof v === "string" && DECIMAL.test(v) ? Number(v) : v),
    rules(z.number({ error: message })),
  );
}

/** The same rule for a value read outside zod (a route parameter): the number, or null. */
export function parseWholeNumber(value: string | null | undefined): number | null {
  return value != null && WHOLE.test(value) ? Number(value) : null;
}
