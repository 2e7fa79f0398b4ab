// What the "Your data" page accepts: the delete-account form, and the query the download
// sends back when it has to wait.
import { z } from "zod";
import { PASSWORD_MAX } from "~/auth/schemas.ts";

/** The word typed to confirm a deletion (in capitals, as the page shows it). */
export const DELETE_WORD = "DELETE";

export const deleteAccountSchema = z.object({
  currentPassword: z
    .string({ error: "Enter your current password." })
    .min(1, "Enter your current password.")
    .max(PASSWORD_MAX, "Your current password is not right."),
  confirmation: z
    .string({ error: `Type ${DELETE_WORD} to confirm.` })
    .trim()
    .refine((typed) => typed === DELETE_WORD, `Type ${DELETE_WORD}, in capital letters, to confirm.`),
  // A checkbox: present ("yes") when ticked, absent otherwise.
  closeClasses: z
    .literal("yes", { error: "This value is not valid here." })
    .optional()
    .transform((ticked) => ticked === "yes"),
});

/** /account/data?export=wait&minutes=N: the download was refused for N minutes. */
export const exportWaitSchema = z.object({
  export: z.literal("wait"),
  minutes: z.coerce.number().int().min(1).max(60),
});
