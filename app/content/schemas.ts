// The shapes of authored content (content/README.md explains them to authors).
import { z } from "zod";
import { AREA_ID_PATTERN, DOMAIN_IDS, OPTION_LETTERS } from "./exam-ids.ts";

const questionId = z.string().regex(/^[A-Z]{3}-K\d{2}-\d{3}$/, "must look like LAW-K01-001");
const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lowercase letters, digits and single hyphens");
const kaId = z.string().regex(AREA_ID_PATTERN, "must look like LAW.K01");
const domainId = z.enum(DOMAIN_IDS);

export const referenceSchema = z.object({
  title: z.string().min(3),
  publisher: z.string().min(2),
  url: z.url({ protocol: /^https$/, error: "must be an https URL" }).optional(),
});

export const knowledgeAreaSchema = z.object({
  id: kaId,
  title: z.string().min(3),
  description: z.string().min(10),
  retired: z.boolean().optional(),
});

export const domainSchema = z.object({
  id: domainId,
  number: z.number().int().min(1).max(7),
  slug,
  name: z.string(),
  scoredItems: z.number().int().positive(),
  weight: z.number().positive().max(1),
  knowledgeAreas: z.array(knowledgeAreaSchema).min(1),
});

export const blueprintSchema = z.object({
  exam: z.object({
    name: z.string(),
    totalItems: z.number().int(),
    scoredItems: z.number().int(),
    pretestItems: z.number().int(),
    minutes: z.number().int(),
    optionsPerItem: z.number().int(),
    scaledScore: z.object({ min: z.number(), max: z.number(), pass: z.number() }),
    testPlan: z.string(),
  }),
  // Each of the exam's domains exactly once (the ids the code knows, app/content/exam-ids.ts).
  domains: z
    .array(domainSchema)
    .refine(
      (ds) => ds.length === DOMAIN_IDS.length && DOMAIN_IDS.every((id) => ds.some((d) => d.id === id)),
      `must list each exam domain once: ${DOMAIN_IDS.join(", ")}`,
    ),
});

export const lessonFrontmatterSchema = z.object({
  title: z.string().min(5).max(120),
  slug,
  domain: domainId,
  knowledgeAreas: z.array(kaId).min(1),
  objectives: z.array(z.string().min(10)).min(2).max(6),
  order: z.number().int().min(1),
  keyTerms: z.array(slug).default([]),
  references: z.array(referenceSchema).min(1),
});

export const glossaryCategories = [
  "root",
  "prefix",
  "suffix",
  "abbreviation",
  "do-not-use",
  "anatomy",
  "insurance",
  "billing",
  "coding",
  "legal",
  "compliance",
  "communication",
  "scheduling",
  "encounter",
  "office",
  "care-setting",
  "general",
] as const;

export const glossaryEntrySchema = z.object({
  term: z.string().min(1).max(80),
  slug,
  category: z.enum(glossaryCategories),
  definition: z.string().min(3),
  example: z.string().min(1, "every term needs an example from a medical office"),
  domain: domainId,
  knowledgeAreas: z.array(kaId).min(1),
  seeAlso: z.array(slug).optional(),
});



export const questionSchema = z.object({
  id: questionId,
  knowledgeArea: kaId,
  difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  cognitive: z.enum(["recall", "application"]),
  stem: z.string().min(15),
  options: z
    .array(z.object({ text: z.string().min(1), rationale: z.string().min(10, "every option needs a rationale") }))
    .length(4, "exactly four options"),
  answer: z.enum(OPTION_LETTERS),
  reference: referenceSchema,
  lesson: slug,
});

export const cardSchema = z.object({
  id: z.string().regex(/^[A-Z]{3}-C\d{4}$/, "must look like FND-C0001"),
  knowledgeArea: kaId,
  kind: z.enum(["word-part", "abbreviation", "term", "fact", "procedure", "code-set", "law"]),
  front: z.string().min(1),
  back: z.string().min(1),
  lesson: slug.optional(),
});

/** A deliberate overlap content:check should not flag: a question and the lesson (slug) or card (id) it shares words with. */
export const overlapAllowanceSchema = z.object({
  question: questionId,
  with: z.string().min(1),
  reason: z.string().min(10, "say why the overlap is deliberate"),
});

export type Blueprint = z.infer<typeof blueprintSchema>;
export type Domain = z.infer<typeof domainSchema>;
export type LessonFrontmatter = z.infer<typeof lessonFrontmatterSchema>;
export type GlossaryEntry = z.infer<typeof glossaryEntrySchema>;
export type QuestionSource = z.infer<typeof questionSchema>;
export type CardSource = z.infer<typeof cardSchema>;
export type OverlapAllowance = z.infer<typeof overlapAllowanceSchema>;
export type Reference = z.infer<typeof referenceSchema>;
