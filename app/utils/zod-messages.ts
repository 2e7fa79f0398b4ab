// One plain-language error map for every zod schema, so no field ever shows a zod default such
// as "Expected number, received nan" or "Invalid input". A schema's own message still wins.
// Loaded once at startup (entry.server.tsx) and by the form helpers every action uses.
import { z } from "zod";

type Issue = {
  code: string;
  expected?: unknown;
  input?: unknown;
  origin?: unknown;
  minimum?: unknown;
  maximum?: unknown;
};

export function plainMessage(issue: Issue): string {
  const bound = (n: unknown) =>
    typeof n === "number" || typeof n === "bigint" ? n.toLocaleString("en-US") : String(n);
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined || issue.input === null || issue.input === "") return "Fill in this field.";
      if (issue.expected === "number" || issue.expected === "int") return "Enter a number, like 12.";
      if (issue.expected === "date") return "Enter a valid date.";
      return "This value is not valid here.";
    case "too_small":
      if (issue.origin === "string") return `Use at least ${bound(issue.minimum)} characters.`;
      if (issue.origin === "array" || issue.origin === "set") return `Choose at least ${bound(issue.minimum)}.`;
      return `Enter ${bound(issue.minimum)} or more.`;
    case "too_big":
      if (issue.origin === "string") return `Use at most ${bound(issue.maximum)} characters.`;
      if (issue.origin === "array" || issue.origin === "set") return `Choose at most ${bound(issue.maximum)}.`;
      return `Enter ${bound(issue.maximum)} or less.`;
    case "invalid_value":
    case "invalid_union":
      return "Choose one of the listed options.";
    case "invalid_format":
      return "This is not in the expected format.";
    case "not_multiple_of":
      return "Enter a whole number.";
    default:
      return "This value is not valid here.";
  }
}

z.config({ customError: (issue) => plainMessage(issue as Issue) });
