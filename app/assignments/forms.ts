// What an instructor may submit when creating an assignment, and how the item bank is browsed.
// Validated on the server; times are wall-clock in the instructor's time zone.
import { TZDate } from "@date-fns/tz";
import { z } from "zod";
import { listField } from "~/utils/list-field.ts";
import { REVEAL_POLICIES } from "~/exam/key-release.ts";
import { ASSIGNMENT_SOURCES } from "~/models/json-columns.ts";
import { wholeNumber } from "~/utils/numbers.ts";
import { AREA_ID_PATTERN, DOMAIN_IDS } from "~/content/exam-ids.ts";

export { DOMAIN_IDS };
const QUESTION_ID = /^[A-Za-z0-9-]{3,64}$/;
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
/** The most items an assignment (a full simulation's length) can hand-pick. */
export const MAX_PICKED = 135;
const domainList = listField(
  z.enum(DOMAIN_IDS, { error: "Choose exam domains from the list." }),
  DOMAIN_IDS.length,
  `Choose at most ${DOMAIN_IDS.length} domains.`,
);
const questionIdList = listField(
  z.string().regex(QUESTION_ID, "Choose questions from the list."),
  MAX_PICKED,
  `Choose at most ${MAX_PICKED} questions.`,
);
const optionalWholeNumber = (rules: (n: z.ZodNumber) => z.ZodNumber, message: string) =>
  z.preprocess((v) => (v === "" || v === undefined ? undefined : v), wholeNumber(rules, message).optional());

/** "2026-12-01T09:00" (a datetime-local value) as an instant in `timeZone`; null if impossible. */
export function localToInstant(value: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
  const date = new TZDate(y, mo - 1, d, h, mi, 0, timeZone);
  // Reject a rolled-over date such as 31 February.
  if (date.getMonth() !== mo - 1 || date.getDate() !== d) return null;
  return new Date(date.getTime());
}

