// URL parameter schemas for the lesson, glossary and search pages.
import { z } from "zod";
import { DOMAIN_IDS } from "./exam-ids.ts";

export const slugParam = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(100);
export const domainIdParam = z.enum(DOMAIN_IDS);

export const glossaryQuery = z.object({
  letter: z
    .string()
    .regex(/^[A-Z#]$/, "Choose a letter from A to Z.")
    .optional()
    .catch(undefined),
  domain: domainIdParam.optional().catch(undefined),
});

export const searchQuery = z.object({
  q: z.string().trim().max(200, "Search for at most 200 characters.").default(""),
  kind: z.enum(["all", "lesson", "term"]).default("all").catch("all"),
});
