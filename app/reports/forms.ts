// What "Report a problem" accepts: the target (from the link the learner followed), what is
// wrong, an optional source, and where to go back to.
import { z } from "zod";
import { REPORT_STATUSES, REPORT_TARGETS } from "~/models/content-report-kinds.ts";

const contentId = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .regex(/^[A-Za-z0-9._-]+$/, "That is not something we can report on.");

/** The link's query: which item the report is about. */
export const reportTargetSchema = z.object({
  kind: z.enum(REPORT_TARGETS, { message: "Choose what the report is about." }),
  id: contentId,
  section: z
    .string()
    .trim()
    .max(120)
    .regex(/^[a-z0-9-]*$/, "That is not a section of the lesson.")
    .optional()
    .transform((s) => s || null),
});

export const reportFormSchema = reportTargetSchema.extend({
  message: z
    .string()
    .trim()
    .min(10, "Say what is wrong in at least 10 characters.")
    .max(2000, "Keep the report under 2,000 characters."),
  source: z
    .string()
    .trim()
    .max(500, "Keep the source under 500 characters.")
    .optional()
    .transform((s) => s || null),
});

export const resolveFormSchema = z.object({
  reportId: z.string().trim().min(1).max(64),
  status: z.enum(REPORT_STATUSES, { message: "Choose open, fixed or won't fix." }),
  reply: z
    .string()
    .trim()
    .max(2000, "Keep the reply under 2,000 characters.")
    .optional()
    .transform((s) => s || null),
});

export const queueQuerySchema = z.object({
  status: z.enum(REPORT_STATUSES).catch("open"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

/** How a report's status reads to people. */
export const STATUS_LABELS: Record<(typeof REPORT_STATUSES)[number], string> = {
  open: "Open",
  fixed: "Fixed",
  "wont-fix": "Won't fix",
};
