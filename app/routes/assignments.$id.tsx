import { orNotFound, routeParams } from "~/utils/http.server.ts";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { assignmentForStudent, startAssignment } from "~/assignments/student.server.ts";
import { idParam, startForm } from "~/assignments/forms.ts";
import { Button, FormError } from "~/components/form-controls.tsx";
import { requireUser } from "~/utils/auth.server.ts";
import { requestLocale } from "~/utils/locale.server.ts";
import { Section } from "~/components/section.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.assignment.title ?? "Assignment"} · Charted` },
];

const idFrom = (params: LoaderFunctionArgs["params"]) =>
  routeParams(params, { id: idParam }, "We could not find that assignment.").id;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return orNotFound(
    await assignmentForStudent(user.id, { timeZone: user.timeZone, locale: requestLocale(request) }, idFrom(params)),
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = idFrom(params);
  const form = startForm.safeParse(Object.fromEntries(await request.formData()));
  if (!form.success) return data({ message: "That request could not be read. Use the Start button." }, { status: 400 });
  const started = await startAssignment(user.id, { timeZone: user.timeZone, locale: requestLocale(request) }, id);
  if (!started.ok) return data({ message: started.message }, { status: started.status });
  return redirect(`/attempts/${started.attemptId}`);
}

export default function StudentAssignmentPage() {
  const {
    assignment: a,
    statusLabel,
    canStart,
    resumeId,
    startsLate,
    refusal,
    attempts,
  } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="max-w-2xl space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link to="/join">My classes</Link> <span aria-hidden="true">›</span> {a.className}
      </nav>
      <h1 className="page-title">{a.title}</h1>
      <dl className="card grid gap-x-4 gap-y-2 sm:grid-cols-[max-content_1fr]">
        <dt className="font-semibold">Status</dt>
        <dd>{statusLabel}</dd>
        <dt className="font-semibold">Opens</dt>
        <dd>{a.opensAt}</dd>
        <dt className="font-semibold">Due</dt>
        <dd>{a.classDueAt ? `Extended to ${a.dueAt} (the class's due date is ${a.classDueAt})` : a.dueAt}</dd>
        <dt className="font-semibold">Questions</dt>
        <dd>{a.questions}</dd>
        <dt className="font-semibold">Time limit</dt>
        <dd>
          {a.minutes === null ? "Untimed" : `${a.minutes} minutes`}
          {a.extraTime ? ` (includes your ${a.extraTime}x extra time)` : ""}
        </dd>
        <dt className="font-semibold">Attempts</dt>
        <dd>
          {attempts.length} of {a.attemptsAllowed} used
        </dd>
        <dt className="font-semibold">Answers shown</dt>
        <dd>{a.revealPolicy}</dd>
      </dl>
      <FormError message={failed?.message} />
      {canStart ? (
        <Form method="post" className="space-y-2">
          <input type="hidden" name="intent" value="start" />
          {startsLate && !resumeId ? (
            <p className="font-medium text-warn">
              The due date has passed: you can still start, but your work will be marked late.
            </p>
          ) : null}
          <Button disabled={busy}>
            {resumeId ? "Resume attempt" : attempts.length ? "Start another attempt" : "Start assignment"}
          </Button>
        </Form>
      ) : (
        <p role="status" className="rounded-md border border-line bg-raised p-3 font-medium">
          {refusal}
        </p>
      )}
      {attempts.length ? (
        <Section headingId="attempts-heading" title="Your attempts" size="lg" gap={2}>
          <ul className="space-y-2">
            {attempts.map((t) => (
              <li key={t.id} className="card flex flex-wrap items-center justify-between gap-2">
                <span>
                  Attempt {t.number}:{" "}
                  {t.status === "submitted"
                    ? `${t.percent}% · submitted ${t.submittedAt}${t.late ? " (late)" : ""}`
                    : "in progress"}
                </span>
                {t.status === "submitted" ? (
                  <Link to={`/attempts/${t.id}/results`}>
                    See results<span className="sr-only"> of attempt {t.number}</span>
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </div>
  );
}
