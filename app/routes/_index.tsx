import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { studentAssignments } from "~/assignments/student.server.ts";
import { AssignmentList } from "~/components/assignment-list.tsx";
import type { loader as rootLoader } from "~/root.tsx";
import { backlogStatus } from "~/review/catch-up.server.ts";
import { getUser } from "~/utils/auth.server.ts";
import { Section } from "~/components/section.tsx";

// Signed-in students see their class assignments that still need work first thing. A browser
// whose account was just deleted (/account/data) lands here, signed out, with `?deleted=account`.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (!user)
    return {
      assignments: [],
      catchUp: null,
      accountDeleted: new URL(request.url).searchParams.get("deleted") === "account",
    };
  const [all, backlog] = await Promise.all([
    studentAssignments(user.id, user.timeZone),
    backlogStatus(user.id, { exact: false }),
  ]);
  return {
    accountDeleted: false,
    catchUp: backlog.plan ? ("running" as const) : backlog.backlog ? ("offer" as const) : null,
    assignments: all.filter((a) => a.status === "not_started" || a.status === "in_progress" || a.status === "not_open"),
  };
}

export default function Home() {
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const user = root?.user;
  const { assignments, accountDeleted, catchUp } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-8">
      {accountDeleted ? (
        <p role="status" className="rounded-md border border-success bg-success-soft p-3 font-medium text-success">
          Your account has been deleted and you are signed out. Your answers remain only as anonymous responses in
          question statistics.
        </p>
      ) : null}
      <section className="card">
        <h1 className="page-title">
          {user ? `Welcome back, ${user.name}` : "Prepare for the CMAA exam, one evening at a time"}
        </h1>
        <p className="mb-4 max-w-2xl text-lg">
          Charted covers all seven domains of the NHA Certified Medical Administrative Assistant exam with
          plain-language lessons, a glossary of the terms you will meet, and search across all of it.
        </p>
        <div className="flex flex-wrap gap-3">
          <Link to="/learn" className="btn-primary">
            {user ? "Continue learning" : "Start with the lessons"}
          </Link>
          {user ? (
            <Link to="/progress" className="btn-secondary">
              Your progress and study plan
            </Link>
          ) : (
            <Link to="/register" className="btn-secondary">
              Create a free account
            </Link>
          )}
        </div>
      </section>
      {user && catchUp ? (
        <p className="card">
          {catchUp === "offer"
            ? "Review cards have piled up while you were away. "
            : "Your catch-up plan is running: a steady number of reviews a day until the backlog is gone. "}
          <Link to="/review/catch-up">{catchUp === "offer" ? "Plan a catch-up" : "See your catch-up plan"}</Link>
        </p>
      ) : null}
      {user && assignments.length ? (
        <Section headingId="assignments-heading" title="Your assignments" className="card">
          <AssignmentList items={assignments} />
        </Section>
      ) : null}
      <Section headingId="how-heading" title="What you can do here">
        <ul className="grid gap-4 sm:grid-cols-3">
          <li className="card">
            <h3 className="mb-1 font-semibold">Read short lessons</h3>
            <p>Every exam domain, written for career changers, with worked front-desk examples.</p>
          </li>
          <li className="card">
            <h3 className="mb-1 font-semibold">Look up any term</h3>
            <p>Word parts, abbreviations, billing and legal terms, each in plain language.</p>
          </li>
          <li className="card">
            <h3 className="mb-1 font-semibold">Track what you finished</h3>
            <p>Mark lessons complete and see how far you are in each domain.</p>
          </li>
        </ul>
      </Section>
    </div>
  );
}
