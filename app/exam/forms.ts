// What a learner may ask for when starting an attempt or answering an item (validated on the server).
import { z } from "zod";

const DOMAIN_IDS = ["FND", "COM", "LAW", "SCH", "ENC", "BIL", "ADM"] as const;
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
const domainList = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.enum(DOMAIN_IDS, { error: "Choose exam domains from the list." })),
);

const areaList = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string().regex(/^[A-Z]{3}\.K\d{2}$/, "Choose knowledge areas from the list.")).max(10, "Choose at most 10 knowledge areas."),
);

export const practiceFormSchema = z
  .object({
    domains: domainList,
    // Knowledge areas (e.g. the dashboard's weakest three): questions only from these.
    areas: areaList.default([]),
    weakest: checkbox.default(false),
    count: z.coerce
      .number({ error: "Enter how many questions you want." })
      .int("Use a whole number of questions.")
      .min(5, "Choose at least 5 questions.")
      .max(135, "Choose at most 135 questions."),
    timed: checkbox.default(false),
    minutes: z.preprocess(
      (v) => (v === "" || v === undefined ? undefined : v),
      z.coerce.number().int("Use whole minutes.").min(1, "Allow at least 1 minute.").max(300, "Allow at most 300 minutes.").optional(),
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
  .refine((v) => v.weakest || v.domains.length > 0 || v.lesson || v.areas.length > 0, { path: ["domains"], message: "Choose at least one domain, or “My weakest domains”." });

export type PracticeForm = z.infer<typeof practiceFormSchema>;

export const answerFormSchema = z.object({
  intent: z.enum(["answer", "flag", "unflag", "next", "previous", "review", "goto"]).default("answer"),
  choice: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(0).max(3).optional()),
  goto: z.coerce.number().int().min(1).max(200).optional(),
});

export const positionParam = z.coerce.number().int().min(1).max(200);
export const attemptIdParam = z.string().regex(/^[a-z0-9]{20,32}$/);

/** Parses a practice form where `domains` may repeat (checkboxes). */
export function practiceFormInput(formData: FormData) {
  const entries = Object.fromEntries([...formData].filter(([k, v]) => k !== "domains" && k !== "areas" && typeof v === "string"));
  const list = (key: string) => formData.getAll(key).filter((v) => typeof v === "string");
  return { ...entries, domains: list("domains"), areas: list("areas") };
}
