import { orNotFound } from "~/utils/http.server.ts";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { assignmentResults } from "~/assignments/results.server.ts";
import { idParam } from "~/assignments/forms.ts";
import { formatDuration } from "~/exam/timing.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { MIN_RESPONSES_FOR_DISCRIMINATION } from "~/assignments/item-analysis.ts";
import { OPTION_LETTERS as LETTERS } from "~/content/exam-ids.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.assignment.title ?? "Assignment"} · Results · Charted` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "instructor");
  const classId = idParam.safeParse(params.id);
  const assignmentId = idParam.safeParse(params.aid);
  if (!classId.success || !assignmentId.success)
    throw new Response("We could not find that assignment.", { status: 404 });
  return orNotFound(await assignmentResults(user, classId.data, assignmentId.data));
}

const pct = (n: number | null) => (n === null ? "–" : `${Math.round(n * 100)}%`);

export default function AssignmentResultsPage() {
  const { klass, assignment, domains, rows, weakest, items, analysed } = useLoaderData<typeof loader>();
  const base = `/classes/${klass.id}/assignments/${assignment.id}`;
  const flagged = items.filter((i) => i.flagged);
  return (
    <div className="space-y-8">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link to="/classes">Classes</Link> <span aria-hidden="true">›</span>{" "}
        <Link to={`/classes/${klass.id}`}>{klass.name}</Link>
      </nav>
      <div>
        <h1 className="page-title">{assignment.title}</h1>
        <p>
          {assignment.source} · {assignment.questions} questions ·{" "}
          {assignment.minutes === null ? "untimed" : `${assignment.minutes} minutes`} · opens {assignment.opensAt} · due{" "}
          {assignment.dueAt} · {assignment.attemptsAllowed} attempt{assignment.attemptsAllowed === 1 ? "" : "s"} ·
          answers shown: {assignment.revealPolicy.toLowerCase()}
        </p>
      </div>

      <section aria-labelledby="results-heading">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
          <h2 id="results-heading" className="text-xl font-semibold">
            Results
          </h2>
          <a href={`${base}/gradebook.csv`} className="btn-secondary" download>
            Download gradebook (CSV)
          </a>
        </div>
        {rows.length ? (
          // Focusable so keyboard users can scroll a wide table on a narrow screen.
          <div className="overflow-x-auto" tabIndex={0} role="region" aria-labelledby="results-heading">
            <table className="w-full text-left">
              <caption className="sr-only">Each student's counted (best) attempt</caption>
              <thead>
                <tr className="border-b border-line">
                  <th scope="col" className="py-2 pr-4">
                    Student
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    Status
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    Score
                  </th>
                  {domains.map((d) => (
                    <th key={d.id} scope="col" className="py-2 pr-4">
                      {d.name}
                    </th>
                  ))}
                  <th scope="col" className="py-2 pr-4">
                    Time used
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    Submitted
                  </th>
                  <th scope="col" className="py-2">
                    Attempts
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} className="border-b border-line">
                    <th scope="row" className="py-2 pr-4 font-normal">
                      <Link to={`${base}/students/${r.id}`}>{r.name}</Link>
                      <span className="block text-sm text-muted">
                        {r.email}
                        {r.member ? "" : " · left the class"}
                      </span>
                    </th>
                    <td className="py-2 pr-4">
                      {r.late ? <span className="font-semibold text-warn">Late</span> : r.statusLabel}
                    </td>
                    <td className="py-2 pr-4">
                      {r.percent === null ? "–" : `${r.percent}% (${r.correct}/${r.total})`}
                    </td>
                    {domains.map((d) => (
                      <td key={d.id} className="py-2 pr-4">
                        {r.byDomain[d.id] === undefined ? "–" : `${r.byDomain[d.id]}%`}
                      </td>
                    ))}
                    <td className="py-2 pr-4">{r.secondsUsed === null ? "–" : formatDuration(r.secondsUsed)}</td>
                    <td className="py-2 pr-4">{r.submittedAt ?? "–"}</td>
                    <td className="py-2">{r.attempts}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>No students yet.</p>
        )}
      </section>

      <section aria-labelledby="weakest-heading">
        <h2 id="weakest-heading" className="mb-3 text-xl font-semibold">
          Weakest knowledge areas
        </h2>
        {weakest.length ? (
          <ol className="list-decimal space-y-1 pl-6">
            {weakest.map((k) => (
              <li key={k.id}>
                <span className="font-semibold">{k.id}</span> {k.title}: {k.percent}% correct ({k.correct} of{" "}
                {k.answered} answers)
              </li>
            ))}
          </ol>
        ) : (
          <p>Appears once students submit.</p>
        )}
      </section>

      <section aria-labelledby="analysis-heading">
        <h2 id="analysis-heading" className="mb-2 text-xl font-semibold">
          Item analysis
        </h2>
        <p className="mb-3 max-w-3xl text-sm">
          From each student's first submitted attempt ({analysed} so far). <strong>Difficulty</strong> is the share who
          answered correctly. <strong>Discrimination</strong> is the point-biserial correlation between getting the item
          right and the score on the other items: above 0.2 separates stronger from weaker students well; below 0 means
          stronger students tended to miss it, so check the key and wording. It needs at least{" "}
          {MIN_RESPONSES_FOR_DISCRIMINATION} responses and a mix of right and wrong answers; before that no item is
          called broken.
        </p>
        {flagged.length ? (
          <p role="status" className="mb-3 rounded-md border border-warn bg-warn-soft p-3 font-medium text-warn">
            {flagged.length} item{flagged.length === 1 ? " looks" : "s look"} broken (negative discrimination):{" "}
            {flagged.map((i) => `Q${i.number}`).join(", ")}.
          </p>
        ) : null}
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-labelledby="analysis-heading">
          <table className="w-full text-left">
            <caption className="sr-only">Item statistics in assignment order</caption>
            <thead>
              <tr className="border-b border-line">
                <th scope="col" className="py-2 pr-4">
                  Question
                </th>
                <th scope="col" className="py-2 pr-4">
                  Answers
                </th>
                <th scope="col" className="py-2 pr-4">
                  Difficulty
                </th>
                <th scope="col" className="py-2 pr-4">
                  Discrimination
                </th>
                <th scope="col" className="py-2">
                  Chosen (key marked ✓)
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.questionId} className="border-b border-line align-top">
                  <th scope="row" className="py-2 pr-4 font-normal">
                    <span className="font-semibold">Q{i.number}</span> {i.stem}
                    <span className="block text-sm text-muted">
                      {i.questionId} · {i.domainName} · {i.knowledgeArea}
                      {i.scored ? "" : " · unscored (pretest)"}
                    </span>
                    {i.flagged ? (
                      <span className="mt-1 block font-semibold text-danger">
                        Check this item: negative discrimination
                      </span>
                    ) : null}
                    {i.openReports ? (
                      <span className="mt-1 block font-semibold text-warn">
                        {i.openReports} open learner report{i.openReports === 1 ? "" : "s"} on this question
                      </span>
                    ) : null}
                  </th>
                  <td className="py-2 pr-4">{i.responses}</td>
                  <td className="py-2 pr-4">{pct(i.difficulty)}</td>
                  <td className="py-2 pr-4">
                    {i.responses < MIN_RESPONSES_FOR_DISCRIMINATION
                      ? `not enough responses yet (n=${i.responses})`
                      : i.discrimination === null
                        ? "–"
                        : i.discrimination.toFixed(2)}
                  </td>
                  <td className="py-2">
                    <ul className="flex flex-wrap gap-x-3">
                      {i.optionCounts.map((n, k) => (
                        <li key={k}>
                          {LETTERS[k]}
                          {k === i.answerIndex ? (
                            <>
                              <span aria-hidden="true">✓</span>
                              <span className="sr-only"> (correct answer)</span>
                            </>
                          ) : null}
                          : {n}
                        </li>
                      ))}
                      {i.unanswered ? <li>blank: {i.unanswered}</li> : null}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
