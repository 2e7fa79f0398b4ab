import { orNotFound, routeParams } from "~/utils/http.server.ts";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import {
  asFormValues,
  knowledgeAreaChoices,
  ownAuthored,
  retireAuthored,
  saveQuestionForm,
  updateAuthored,
} from "~/authoring/authoring.server.ts";
import { ownQuestionId } from "~/authoring/forms.ts";
import { QuestionForm } from "~/components/question-form.tsx";
import { requireRole } from "~/utils/auth.server.ts";
import { Button } from "~/components/form-controls.tsx";

export const meta: MetaFunction = () => [{ title: "Edit question · Classes · Charted" }];

const questionId = (params: LoaderFunctionArgs["params"]) =>
  routeParams(params, { qid: ownQuestionId }, "We could not find that question.").qid;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "instructor");
  const q = orNotFound(await ownAuthored(user, questionId(params))).question;
  return { id: q.id, version: q.currentVersion, values: asFormValues(q), areas: knowledgeAreaChoices() };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "instructor");
  const id = questionId(params);
  const formData = await request.formData();
  if (formData.get("intent") === "retire") {
    orNotFound(await retireAuthored(user, id));
    return redirect("/classes/questions?retired=1");
  }
  if (formData.get("intent") !== "save")
    return data(
      {
        ok: false as const,
        fieldErrors: { stem: ["That change could not be made."] },
        values: {} as Record<string, string>,
      },
      { status: 400 },
    );
  const saved = await saveQuestionForm(formData, (q) => updateAuthored(user, id, q));
  if (!saved.ok && saved.reason === "not-found") throw new Response(saved.message, { status: 404 });
  if (!saved.ok) return data(saved, { status: 400 });
  return redirect("/classes/questions?saved=1");
}

export default function EditQuestion() {
  const { id, version, values, areas } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link to="/classes">Classes</Link> <span aria-hidden="true">›</span>{" "}
        <Link to="/classes/questions">My questions</Link> <span aria-hidden="true">›</span> {id}
      </nav>
      <h1 className="page-title">Edit question</h1>
      <p className="text-sm text-muted">
        Version {version}. Saving a change makes a new version; attempts already taken keep the version they showed.
      </p>
      <QuestionForm
        values={values}
        rejected={result && !result.ok ? result : null}
        refusal="The change was not saved: fix the fields marked below."
        areas={areas}
        submitLabel="Save changes"
      />
      <Form method="post" className="card">
        <input type="hidden" name="intent" value="retire" />
        <p className="mb-2">
          Retiring removes the question from new assignments, and from assignments for students who have not started
          them yet.
        </p>
        <Button variant="secondary">Retire this question</Button>
      </Form>
    </div>
  );
}
