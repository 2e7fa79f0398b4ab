import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { createAuthored, knowledgeAreaChoices, saveQuestionForm } from "~/authoring/authoring.server.ts";
import { QuestionForm } from "~/components/question-form.tsx";
import { requireRole } from "~/utils/auth.server.ts";

export const meta: MetaFunction = () => [{ title: "Write a question · Classes · Charted" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "instructor");
  return { areas: knowledgeAreaChoices() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "instructor");
  const saved = await saveQuestionForm(await request.formData(), (q) => createAuthored(user, q));
  if (!saved.ok) return data(saved, { status: 400 });
  return redirect("/classes/questions?saved=1");
}

export default function NewQuestion() {
  const { areas } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link to="/classes">Classes</Link> <span aria-hidden="true">›</span>{" "}
        <Link to="/classes/questions">My questions</Link> <span aria-hidden="true">›</span> New
      </nav>
      <h1 className="page-title">Write a question</h1>
      <QuestionForm
        values={{}}
        rejected={result && !result.ok ? result : null}
        refusal="The question was not saved: fix the fields marked below."
        areas={areas}
        submitLabel="Save question"
      />
    </div>
  );
}
