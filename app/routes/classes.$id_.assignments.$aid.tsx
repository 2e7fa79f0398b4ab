import { orNotFound, routeParams } from "~/utils/http.server.ts";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { assignmentResults } from "~/assignments/results.server.ts";
import { assignmentOverrides, removeOverride, saveOverride } from "~/assignments/overrides.server.ts";
import { idParam, overrideFormSchema, removeOverrideForm } from "~/assignments/forms.ts";
import { Button, ErrorSummary, RadioGroup, SelectField, TextField } from "~/components/form-controls.tsx";
import { Truncate } from "~/components/truncate.tsx";
import { formFailure, parseFormData } from "~/utils/forms.server.ts";
import { formatDuration } from "~/exam/timing.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { requestLocale } from "~/utils/locale.server.ts";
import { MIN_RESPONSES_FOR_DISCRIMINATION } from "~/assignments/item-analysis.ts";
import { OPTION_LETTERS as LETTERS } from "~/content/exam-ids.ts";
import { DataTable } from "~/components/data-table.tsx";
import { Section } from "~/components/section.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.assignment.title ?? "Assignment"} · Results · Charted` },
];

const NOT_FOUND = "We could not find that assignment.";
const DONE_MESSAGES = {
  saved: "The override is saved.",
  removed: "The override is removed: the assignment's own settings apply again.",
} as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = { ...(await requireRole(request, "instructor")), locale: requestLocale(request) };
  const ids = routeParams(params, { id: idParam, aid: idParam }, NOT_FOUND);
  const results = orNotFound(await assignmentResults(user, ids.id, ids.aid));
  const { members, overrides } = orNotFound(await assignmentOverrides(user, ids.id, ids.aid));
  const url = new URL(request.url);
  const done = url.searchParams.get("override");
  return {
    ...results,
    members,
    overrides,
    editing: url.searchParams.get("edit"),
    done: done === "saved" || done === "removed" ? DONE_MESSAGES[done] : null,
  };
}

/** Add, change or remove one student's override (instructor of the class, or an admin). */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = { ...(await requireRole(request, "instructor")), locale: requestLocale(request) };
  const ids = routeParams(params, { id: idParam, aid: idParam }, NOT_FOUND);
  const formData = await request.formData();
  const base = `/classes/${ids.id}/assignments/${ids.aid}`;
  if (formData.get("intent") === "remove-override") {
    const form = removeOverrideForm.safeParse(Object.fromEntries(formData));
    if (!form.success) return data(formFailure(formData, "Choose an override to remove."), { status: 400 });
    const removed = await removeOverride(user, ids.id, ids.aid, form.data.userId);
    if (!removed.ok && removed.reason === "invalid")
      return data(formFailure(formData, removed.message), { status: 400 });
    orNotFound(removed);
    return redirect(`${base}?override=removed#overrides-heading`);
  }
  const form = parseFormData(formData, overrideFormSchema(user.timeZone));
  if (!form.ok) return data(form, { status: 400 });
  const saved = await saveOverride(user, ids.id, ids.aid, form.data);
  if (!saved.ok && saved.reason === "invalid")
    return data(formFailure(formData, saved.message, { [saved.field]: [saved.message] }), { status: 400 });
  orNotFound(saved);
  return redirect(`${base}?override=saved#overrides-heading`);
}

const pct = (n: number | null) => (n === null ? "–" : `${Math.round(n * 100)}%`);

export default function AssignmentResultsPage() {
  const { klass, assignment, domains, rows, weakest, items, analysed, members, overrides, editing, done } =
    useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
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
                <Link to={`${base}/students/${r.id}`} className="block max-w-56">
                  <Truncate text={r.name} inControl />
                </Link>
                <span className="block max-w-56 text-sm text-muted">
                  <Truncate text={r.email} />
                  {r.member ? "" : " · left the class"}
                </span>
              </>,
              r.late ? <span className="font-semibold text-warn">Late</span> : r.statusLabel,
              r.percent === null ? "–" : `${r.percent}% (${r.correct}/${r.total})`,
              ...domains.map((d) => (r.byDomain[d.id] === undefined ? "–" : `${r.byDomain[d.id]}%`)),
              r.secondsUsed === null ? "–" : formatDuration(r.secondsUsed),
              <>
                {r.submittedAt ?? "–"}
                {r.extendedDueAt ? (
                  <span className="block text-sm text-muted">extended to {r.extendedDueAt}</span>
                ) : null}
              </>,
              r.attempts,
            ]}
          />
        ) : (
          <p>No students yet.</p>
        )}
      </Section>

      <OverridesSection
        members={members}
        overrides={overrides}
        editing={editing}
        done={done}
        failure={failure}
        assignmentMinutes={assignment.minutes}
      />

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

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Failure = ReturnType<typeof useActionData<typeof action>>;

