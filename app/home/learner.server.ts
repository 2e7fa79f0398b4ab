// The signed-in learner's home (issue 19 "Today"): what to do now, gathered for one page.
// Home data functions return only JSON values (dates as strings or labels): the home components
// type their props from them.
import { studentAssignments } from "~/assignments/student.server.ts";
import { backlogStatus } from "~/review/catch-up.server.ts";
import type { AuthUser } from "~/utils/auth.server.ts";

export async function learnerHome(user: AuthUser & { locale?: string }) {
  const [all, backlog] = await Promise.all([
    studentAssignments(user.id, user),
    backlogStatus(user.id, { exact: false }),
  ]);
  return {
    name: user.name,
    catchUp: backlog.plan ? ("running" as const) : backlog.backlog ? ("offer" as const) : null,
    assignments: all.filter((a) => a.status === "not_started" || a.status === "in_progress" || a.status === "not_open"),
  };
}
