// The admin's LTI platform form. URLs must be https: the platform's keys and tokens travel over
// them. Plain http is allowed only to this machine (tests and local LMS trials).
import { z } from "zod";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

const secureUrl = z
  .string()
  .trim()
  .min(1, "Enter the address.")
  .max(500, "Use at most 500 characters.")
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === "https:" || (url.protocol === "http:" && LOCAL_HOSTS.has(url.hostname));
    } catch {
      return false;
    }
  }, "Enter a full https:// address (http:// only for localhost).");

export const platformForm = z.object({
  intent: z.literal("save"),
  platformId: z.string().max(40).optional().default(""),
  name: z.string().trim().min(1, "Enter a name.").max(100, "Use at most 100 characters."),
  issuer: secureUrl,
  clientId: z.string().trim().min(1, "Enter the client id.").max(200, "Use at most 200 characters."),
  authLoginUrl: secureUrl,
  authTokenUrl: secureUrl,
  jwksUrl: secureUrl,
  deploymentIds: z
    .string()
    .max(5000, "Use at most 5000 characters.")
    .transform((text) => [
      ...new Set(
        text
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(
      z
        .array(z.string().max(200, "Each deployment id may have at most 200 characters."))
        .min(1, "Enter at least one deployment id.")
        .max(50, "Enter at most 50 deployment ids."),
    ),
});

export const removePlatformForm = z.object({ intent: z.literal("remove"), platformId: z.string().min(1).max(40) });

export const platformActionForm = z.discriminatedUnion("intent", [platformForm, removePlatformForm]);