const OVERRIDE_LABELS = {
  userId: "Student",
  dueAt: "New due date",
  timeLimit: "Time limit",
  minutes: "Minutes",
  attemptsAllowed: "Attempts allowed in total",
};

/** The Overrides table and the form to add or change one (a student's row prefills it via ?edit=). */
function OverridesSection({
  members,
  overrides,
  editing,
  done,
  failure,
  assignmentMinutes,
}: Pick<LoaderData, "members" | "overrides" | "editing" | "done"> & {
  failure: Failure;
  assignmentMinutes: number | null;
}) {
  const edited = overrides.find((o) => o.userId === editing);
  const values = failure?.values ?? { userId: edited?.userId ?? "", ...edited?.edit };
  const errors = failure?.fieldErrors;
  return (
    <Section headingId="overrides-heading" title="Overrides" gap={3}>
      <p className="max-w-3xl text-sm">
        Give one student a later due date, another time limit or more attempts. Their extra time in the class still
        multiplies the time limit. With answers shown after the due date, the answers wait until the latest extended due
        date has passed, for the whole class.
      </p>
      {done ? (
        <p role="status" className="rounded-md border border-success bg-success-soft p-3 font-medium text-success">
          {done}
        </p>
      ) : null}
      {overrides.length ? (
        <DataTable
          regionLabelledBy="overrides-heading"
          caption="Students with their own settings"
          columns={["Student", "Due", "Time limit", "Attempts", "Actions"]}
          rows={overrides}
          rowKey={(o) => o.userId}
          cells={(o) => [
            <>
              <Truncate text={o.name} className="block max-w-56" />
              <Truncate text={o.email} className="block max-w-56 text-sm text-muted" />
            </>,
            o.dueAt ?? "as assigned",
            o.timeLimit ?? "as assigned",
            o.attemptsAllowed ?? "as assigned",
            <div className="flex flex-wrap items-center gap-2">
              <Link to={`?edit=${o.userId}#override-form-heading`}>
                Edit<span className="sr-only"> override for {o.name}</span>
              </Link>
              <Form method="post">
                <input type="hidden" name="intent" value="remove-override" />
                <input type="hidden" name="userId" value={o.userId} />
                <Button variant="secondary">
                  Remove<span className="sr-only"> override for {o.name}</span>
                </Button>
              </Form>
            </div>,
          ]}
        />
      ) : (
        <p>No overrides: every student works under the assignment's settings.</p>
      )}
      {members.length ? (
        <Form method="post" className="card max-w-xl space-y-3" aria-labelledby="override-form-heading" noValidate>
          <h3 id="override-form-heading" className="text-lg font-semibold">
            {edited ? `Change ${edited.name}'s override` : "Add or change an override"}
          </h3>
          <ErrorSummary message={failure?.formError || undefined} fieldErrors={errors} labels={OVERRIDE_LABELS} />
          <input type="hidden" name="intent" value="save-override" />
          <SelectField
            name="userId"
            label={OVERRIDE_LABELS.userId}
            defaultValue={values.userId ?? ""}
            errors={errors?.userId}
            key={`user-${values.userId}`}
            options={[
              { value: "", label: "Choose a student" },
              ...members.map((m) => ({ value: m.id, label: `${m.name} (${m.email})` })),
            ]}
          />
          <TextField
            name="dueAt"
            type="datetime-local"
            label={OVERRIDE_LABELS.dueAt}
            hint="In your time zone. Leave empty to keep the assignment's due date."
            defaultValue={values.dueAt ?? ""}
            key={`due-${values.userId}`}
            errors={errors?.dueAt}
          />
          <RadioGroup
            name="timeLimit"
            legend={OVERRIDE_LABELS.timeLimit}
            defaultValue={values.timeLimit || "keep"}
            key={`limit-${values.userId}`}
            errors={errors?.timeLimit}
            options={[
              {
                value: "keep",
                label: `As assigned (${assignmentMinutes === null ? "untimed" : `${assignmentMinutes} minutes`})`,
              },
              { value: "minutes", label: "Another time limit" },
              { value: "untimed", label: "Untimed" },
            ]}
          />
          <TextField
            name="minutes"
            inputMode="numeric"
            label={OVERRIDE_LABELS.minutes}
            hint="For another time limit, 1 to 300."
            defaultValue={values.minutes ?? ""}
            key={`minutes-${values.userId}`}
            errors={errors?.minutes}
          />
          <TextField
            name="attemptsAllowed"
            inputMode="numeric"
            label={OVERRIDE_LABELS.attemptsAllowed}
            hint="Leave empty to keep the assignment's number."
            defaultValue={values.attemptsAllowed ?? ""}
            key={`attempts-${values.userId}`}
            errors={errors?.attemptsAllowed}
          />
          <Button>Save override</Button>
        </Form>
      ) : (
        <p>Overrides are for students of the class; none have joined yet.</p>
      )}
    </Section>
  );
}
