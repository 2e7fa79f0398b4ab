// "Delete my account": the holder confirms with their password, and every personal row goes in
// one transaction (app/models/account-erasure.server.ts); the User row stays, anonymised, so the
// learner's answers still count in item statistics. Refused, with a reason the page can show,
// for the site's last enabled admin and for an instructor whose live classes still have students
// (unless they choose to close those classes).
import { verifyPassword } from "~/auth/password.server.ts";
import { waitMessage } from "~/auth/rate-limit.ts";
import { forget, reserve, waitOut } from "~/auth/throttle.server.ts";
import { classesWithStudents, eraseAccount, isLastEnabledAdmin } from "~/models/account-erasure.server.ts";
import { findUserById } from "~/models/user.server.ts";

export const LAST_ADMIN_MESSAGE =
  "You are the only administrator of this Charted site, so your account cannot be deleted: the site would have no one to run it. Make another account an administrator first.";

export interface StrandedClass {
  name: string;
  students: number;
}

/** What would stop the deletion now (the page explains it before asking for the password). */
export async function deletionBlockers(userId: string) {
  const [lastAdmin, classes] = await Promise.all([isLastEnabledAdmin(userId), classesWithStudents(userId)]);
  return {
    lastAdmin,
    classesWithStudents: classes.map((c) => ({ name: c.name, students: c._count.memberships })),
  };
}

export function classesMessage(classes: StrandedClass[]): string {
  const list = classes.map((c) => `${c.name} (${c.students} student${c.students === 1 ? "" : "s"})`).join(", ");
  return `You still teach classes with students: ${list}. Deleting your account closes them: tick "Close my classes" to go ahead.`;
}

export type DeleteAccountResult =
  | { ok: true; closedClasses: number }
  | { ok: false; reason: "wrong-password" | "rate-limited"; field: "currentPassword"; message: string }
  | { ok: false; reason: "last-admin" | "has-students" | "not-found"; field: null; message: string };

export async function deleteAccount(
  userId: string,
  input: { currentPassword: string; closeClasses: boolean },
  opts: { now?: Date; wait?: (ms: number) => Promise<unknown> } = {},
): Promise<DeleteAccountResult> {
  const now = opts.now ?? new Date();
  // The same allowance as every "confirm with your password" (changePassword): a stolen session
  // cannot guess its way to deleting the account.
  const reservation = await reserve([{ throttle: "passwordCheck", subject: userId }], now);
  if (!reservation.ok)
    return {
      ok: false,
      reason: "rate-limited",
      field: "currentPassword",
      message: waitMessage("wrong current passwords", reservation.minutes),
    };
  await waitOut(reservation, opts.wait);
  const user = await findUserById(userId);
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword)))
    return {
      ok: false,
      reason: "wrong-password",
      field: "currentPassword",
      message: "Your current password is not right.",
    };
  await forget("passwordCheck", userId);
  const erased = await eraseAccount(userId, { closeClasses: input.closeClasses, now });
  if (!erased.ok) {
    if (erased.reason === "last-admin")
      return { ok: false, reason: "last-admin", field: null, message: LAST_ADMIN_MESSAGE };
    if (erased.reason === "has-students")
      return { ok: false, reason: "has-students", field: null, message: classesMessage(erased.classes) };
    return { ok: false, reason: "not-found", field: null, message: "We could not find your account." };
  }
  // Counts keyed by the old address (failed sign-ins, emailed links) would otherwise keep it for
  // a while after the account forgot it.
  await Promise.all(
    (["loginPerEmail", "resetPerEmail", "verifyLinkPerEmail", "signupNoticePerEmail"] as const).map((name) =>
      forget(name, erased.formerEmail),
    ),
  );
  return { ok: true, closedClasses: erased.closedClasses };
}
