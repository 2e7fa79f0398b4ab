// Per-student overrides of an assignment (like Moodle's user overrides): a later due date, another
// time limit, more attempts. Only the class's instructor (or an admin) sets them, only for members
// of the class. What a student then works under is effectiveSettings (rules.ts).
import { applyKeyHolds } from "~/exam/key-holds.server.ts";
import * as store from "~/models/assignment.server.ts";
import * as overrides from "~/models/assignment-override.server.ts";
import type { NotFound } from "~/utils/results.ts";
import type { Role } from "~/utils/roles.ts";
import { instantToLocal, type OverrideForm } from "./forms.ts";
import { ownedAssignment } from "./manage.server.ts";
import { formatInZone } from "./rules.ts";

type Instructor = { id: string; role: Role; timeZone: string; locale?: string };

/** The overrides table of the assignment page, and who can get one (the class's members). */
export async function assignmentOverrides(user: Instructor, classId: string, assignmentId: string) {
  const owned = await ownedAssignment(user, classId, assignmentId);
  if (!owned.ok) return owned;
  const [rows, members] = await Promise.all([
    overrides.overridesOf(owned.assignment.id),
    store.classMembers(owned.klass.id),
  ]);
  const fmt = (d: Date) => formatInZone(d, user);
  return {
    ok: true as const,
    members: members.map((m) => ({ id: m.user.id, name: m.user.name, email: m.user.email })),
    overrides: rows.map((o) => ({
      userId: o.userId,
      name: o.user.name,
      email: o.user.email,
      dueAt: o.dueAt ? fmt(o.dueAt) : null,
      timeLimit: o.untimed ? "untimed" : o.timeLimitMinutes === null ? null : `${o.timeLimitMinutes} minutes`,
      attemptsAllowed: o.attemptsAllowed,
      /** The form's values to edit it. */
      edit: {
        dueAt: o.dueAt ? instantToLocal(o.dueAt, user.timeZone) : "",
        timeLimit: o.untimed ? "untimed" : o.timeLimitMinutes === null ? "keep" : "minutes",
        minutes: o.timeLimitMinutes === null ? "" : String(o.timeLimitMinutes),
        attemptsAllowed: o.attemptsAllowed === null ? "" : String(o.attemptsAllowed),
      },
    })),
  };
}

export type OverrideResult =
  | { ok: true; message: string }
  | { ok: false; reason: "invalid"; field: "dueAt" | "userId"; message: string }
  | NotFound;

/** After an extension changes, members' missed-question cards follow the new key release. */
async function refreshKeyHolds(classId: string, revealPolicy: string, now: Date) {
  if (revealPolicy === "after_due") await applyKeyHolds(await store.memberIds(classId), now);
}

export async function saveOverride(
  user: Instructor,
  classId: string,
  assignmentId: string,
  form: OverrideForm,
  now = new Date(),
): Promise<OverrideResult> {
  const owned = await ownedAssignment(user, classId, assignmentId);
  if (!owned.ok) return owned;
  const { klass, assignment } = owned;
  const student = (await store.classMembers(klass.id)).find((m) => m.user.id === form.userId)?.user;
  if (!student) return { ok: false, reason: "invalid", field: "userId", message: "That student is not in this class." };
  if (form.dueAt && form.dueAt.getTime() <= assignment.opensAt.getTime())
    return {
      ok: false,
      reason: "invalid",
      field: "dueAt",
      message: `The due date must be after the opening date, ${formatInZone(assignment.opensAt, user)}.`,
    };
  await overrides.saveOverride(assignment.id, student.id, form);
  await refreshKeyHolds(klass.id, assignment.revealPolicy, now);
  return { ok: true, message: `Saved the override for ${student.name}.` };
}

export async function removeOverride(
  user: Instructor,
  classId: string,
  assignmentId: string,
  userId: string,
  now = new Date(),
): Promise<OverrideResult> {
  const owned = await ownedAssignment(user, classId, assignmentId);
  if (!owned.ok) return owned;
  const { klass, assignment } = owned;
  if (!(await overrides.deleteOverride(assignment.id, userId)))
    return { ok: false, reason: "invalid", field: "userId", message: "That student has no override here." };
  await refreshKeyHolds(klass.id, assignment.revealPolicy, now);
  return { ok: true, message: "Removed the override: the assignment's own settings apply again." };
}
