import { Link } from "@remix-run/react";
import { CalendarClock, CircleCheck, Flag, Inbox, TriangleAlert, Users } from "lucide-react";
import type { ReactNode } from "react";
import type { instructorHome } from "~/home/instructor.server.ts";
import { Section } from "~/components/section.tsx";

type Data = Awaited<ReturnType<typeof instructorHome>>;

const ICON = "inline-block h-5 w-5 shrink-0 align-[-0.2em]";

/** A section's heading with a decorative icon. */
function Titled({ icon, children }: { icon: ReactNode; children: ReactNode }) {
  return (
    <span className="inline-flex items-center gap-2">
      {icon}
      {children}
    </span>
  );
}

/** One line of a list: the link, then what to know about it (wraps under on a phone). */
function Row({ to, label, children }: { to: string; label: string; children: ReactNode }) {
  return (
    <li className="flex flex-col gap-x-3 sm:flex-row sm:flex-wrap sm:items-baseline">
      <Link to={to} className="min-w-0 font-medium break-words">
        {label}
      </Link>
      <span className="text-sm text-muted">{children}</span>
    </li>
  );
}

export function InstructorHome({ data }: { data: Data }) {
  const { classes, submissions, inactive, behind, flagged, rules } = data;
  const dueSoon = classes.some((c) => c.upcoming.length || c.overdue.length);
  const calm = !dueSoon && !submissions.length && !inactive.length && !behind.length && !flagged.length;
  return (
    <div className="space-y-8">
      <section className="card" aria-labelledby="home-heading">
        <h1 id="home-heading" className="page-title">
          Today in your classes
        </h1>
        <p className="mb-4 max-w-2xl text-lg">
          {classes.length
            ? "What needs your attention: due dates, new work, students to check on and questions to look at again."
            : "Create a class, share its join code with your students, then set assignments. This page will show what needs your attention."}
        </p>
        <div className="flex flex-wrap gap-3">
          <Link to="/classes" className={classes.length ? "btn-secondary" : "btn-primary"}>
            {classes.length ? "Your classes" : "Create your first class"}
          </Link>
          <Link to="/classes/questions" className="btn-secondary">
            My questions
          </Link>
        </div>
      </section>

      {classes.length && calm ? (
        <p
          role="status"
          className="flex items-start gap-2 rounded-md border border-success bg-success-soft p-3 text-success"
        >
          <CircleCheck aria-hidden="true" className={ICON} />
          <span>
            <strong>Nothing needs your attention today.</strong> No assignment is due this week or overdue, no new
            submissions, and every student has studied in the last week.{" "}
            <Link to="/classes" className="text-success">
              Set an assignment
            </Link>{" "}
            to keep them practising.
          </span>
        </p>
      ) : null}

      {classes.length ? (
        <Section
          headingId="assignments-heading"
          title={<Titled icon={<CalendarClock aria-hidden="true" className={ICON} />}>Assignments</Titled>}
          className="card"
        >
          <p className="mb-4 text-sm text-muted">Due in the next 7 days, and overdue. {rules.overdue}</p>
          <ul className="space-y-5">
            {classes.map((c) => (
              <li key={c.id}>
                <h3 className="mb-1 font-semibold">
                  <Link to={`/classes/${c.id}`} className="break-words">
                    {c.name}
                  </Link>{" "}
                  <span className="text-sm font-normal text-muted">
                    ({c.students} {c.students === 1 ? "student" : "students"})
                  </span>
                </h3>
                {c.overdue.length || c.upcoming.length ? (
                  <ul className="space-y-2">
                    {c.overdue.map((a) => (
                      <Row key={a.id} to={`/classes/${c.id}/assignments/${a.id}`} label={a.title}>
                        <span className="font-semibold text-danger">Overdue</span>: was due {a.dueAt}; {a.missing} of{" "}
                        {a.students} not submitted
                      </Row>
                    ))}
                    {c.upcoming.map((a) => (
                      <Row key={a.id} to={`/classes/${c.id}/assignments/${a.id}`} label={a.title}>
                        Due {a.dueAt}; {a.submitted} of {a.students} submitted
                      </Row>
                    ))}
                  </ul>
                ) : (
                  <p className="text-sm text-muted">
                    Nothing due this week. <Link to={`/classes/${c.id}/assignments/new`}>Create an assignment</Link>
                  </p>
                )}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {submissions.length ? (
        <Section
          headingId="submissions-heading"
          title={<Titled icon={<Inbox aria-hidden="true" className={ICON} />}>New submissions</Titled>}
          className="card"
        >
          <p className="mb-3 text-sm text-muted">{rules.newSubmissions} Newest first.</p>
          <ul className="space-y-2">
            {submissions.map((s) => (
              <Row key={s.attemptId} to={s.href} label={`${s.studentName}: ${s.title}`}>
                {s.percent === null ? "" : `${s.percent}% · `}
                {s.className} · {s.submittedAt}
              </Row>
            ))}
          </ul>
        </Section>
      ) : null}

      {inactive.length || behind.length ? (
        <Section
          headingId="students-heading"
          title={<Titled icon={<Users aria-hidden="true" className={ICON} />}>Students to check on</Titled>}
          className="card space-y-5"
        >
          {behind.length ? (
            <Section headingId="behind-heading" level={3} size="lg" gap={1} title="Falling behind">
              <p className="mb-2 text-sm text-muted">{rules.behind}</p>
              <ul className="space-y-2">
                {behind.map((s) => (
                  <Row key={s.id} to={s.href} label={s.name}>
                    {s.reason}
                  </Row>
                ))}
              </ul>
            </Section>
          ) : null}
          {inactive.length ? (
            <Section headingId="inactive-heading" level={3} size="lg" gap={1} title="Inactive for a week">
              <p className="mb-2 text-sm text-muted">{rules.inactive}</p>
              <ul className="space-y-2">
                {inactive.map((s) => (
                  <Row key={s.id} to={`/classes/${s.classId}`} label={s.name}>
                    {s.lastActive ? `Last studied ${s.lastActive}` : "Has not studied yet"} · {s.className}
                  </Row>
                ))}
              </ul>
            </Section>
          ) : null}
        </Section>
      ) : null}

      {flagged.length ? (
        <Section
          headingId="flagged-heading"
          title={
            <Titled icon={<Flag aria-hidden="true" className={ICON} />}>Questions flagged by item analysis</Titled>
          }
          className="card"
        >
          <p className="mb-3 flex items-start gap-2 text-sm text-muted">
            <TriangleAlert aria-hidden="true" className="mt-0.5 h-4 w-4 shrink-0" />
            <span>
              Stronger students tended to get these wrong (negative discrimination): the key may be wrong or the wording
              ambiguous. Check them on the assignment&apos;s results page.
            </span>
          </p>
          <ul className="space-y-3">
            {flagged.map((f) => (
              <li key={`${f.href}:${f.questionId}`}>
                <Link to={f.href} className="font-medium break-words">
                  {f.title}: {f.questionId}
                </Link>
                <p className="line-clamp-2 break-words">{f.stem}</p>
                <p className="text-sm text-muted">
                  {f.className} · discrimination {f.discrimination}
                </p>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </div>
  );
}