/** An instant as a datetime-local value in `timeZone` (to prefill the form). */
export function instantToLocal(date: Date, timeZone: string): string {
  const t = new TZDate(date.getTime(), timeZone);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${t.getFullYear()}-${p(t.getMonth() + 1)}-${p(t.getDate())}T${p(t.getHours())}:${p(t.getMinutes())}`;
}

const localDateTime = (label: string, timeZone: string) =>
  z
    .string({ error: `Enter the ${label}.` })
    .min(1, `Enter the ${label}.`)
    .transform((v, ctx) => {
      const at = localToInstant(v, timeZone);
      if (!at) {
        ctx.addIssue({ code: "custom", message: `Enter the ${label} as a date and time.` });
        return z.NEVER;
      }
      return at;
    });

export function assignmentFormSchema(timeZone: string) {
  return z
    .object({
      title: z
        .string({ error: "Give the assignment a title." })
        .trim()
        .min(2, "Use at least 2 characters.")
        .max(120, "Use at most 120 characters."),
      source: z.enum(ASSIGNMENT_SOURCES, { error: "Choose where the questions come from." }),
      domains: domainList,
      questionIds: questionIdList,
      itemCount: optionalWholeNumber(
        (n) => n.min(5, "Choose at least 5 questions.").max(135, "Choose at most 135 questions."),
        "Use a whole number of questions.",
      ),
      timed: checkbox.default(false),
      minutes: optionalWholeNumber(
        (n) => n.min(1, "Allow at least 1 minute.").max(300, "Allow at most 300 minutes."),
        "Use whole minutes.",
      ),
      opensAt: localDateTime("opening date", timeZone),
      dueAt: localDateTime("due date", timeZone),
      attemptsAllowed: wholeNumber(
        (n) => n.min(1, "Allow at least 1 attempt.").max(10, "Allow at most 10 attempts."),
        "Use a whole number of attempts.",
      ),
      revealPolicy: z.enum(REVEAL_POLICIES, { error: "Choose when students see the answers." }),
    })
    .superRefine((v, ctx) => {
      // zod 4 runs this refinement even when a field above failed: only compare real dates.
      if (v.dueAt instanceof Date && v.opensAt instanceof Date && v.dueAt.getTime() <= v.opensAt.getTime())
        ctx.addIssue({ code: "custom", path: ["dueAt"], message: "The due date must be after the opening date." });
      if (v.source === "domains" && !v.domains?.length)
        ctx.addIssue({ code: "custom", path: ["domains"], message: "Choose at least one domain." });
      if (v.source === "domains" && v.itemCount === undefined)
        ctx.addIssue({ code: "custom", path: ["itemCount"], message: "Enter how many questions to draw." });
      if (v.source === "items" && !v.questionIds?.length)
        ctx.addIssue({ code: "custom", path: ["questionIds"], message: "Tick at least one question." });
      if (v.timed && v.minutes === undefined)
        ctx.addIssue({ code: "custom", path: ["minutes"], message: "Enter the time limit, or untick “Timed”." });
    });
}

export type AssignmentForm = z.infer<ReturnType<typeof assignmentFormSchema>>;

/** Repeated checkboxes (domains, questionIds) as arrays; other fields as strings. */
export function assignmentFormInput(formData: FormData) {
  const strings = [...formData].filter(([, v]) => typeof v === "string") as [string, string][];
  return {
    ...Object.fromEntries(strings.filter(([k]) => k !== "domains" && k !== "questionIds")),
    domains: strings.filter(([k]) => k === "domains").map(([, v]) => v),
    questionIds: strings.filter(([k]) => k === "questionIds").map(([, v]) => v),
  };
}

/** What the new-assignment page carries in its URL while the bank is browsed (GET): the ticks. */
export const pickedQuerySchema = z.object({ domains: domainList, questionIds: questionIdList });

/** Filters for browsing the bank while picking items (GET query). Bad values are a 400. */
export const bankFilterSchema = z.object({
  domain: z
    .enum(DOMAIN_IDS)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  ka: z
    .string()
    .regex(AREA_ID_PATTERN)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  difficulty: z.preprocess((v) => (v === "" ? undefined : v), wholeNumber((n) => n.min(1).max(3)).optional()),
  q: z.string().trim().max(100).optional(),
  page: z.preprocess((v) => (v === "" ? undefined : v), wholeNumber((n) => n.min(1).max(10_000)).default(1)),
});
export type BankFilter = z.infer<typeof bankFilterSchema>;

export const idParam = z.string().regex(/^[a-z0-9]{20,32}$/);
export const startForm = z.object({ intent: z.literal("start") });

/** Time limit choices in a student's override: the assignment's, other minutes, or none. */
export const OVERRIDE_TIME_LIMITS = ["keep", "minutes", "untimed"] as const;

/** An instructor's override for one student: each part optional, at least one given. Whether the
 * due date is after the opening and the student is a member is checked against the assignment. */
export function overrideFormSchema(timeZone: string) {
  return z
    .object({
      intent: z.literal("save-override"),
      userId: z.string({ error: "Choose a student." }).regex(/^[a-z0-9]{20,32}$/, "Choose a student from the list."),
      dueAt: z.preprocess((v) => (v === "" ? undefined : v), localDateTime("new due date", timeZone).optional()),
      timeLimit: z.enum(OVERRIDE_TIME_LIMITS, { error: "Choose a time limit." }).default("keep"),
      minutes: optionalWholeNumber(
        (n) => n.min(1, "Allow at least 1 minute.").max(300, "Allow at most 300 minutes."),
        "Use whole minutes.",
      ),
      attemptsAllowed: optionalWholeNumber(
        (n) => n.min(1, "Allow at least 1 attempt.").max(10, "Allow at most 10 attempts."),
        "Use a whole number of attempts.",
      ),
    })
    .superRefine((v, ctx) => {
      if (v.timeLimit === "minutes" && v.minutes === undefined)
        ctx.addIssue({ code: "custom", path: ["minutes"], message: "Enter the time limit in minutes." });
      if (v.dueAt === undefined && v.timeLimit === "keep" && v.attemptsAllowed === undefined)
        ctx.addIssue({
          code: "custom",
          path: [],
          message: "Change at least one setting: a due date, a time limit or the attempts allowed.",
        });
    })
    .transform((v) => ({
      userId: v.userId,
      dueAt: v.dueAt ?? null,
      timeLimitMinutes: v.timeLimit === "minutes" ? v.minutes! : null,
      untimed: v.timeLimit === "untimed",
      attemptsAllowed: v.attemptsAllowed ?? null,
    }));
}
export type OverrideForm = z.output<ReturnType<typeof overrideFormSchema>>;

export const removeOverrideForm = z.object({
  intent: z.literal("remove-override"),
  userId: z.string().regex(/^[a-z0-9]{20,32}$/, "Choose a student from the list."),
});
