import { orNotFound, routeParams } from "~/utils/http.server.ts";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { assignmentResults } from "~/assignments/results.server.ts";
import { idParam } from "~/assignments/forms.ts";
import { formatDuration } from "~/exam/timing.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { MIN_RESPONSES_FOR_DISCRIMINATION } from "~/assignments/item-analysis.ts";
import { OPTION_LETTERS as LETTERS } from "~/content/exam-ids.ts";
import { DataTable } from "~/components/data-table.tsx";
import { Section } from "~/components/section.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.assignment.title ?? "Assignment"} · Results · Charted` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "instructor");
  const ids = routeParams(params, { id: idParam, aid: idParam }, "We could not find that assignment.");
  return orNotFound(await assignmentResults(user, ids.id, ids.aid));
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

      <Section
        headingId="results-heading"
        title="Results"
        actions={
          <a href={`${base}/gradebook.csv`} className="btn-secondary" download>
            Download gradebook (CSV)
          </a>
        }
      >
        {rows.length ? (
          <DataTable
            regionLabelledBy="results-heading"
            caption="Each student's counted (best) attempt"
            columns={[
              "Student",
              "Status",
              "Score",
              ...domains.map((d) => d.name),
              "Time used",
              "Submitted",
              "Attempts",
            ]}
            rows={rows}
            rowKey={(r) => r.id}
            cells={(r) => [
              <>
                <Link to={`${base}/students/${r.id}`}>{r.name}</Link>
                <span className="block text-sm text-muted">
                  {r.email}
                  {r.member ? "" : " · left the class"}
                </span>
              </>,
              r.late ? <span className="font-semibold text-warn">Late</span> : r.statusLabel,
              r.percent === null ? "–" : `${r.percent}% (${r.correct}/${r.total})`,
              ...domains.map((d) => (r.byDomain[d.id] === undefined ? "–" : `${r.byDomain[d.id]}%`)),
              r.secondsUsed === null ? "–" : formatDuration(r.secondsUsed),
              r.submittedAt ?? "–",
              r.attempts,
            ]}
          />
        ) : (
          <p>No students yet.</p>
        )}
      </Section>

      <Section headingId="weakest-heading" title="Weakest knowledge areas">
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
      </Section>

      <Section headingId="analysis-heading" title="Item analysis" gap={2}>
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
        <DataTable
          regionLabelledBy="analysis-heading"
          caption="Item statistics in assignment order"
          columns={["Question", "Answers", "Difficulty", "Discrimination", "Chosen (key marked ✓)"]}
          rows={items}
          rowKey={(i) => i.questionId}
          rowClassName="align-top"
          cells={(i) => [
            <>
              <span className="font-semibold">Q{i.number}</span> {i.stem}
              <span className="block text-sm text-muted">
                {i.questionId} · {i.domainName} · {i.knowledgeArea}
                {i.scored ? "" : " · unscored (pretest)"}
              </span>
              {i.flagged ? (
                <span className="mt-1 block font-semibold text-danger">Check this item: negative discrimination</span>
              ) : null}
              {i.openReports ? (
                <span className="mt-1 block font-semibold text-warn">
                  {i.openReports} open learner report{i.openReports === 1 ? "" : "s"} on this question
                </span>
              ) : null}
            </>,
            i.responses,
            pct(i.difficulty),
            i.responses < MIN_RESPONSES_FOR_DISCRIMINATION
              ? `not enough responses yet (n=${i.responses})`
              : i.discrimination === null
                ? "–"
                : i.discrimination.toFixed(2),
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
            </ul>,
          ]}
        />
      </Section>
    </div>
  );
}
