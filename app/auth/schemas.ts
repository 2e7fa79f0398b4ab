// Account form schemas. Server-side validation is the authority; the same rules give the
// inputs their HTML constraints.
import { z } from "zod";

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

/** An email address as the app stores it (trimmed, lower-case). */
export const email = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address, like name@example.com."));

/** A password someone chooses (the common-password check is the feature's: isCommonPassword). */
export const newPassword = z
  .string({ error: "Choose a password." })
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`);

const currentPassword = z
  .string({ error: "Enter your current password." })
  .min(1, "Enter your current password.")
  .max(PASSWORD_MAX);

export const loginSchema = z.object({
  email,
  password: z
    .string({ error: "Enter your password." })
    .min(1, "Enter your password.")
    .max(PASSWORD_MAX, "Email or password is incorrect."),
  redirectTo: z.string().optional(),
});

export const registerSchema = z
  .object({
    name: z
      .string({ error: "Enter your name." })
      .trim()
      .min(1, "Enter your name.")
      .max(80, "Use at most 80 characters."),
    email,
    password: newPassword,
    confirmPassword: z.string({ error: "Type the password again." }),
    timeZone: z.string().max(64).optional(),
    redirectTo: z.string().optional(),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The passwords do not match.",
  });

export const changePasswordSchema = z
  .object({
    currentPassword,
    newPassword,
    confirmPassword: z.string({ error: "Type the new password again." }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The passwords do not match.",
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ["newPassword"],
    message: "Choose a password different from your current one.",
  });

export const forgotPasswordSchema = z.object({ email });

/** A link token as newLinkToken makes it (URL-safe base64); anything else is no link of ours. */
export const linkTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);

export const resetPasswordSchema = z
  .object({
    token: z.string({ error: "This link is not complete." }).pipe(linkTokenSchema),
    password: newPassword,
    confirmPassword: z.string({ error: "Type the password again." }),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The passwords do not match.",
  });

export const changeEmailSchema = z.object({
  newEmail: email,
  currentPassword,
});

/** A session's stored id (SHA-256, hex), as the devices list names it. */
export const sessionIdSchema = z.string().regex(/^[0-9a-f]{64}$/);
