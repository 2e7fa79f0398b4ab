import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { authoredList } from "~/authoring/authoring.server.ts";
import { assignmentsWithOwnQuestions } from "~/authoring/export.server.ts";
import { Button, CheckboxField, CheckboxGroup, SelectField } from "~/components/form-controls.tsx";
import { requireRole } from "~/utils/auth.server.ts";

export const meta: MetaFunction = () => [{ title: "My questions · Classes · Charted" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "instructor");
  const [questions, assignments] = await Promise.all([authoredList(user), assignmentsWithOwnQuestions(user.id)]);
  return {
    questions,
    assignments: assignments.map((a) => ({
      id: a.id,
      label: `${a.title} (${a.className}): ${a.questionIds.length} of your question${a.questionIds.length === 1 ? "" : "s"}`,
    })),
  };
}

export default function MyQuestions() {
  const { questions, assignments } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const notice = params.get("saved")
    ? "Question saved."
    : params.get("retired")
      ? "Question retired: it no longer appears for new assignments."
      : params.has("imported")
        ? importNotice(Number(params.get("imported")), Number(params.get("already")))
        : params.get("export") === "none"
          ? "Tick the questions to export first, or export all."
          : params.get("export") === "no-assignment"
            ? "Tick the assignments whose questions you want to export first."
            : params.get("export") === "empty"
              ? "You have no questions to export yet."
              : null;
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link to="/classes">Classes</Link> <span aria-hidden="true">›</span> My questions
      </nav>
      <h1 className="page-title">My questions</h1>
      {notice ? (
        <p role="status" className="rounded-md border border-success bg-success-soft p-3 font-medium text-success">
          {notice}
        </p>
      ) : null}
      <p className="max-w-2xl">
        Questions you write are private to you: only your classes see them, when you hand-pick them for an assignment.
        They pass the same checks as the shared bank (four options with a rationale each, a knowledge area, a source, no
        near-copy of an existing question).
      </p>
      <div className="flex flex-wrap items-center gap-4">
        <Link to="/classes/questions/new" className="btn-primary">
          Write a question
        </Link>
        <Link to="/classes/questions/import">Import from Moodle (GIFT or XML)</Link>
      </div>
      {questions.length ? (
        // A plain GET form: the ticked questions (or all) download as a file.
        <Form method="get" action="/classes/questions/export" reloadDocument className="space-y-3">
          <fieldset className="card flex flex-wrap items-end gap-4">
            <legend className="px-1 font-semibold">Export</legend>
            <SelectField
              wrapperClassName=""
              name="format"
              label="Format"
              defaultValue="gift"
              options={[
                { value: "gift", label: "GIFT (.gift.txt)" },
                { value: "xml", label: "Moodle XML (.xml)" },
              ]}
            />
            <Button name="scope" value="all" variant="secondary">
              Export all
            </Button>
            <Button name="scope" value="selected" variant="secondary">
              Export selected
            </Button>
            {assignments.length ? (
              <div className="basis-full space-y-2">
                <CheckboxGroup
                  name="assignment"
                  legend="Or the questions of yours in these assignments"
                  options={assignments.map((a) => ({ value: a.id, label: a.label }))}
                />
                <Button name="scope" value="assignments" variant="secondary">
                  Export the chosen assignments&apos; questions
                </Button>
              </div>
            ) : null}
          </fieldset>
          <ul className="space-y-3">
            {questions.map((q) => (
              <li key={q.id} className="card">
                <CheckboxField name="id" value={q.id} label={<span className="sr-only">Select {q.id}</span>} />
                <p dangerouslySetInnerHTML={{ __html: q.stemHtml }} />
                <p className="mt-1 text-sm text-muted">
                  {q.knowledgeArea} {q.areaTitle} · difficulty {q.difficulty} · version {q.version} · {q.id}
                </p>
                <Link to={`/classes/questions/${q.id}`} className="mt-2 inline-block">
                  Edit or retire
                </Link>
              </li>
            ))}
          </ul>
        </Form>
      ) : (
        <p>You have not written any questions yet.</p>
      )}
    </div>
  );
}

function importNotice(imported: number, already: number) {
  const s = (n: number) => (n === 1 ? "" : "s");
  return `Imported ${imported} question${s(imported)}${already ? `; ${already} already imported, not added again` : ""}.`;
}
