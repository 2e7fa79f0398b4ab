// What a learner may ask for when starting an attempt or answering an item (validated on the server).
import { z } from "zod";
import { listField } from "~/utils/list-field.ts";
import { wholeNumber } from "~/utils/numbers.ts";
import { AREA_ID_PATTERN, DOMAIN_IDS } from "~/content/exam-ids.ts";

const AREA_ID = AREA_ID_PATTERN;
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
const domainList = listField(
  z.enum(DOMAIN_IDS, { error: "Choose exam domains from the list." }),
  DOMAIN_IDS.length,
  `Choose at most ${DOMAIN_IDS.length} exam domains.`,
);

const MAX_AREAS = 10;
const areaList = listField(
  z.string().regex(AREA_ID, "Choose knowledge areas from the list."),
  MAX_AREAS,
  `Choose at most ${MAX_AREAS} knowledge areas.`,
);

export const practiceFormSchema = z
  .object({
    domains: domainList,
    // Knowledge areas (e.g. the dashboard's weakest three): questions only from these.
    areas: areaList.default([]),
    weakest: checkbox.default(false),
    // "All domains": every domain, without ticking seven boxes.
    allDomains: checkbox.default(false),
    count: wholeNumber(
      (n) => n.min(5, "Choose at least 5 questions.").max(135, "Choose at most 135 questions."),
      "Use a whole number of questions.",
    ),
    timed: checkbox.default(false),
    minutes: z.preprocess(
      (v) => (v === "" || v === undefined ? undefined : v),
      wholeNumber(
        (n) => n.min(1, "Allow at least 1 minute.").max(300, "Allow at most 300 minutes."),
        "Use whole minutes.",
      ).optional(),
    ),
    mode: z.enum(["exam", "tutor"], { error: "Choose exam mode or tutor mode." }),
    only: z.enum(["all", "unseen", "missed"], { error: "Choose which questions to include." }).default("all"),
    lesson: z
      .string()
      .regex(/^[a-z0-9-]+$/)
      .max(100)
      .optional()
      .or(z.literal("").transform(() => undefined)),
  })
  .refine((v) => v.weakest || v.allDomains || v.domains.length > 0 || v.lesson || v.areas.length > 0, {
    path: ["domains"],
    message: "Choose at least one domain, “All domains” or “My weakest domains”.",
  })
  .transform(({ allDomains, ...v }) => (allDomains ? { ...v, domains: [...DOMAIN_IDS] } : v));

export type PracticeForm = z.infer<typeof practiceFormSchema>;

export const answerFormSchema = z.object({
  intent: z.enum(["answer", "check", "flag", "unflag", "next", "previous", "review", "goto"]).default("answer"),
  choice: z.preprocess((v) => (v === "" ? undefined : v), wholeNumber((n) => n.min(0).max(3)).optional()),
  goto: wholeNumber((n) => n.min(1).max(200)).optional(),
  // The page's own form says so: a browser without JS posts it as a document, and gets a redirect
  // back to the question instead of a re-render of the whole page (fetchers leave it out).
  from: z.literal("page").optional(),
});

/** Links from the dashboard and study plan prefill the practice form: ?domains=LAW,BIL&areas=LAW.K01&count=10.
 * Anything malformed is dropped (a link is not a form to correct); lists are capped and de-duplicated. */
const csvList = (pattern: RegExp, max: number) =>
  z
    .string()
    .max(200)
    .transform((v) => [...new Set(v.split(",").filter((x) => pattern.test(x)))].slice(0, max))
    .optional()
    .transform((v) => v ?? []);
export const practicePrefillSchema = z.object({
  areas: csvList(AREA_ID, MAX_AREAS).catch([]),
  domains: csvList(new RegExp(`^(${DOMAIN_IDS.join("|")})$`), DOMAIN_IDS.length).catch([]),
  count: wholeNumber((n) => n.min(5).max(135))
    .optional()
    .catch(undefined),
});

/** "Submit it and start a new one": the open attempt to submit first. */
export const replaceParam = z
  .string()
  .regex(/^[a-z0-9]{20,32}$/)
  .optional()
  .or(z.literal("").transform(() => undefined));

export const positionParam = wholeNumber((n) => n.min(1).max(200));
export const attemptIdParam = z.string().regex(/^[a-z0-9]{20,32}$/);

/** Parses a practice form where `domains` may repeat (checkboxes). */
export function practiceFormInput(formData: FormData) {
  const entries = Object.fromEntries(
    [...formData].filter(([k, v]) => k !== "domains" && k !== "areas" && typeof v === "string"),
  );
  const list = (key: string) => formData.getAll(key).filter((v) => typeof v === "string");
  return { ...entries, domains: list("domains"), areas: list("areas") };
}
