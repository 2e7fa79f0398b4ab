import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigate, useNavigation } from "@remix-run/react";
import { useCallback } from "react";
import { ExamTimer } from "~/components/exam-timer.tsx";
import { reviewScreen, submitAttempt } from "~/exam/attempts.server.ts";
import { attemptIdParam } from "~/exam/forms.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { routeParams } from "~/utils/http.server.ts";
import { Button } from "~/components/form-controls.tsx";
import type { FocusMode } from "~/components/focus-header.tsx";
import { Section } from "~/components/section.tsx";

export const meta: MetaFunction = () => [{ title: "Review your answers · Charted" }];

/** Focus mode, as on the questions: a one-line header instead of the site's. */
export const handle = { focus: { exitTo: "/practice", exitLabel: "Save and exit" } satisfies FocusMode };

const idFrom = (params: LoaderFunctionArgs["params"]) =>
  routeParams(params, { id: attemptIdParam }, "We could not find that attempt.").id;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = idFrom(params);
  const screen = await reviewScreen(user.id, id);
  if (screen.state === "not-found") throw new Response(screen.message, { status: 404 });
  if (screen.state !== "open")
    return redirect(`/attempts/${id}/results${screen.state === "expired" ? "?timeup=1" : ""}`);
  return screen;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = idFrom(params);
  if ((await submitAttempt(user.id, id)) === null)
    throw new Response("We could not find that attempt.", { status: 404 });
  return redirect(`/attempts/${id}/results`);
}

function NumberLinks({ attemptId, numbers }: { attemptId: string; numbers: number[] }) {
  return (
    <ul className="flex flex-wrap gap-2">
      {numbers.map((n) => (
        <li key={n}>
          <Link to={`/attempts/${attemptId}/q/${n}`} className="btn-secondary min-w-11 px-3">
            <span className="sr-only">Question </span>
            {n}
          </Link>
        </li>
      ))}
    </ul>
  );
}

export default function ReviewPage() {
  const { attempt, unanswered, flagged } = useLoaderData<typeof loader>();
  const submitting = useNavigation().state === "submitting";
  const navigate = useNavigate();
  const onExpire = useCallback(
    () => setTimeout(() => navigate(`/attempts/${attempt.id}/results?timeup=1`), 2500),
    [attempt.id, navigate],
  );
  return (
    <div className="max-w-2xl space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="page-title mb-0">Review before you submit</h1>
        {attempt.secondsLeft !== null ? <ExamTimer secondsLeft={attempt.secondsLeft} onExpire={onExpire} /> : null}
      </div>
      <p>
        You answered {attempt.total - unanswered.length} of {attempt.total} questions.
      </p>
      <Section
        headingId="unanswered-heading"
        title={`Unanswered (${unanswered.length})`}
        size="lg"
        gap={2}
        className="card"
      >
        {unanswered.length ? (
          <NumberLinks attemptId={attempt.id} numbers={unanswered} />
        ) : (
          <p>None: every question has an answer.</p>
        )}
      </Section>
      <Section
        headingId="flagged-heading"
        title={`Flagged for review (${flagged.length})`}
        size="lg"
        gap={2}
        className="card"
      >
        {flagged.length ? (
          <NumberLinks attemptId={attempt.id} numbers={flagged} />
        ) : (
          <p>You did not flag any questions.</p>
        )}
      </Section>
      <Form method="post" className="card border-brand">
        <h2 className="mb-2 text-lg font-semibold">Submit your answers?</h2>
        <p className="mb-4">
          After you submit you cannot change answers.{" "}
          {unanswered.length
            ? `${unanswered.length} unanswered question${unanswered.length === 1 ? "" : "s"} will count as wrong.`
            : ""}
        </p>
        <div className="flex flex-wrap gap-3">
          <Button disabled={submitting}>{submitting ? "Submitting…" : "Yes, submit my answers"}</Button>
          <Link to={`/attempts/${attempt.id}/q/${unanswered[0] ?? flagged[0] ?? 1}`} className="btn-secondary">
            Keep working
          </Link>
        </div>
      </Form>
    </div>
  );
}
