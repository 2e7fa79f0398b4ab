import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { attemptResults } from "~/exam/attempts.server.ts";
import { attemptIdParam } from "~/exam/forms.ts";
import { ASSUMED_PASS_PERCENT, SCALE } from "~/exam/scoring.ts";
import { formatDuration } from "~/exam/timing.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { routeParams } from "~/utils/http.server.ts";
import { requestLocale } from "~/utils/locale.server.ts";
import { DataTable } from "~/components/data-table.tsx";
import { Section } from "~/components/section.tsx";
import { OPTION_LETTERS as LETTERS } from "~/content/exam-ids.ts";
import { ReportLink } from "~/components/report-link.tsx";
import { Celebration } from "~/components/celebration.tsx";
import { DomainChip } from "~/components/domain-chip.tsx";
import { domainColor } from "~/content/domain-colors.ts";

export const meta: MetaFunction = () => [{ title: "Results · Charted" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { id } = routeParams(params, { id: attemptIdParam }, "We could not find that attempt.");
  const results = await attemptResults(user.id, id, new Date(), {
    timeZone: user.timeZone,
    locale: requestLocale(request),
  });
  if (results.state === "not-found") throw new Response(results.message, { status: 404 });
  // Not submitted yet (and time not up): back to the questions.
  if (results.state === "open") return redirect(`/attempts/${id}`);
  return results;
}

export default function ResultsPage() {
  const { attempt, score, items, assignment } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const onlyMissed = params.get("show") === "missed";
  // Not answered is not a miss: it earns no points but is not a wrong answer (nor a review card).
  // A withheld question's verdict is hidden too (it would narrow down the key).
  const missed = items.filter((i) => !i.keyWithheld && !i.correct);
  const wrong = missed.filter((i) => i.selectedIndex !== null);
  const unanswered = missed.length - wrong.length;
  const shown = onlyMissed ? missed : items;
  const passed = score.scaled !== null && score.scaled >= score.pass;
  const what = attempt.kind === "simulation" ? "mock exam" : assignment ? "assignment" : "quiz";
  return (
    <div className="space-y-8">
      <div>
        <h1 className="page-title">
          {assignment
            ? `Results: ${assignment.title}`
            : attempt.kind === "simulation"
              ? "Simulation results"
              : "Practice results"}
        </h1>
        {assignment?.late ? (
          <p className="mb-4 rounded-md border border-warn bg-warn-soft p-3 font-medium text-warn">
            Submitted after the due date, so your instructor sees it as late.
          </p>
        ) : null}
        {assignment && !assignment.answersVisible ? (
          <p className="mb-4 rounded-md border border-line bg-raised p-3">{assignment.message}</p>
        ) : null}
        <div className="card mb-4">
          <Celebration
            title={
              passed || score.percent >= Math.round(ASSUMED_PASS_PERCENT * 100)
                ? `Well done: ${what} finished!`
                : `${what[0].toUpperCase()}${what.slice(1)} finished: every answer teaches you something.`
            }
          >
            You answered {score.correct} of {score.total}{" "}
            {attempt.kind === "simulation" ? "scored questions" : "questions"} correctly ({score.percent}%) in{" "}
            {formatDuration(attempt.secondsUsed)}.
            {wrong.length && (!assignment || assignment.cardsMade)
              ? ` The ${wrong.length} you missed ${wrong.length === 1 ? "is" : "are"} now in your review deck.`
              : ""}
          </Celebration>
        </div>
        {params.get("timeup") || attempt.timedOut ? (
          <p role="status" className="mb-4 rounded-md border border-warn bg-warn-soft p-3 font-medium text-warn">
            Time ran out, so your attempt was submitted at the deadline with the answers you had saved.
          </p>
        ) : null}
        <div className="grid gap-4 sm:grid-cols-3">
          <div className="card">
            <p className="text-sm text-muted">Score</p>
            <p className="text-3xl font-bold">{score.percent}%</p>
            <p>
              {score.correct} of {score.total} {attempt.kind === "simulation" ? "scored questions" : "questions"}{" "}
              correct
            </p>
          </div>
          {score.scaled !== null ? (
            <div className="card">
              <p className="text-sm text-muted">Estimated scaled score</p>
              <p className="text-3xl font-bold">{score.scaled}</p>
              <p className={passed ? "font-semibold text-success" : "font-semibold text-danger"}>
                {passed ? "Likely pass" : "Below the pass line"} (pass = {score.pass})
              </p>
            </div>
          ) : null}
          <div className="card">
            <p className="text-sm text-muted">Time used</p>
            <p className="text-3xl font-bold">{formatDuration(attempt.secondsUsed)}</p>
            <p>{attempt.timed ? "Timed" : "Untimed"}</p>
          </div>
        </div>
        {score.scaled !== null ? (
          <details className="mt-3">
            <summary className="cursor-pointer">How we estimate the scaled score</summary>
            <p className="mt-2 max-w-2xl text-sm">
              The NHA reports scores from {SCALE.min} to {SCALE.max} and {SCALE.pass} passes, but does not publish how
              raw scores convert; it differs between test forms. We draw a straight line from 0% correct ({SCALE.min})
              to {Math.round(ASSUMED_PASS_PERCENT * 100)}% correct ({SCALE.pass}) and on to 100% ({SCALE.max}), using
              only the {score.total} scored questions. Treat it as a rough guide, not a prediction.
            </p>
          </details>
        ) : null}
      </div>

      <Section headingId="domain-heading" title="By exam domain">
        <DataTable
          columns={["Domain", "Correct", { header: "Score", className: "w-1/3" }]}
          rows={score.byDomain}
          rowKey={(d) => d.domainId}
          cells={(d) => [
            <DomainChip id={d.domainId} name={d.name} />,
            <>
              {d.correct} / {d.total}
            </>,
            <div className="flex items-center gap-2">
              <div className="h-2 flex-1 rounded-full bg-raised" aria-hidden="true">
                <div
                  className="h-full rounded-full"
                  style={{ width: `${d.percent}%`, background: domainColor(d.domainId) }}
                />
              </div>
              <span className="w-12 text-right">{d.percent}%</span>
            </div>,
          ]}
        />
        {wrong.length && (!assignment || assignment.cardsMade) ? (
          <p className="mt-3">
            {wrong.length} question{wrong.length === 1 ? "" : "s"} you answered wrong{" "}
            {wrong.length === 1 ? "was" : "were"} added to your review deck. <Link to="/practice">Practise again</Link>
          </p>
        ) : null}
        {unanswered ? (
          <p className="mt-3">
            {unanswered} question{unanswered === 1 ? " was" : "s were"} not answered:{" "}
            {unanswered === 1 ? "it earns" : "they earn"} no points here, but {unanswered === 1 ? "is" : "are"} not
            counted as wrong in your progress or added to your review deck.
          </p>
        ) : null}
      </Section>

      {assignment && !assignment.answersVisible ? null : (
        <Section
          headingId="items-heading"
          title="Question by question"
          actions={
            <nav aria-label="Filter questions" className="flex gap-2">
              <Link
                to="?"
                aria-current={onlyMissed ? undefined : "page"}
                className={onlyMissed ? "btn-secondary" : "btn-primary"}
              >
                All ({items.length})
              </Link>
              <Link
                to="?show=missed"
                aria-current={onlyMissed ? "page" : undefined}
                className={onlyMissed ? "btn-primary" : "btn-secondary"}
              >
                Missed or not answered ({missed.length})
              </Link>
            </nav>
          }
        >
          <ol className="space-y-4">
            {shown.map((item) => (
              <li key={item.number} className="card">
                <p className="mb-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-muted">
                  <span>Question {item.number}</span>
                  <DomainChip id={item.domainId} name={item.domainName} />
                  {item.scored ? "" : <span>unscored (pretest)</span>}
                  {item.flagged ? <span>you flagged it</span> : ""}
                </p>
                {item.keyWithheld ? (
                  <p className="mb-2 font-semibold text-muted">
                    Answer hidden: your class has an assignment with this question whose answers are not out yet.
                  </p>
                ) : (
                  <p
                    className={`mb-2 font-semibold ${item.correct ? "text-success" : item.selectedIndex === null ? "text-muted" : "text-danger"}`}
                  >
                    {item.correct ? "Correct" : item.selectedIndex === null ? "Not answered" : "Incorrect"}
                  </p>
                )}
                <h3 className="mb-3 text-lg font-semibold" dangerouslySetInnerHTML={{ __html: item.stemHtml }} />
                <ul className="space-y-2">
                  {item.options.map((o, i) => (
                    <li
                      key={i}
                      className={`rounded-md border p-3 ${i === item.answerIndex ? "border-success bg-success-soft" : i === item.selectedIndex ? "border-danger bg-danger-soft" : "border-line"}`}
                    >
                      <p>
                        <span className="font-semibold">{LETTERS[i]}.</span> {o.text}
                        {i === item.answerIndex ? <span className="font-semibold"> — correct answer</span> : null}
                        {i === item.selectedIndex ? <span className="font-semibold"> — your answer</span> : null}
                      </p>
                      {o.rationale ? <p className="mt-1 text-sm">{o.rationale}</p> : null}
                    </li>
                  ))}
                </ul>
                {item.reference ? (
                  <p className="mt-3 text-sm">
                    {item.lessonUrl ? (
                      <>
                        <Link to={item.lessonUrl}>Read the lesson</Link> ·{" "}
                      </>
                    ) : null}
                    Source: {item.reference.publisher},{" "}
                    {item.reference.url ? (
                      <a href={item.reference.url} rel="noopener noreferrer external">
                        {item.reference.title}
                      </a>
                    ) : (
                      item.reference.title
                    )}
                  </p>
                ) : null}
                <p className="mt-2">
                  <ReportLink kind="question" id={item.questionId} what={`question ${item.number}`} />
                </p>
              </li>
            ))}
          </ol>
        </Section>
      )}
    </div>
  );
}
