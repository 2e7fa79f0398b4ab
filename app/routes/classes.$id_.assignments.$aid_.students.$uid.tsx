import { orNotFound, routeParams } from "~/utils/http.server.ts";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { studentWork } from "~/assignments/results.server.ts";
import { idParam } from "~/assignments/forms.ts";
import { formatDuration } from "~/exam/timing.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { requestLocale } from "~/utils/locale.server.ts";
import { OPTION_LETTERS as LETTERS } from "~/content/exam-ids.ts";
import { Section } from "~/components/section.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.student.name ?? "Student"} · ${data?.assignment.title ?? "Assignment"} · Charted` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "instructor");
  const ids = routeParams(
    params,
    { id: idParam, aid: idParam, uid: idParam },
    "We could not find that student's work.",
  );
  return orNotFound(await studentWork({ ...user, locale: requestLocale(request) }, ids.id, ids.aid, ids.uid));
}

export default function StudentWorkPage() {
  const { klass, assignment, student, attempts } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link to="/classes">Classes</Link> <span aria-hidden="true">›</span>{" "}
        <Link to={`/classes/${klass.id}`}>{klass.name}</Link> <span aria-hidden="true">›</span>{" "}
        <Link to={`/classes/${klass.id}/assignments/${assignment.id}`}>{assignment.title}</Link>
      </nav>
      <h1 className="page-title">
        {student.name}: {assignment.title}
      </h1>
      <p className="text-muted">{student.email}</p>
      {attempts.length === 0 ? <p>No attempts yet.</p> : null}
      {attempts.map((a) => (
        <Section
          key={a.id}
          headingId={`attempt-${a.number}`}
          title={`Attempt ${a.number}`}
          gap={0}
          className="space-y-3"
        >
          <p>
            Started {a.startedAt}
            {a.submittedAt ? ` · submitted ${a.submittedAt}` : " · in progress"}
            {a.late ? " · late" : ""}
            {a.percent !== null ? ` · ${a.percent}% (${a.correct}/${a.total})` : ""}
            {a.secondsUsed !== null ? ` · ${formatDuration(a.secondsUsed)} used` : ""}
          </p>
          <ol className="space-y-3">
            {a.items.map((i) => (
              <li key={i.number} className="card">
                <p className="mb-1 text-sm text-muted">
                  Question {i.number} · {i.questionId} · {i.domainName} · {i.knowledgeArea}
                  {i.scored ? "" : " · unscored (pretest)"}
                </p>
                <p
                  className={`mb-2 font-semibold ${i.correct ? "text-success" : i.selectedIndex === null ? "text-muted" : "text-danger"}`}
                >
                  {i.correct ? "Correct" : i.selectedIndex === null ? "Not answered" : "Incorrect"}
                </p>
                <h3 className="mb-2 font-semibold">{i.stem}</h3>
                <ul className="space-y-1">
                  {i.options.map((o, k) => (
                    <li
                      key={k}
                      className={`rounded-md border p-2 ${k === i.answerIndex ? "border-success bg-success-soft" : k === i.selectedIndex ? "border-danger bg-danger-soft" : "border-line"}`}
                    >
                      <span className="font-semibold">{LETTERS[k]}.</span> {o}
                      {k === i.answerIndex ? <span className="font-semibold"> — correct answer</span> : null}
                      {k === i.selectedIndex ? <span className="font-semibold"> — their answer</span> : null}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </Section>
      ))}
    </div>
  );
}
