import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { authoredList } from "~/authoring/authoring.server.ts";
import { requireRole } from "~/utils/auth.server.ts";

export const meta: MetaFunction = () => [{ title: "My questions · Classes · Charted" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "instructor");
  return { questions: await authoredList(user) };
}

export default function MyQuestions() {
  const { questions } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const notice = params.get("saved")
    ? "Question saved."
    : params.get("retired")
      ? "Question retired: it no longer appears for new assignments."
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
      <Link to="/classes/questions/new" className="btn-primary">
        Write a question
      </Link>
      {questions.length ? (
        <ul className="space-y-3">
          {questions.map((q) => (
            <li key={q.id} className="card">
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
      ) : (
        <p>You have not written any questions yet.</p>
      )}
    </div>
  );
}
