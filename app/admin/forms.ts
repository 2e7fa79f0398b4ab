// What the admin area's pages accept: the user search (GET query), the account page's action
// forms (one `intent` each) and the audit log's filter. Also the confirmations shown after each action.
import { z } from "zod";
import { ROLES } from "~/utils/roles.ts";

export const ACCOUNT_STATUSES = ["active", "disabled"] as const;

/** Blank query fields mean "any". */
const blank = (v: unknown) => (v === "" ? undefined : v);

// A page number that is not one (a hand-edited address) is the first page.
const page = z.coerce.number().int().min(1).max(100_000).catch(1);

const searchText = z.preprocess(blank, z.string().trim().max(100, "Search for at most 100 characters.").optional());

export const userSearchSchema = z.object({
  q: searchText,
  role: z.preprocess(blank, z.enum(ROLES, { error: "Choose a role from the list." }).optional()),
  status: z.preprocess(blank, z.enum(ACCOUNT_STATUSES, { error: "Choose a status from the list." }).optional()),
  page,
});
export type UserSearch = z.infer<typeof userSearchSchema>;

export const auditSearchSchema = z.object({ q: searchText, page });

/** A user id in a URL (cuid). */
export const userIdParam = z.string().regex(/^[a-z0-9]{20,32}$/);

const confirmed = (message: string) => z.literal("yes", { error: message });

export const userActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("role"),
      role: z.enum(ROLES, { error: "Choose student, instructor or admin." }),
    }),
    z.object({
      intent: z.literal("disable"),
      confirm: confirmed("Tick the box to confirm that this account should be disabled."),
    }),
    z.object({ intent: z.literal("enable") }),
    z.object({
      intent: z.literal("sign-out"),
      confirm: confirmed("Tick the box to confirm that every session of this account should end."),
    }),
    z.object({ intent: z.literal("send-reset") }),
  ],
  { error: "That is not something this page can do." },
);
export type UserAction = z.infer<typeof userActionSchema>;
export type UserIntent = UserAction["intent"];

/** The `?done=` flag each action redirects with, and the confirmation it shows. */
export const DONE_MESSAGES = {
  role: "The role was changed.",
  disable: "The account was disabled and signed out everywhere.",
  enable: "The account was enabled. It can sign in again.",
  "sign-out": "The account was signed out on every device.",
  "send-reset": "A password reset link was emailed to the account's address.",
} satisfies Record<UserIntent, string>;

export const doneSchema = z
  .enum(Object.keys(DONE_MESSAGES) as [UserIntent, ...UserIntent[]])
  .optional()
  .catch(undefined);
