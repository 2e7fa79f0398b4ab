import { z } from "zod";
import { decimalNumber } from "~/utils/numbers.ts";

export const createClassSchema = z.object({
  name: z
    .string({ error: "Name the class." })
    .trim()
    .min(2, "Use at least 2 characters.")
    .max(80, "Use at most 80 characters."),
});

export const joinClassSchema = z.object({
  code: z
    .string({ error: "Enter the class code." })
    .trim()
    .min(1, "Enter the class code.")
    .max(16, "Class codes are 8 characters.")
    .regex(/^[A-Za-z0-9]+$/, "Class codes have only letters and digits."),
});

/** Exam-time factors an instructor can give a student (1 = standard time). */
export const ACCOMMODATIONS = [1, 1.25, 1.5, 2] as const;

export const classIdParam = z.string().regex(/^[a-z0-9]{20,32}$/);
export const memberForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("remove"), userId: z.string().regex(/^[a-z0-9]{20,32}$/) }),
  z.object({ intent: z.literal("allow-rejoin"), userId: z.string().regex(/^[a-z0-9]{20,32}$/) }),
  z.object({ intent: z.literal("rotate-code") }),
  z.object({
    intent: z.literal("accommodation"),
    userId: z.string().regex(/^[a-z0-9]{20,32}$/),
    factor: decimalNumber(undefined, "Choose standard time, 1.25x, 1.5x or 2x.").refine(
      (f) => (ACCOMMODATIONS as readonly number[]).includes(f),
      "Choose standard time, 1.25x, 1.5x or 2x.",
    ),
    // Set only by the confirmation step, which shows the resulting times first.
    confirmed: z.literal("yes").optional(),
  }),
]);
export const leaveForm = z.object({ intent: z.literal("leave"), classId: z.string().regex(/^[a-z0-9]{20,32}$/) });
