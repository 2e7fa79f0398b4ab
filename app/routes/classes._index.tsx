import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { classesTaughtBy, createClassFor } from "~/classes/classes.server.ts";
import { createClassSchema } from "~/classes/forms.ts";
import { Button, FormError, TextField } from "~/components/form-controls.tsx";
import { requireRole } from "~/utils/auth.server.ts";
import { parseFormData } from "~/utils/forms.server.ts";
import { Users } from "lucide-react";
import { EmptyState } from "~/components/empty-state.tsx";

export const meta: MetaFunction = () => [{ title: "Classes · Charted" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "instructor");
  const classes = await classesTaughtBy(user.id);
  return {
    // Just accepted an instructor invitation (?welcome=instructor): say what they can do now.
    welcome: new URL(request.url).searchParams.get("welcome") === "instructor",
    classes: classes.map((c) => ({
      id: c.id,
      name: c.name,
      joinCode: c.joinCode,
      students: c._count.memberships,
      createdAt: c.createdAt.toISOString(),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "instructor");
  const formData = await request.formData();
  const parsed = parseFormData(formData, createClassSchema);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const created = await createClassFor(user.id, parsed.data.name);
  return redirect(`/classes/${created.id}`);
}

export default function ClassesPage() {
  const { classes, welcome } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="page-title">Your classes</h1>
        <Link to="/classes/questions" className="btn-secondary">
          My questions
        </Link>
      </div>
      {welcome ? (
        <p role="status" className="rounded-md border border-success bg-success-soft p-3 font-medium text-success">
          Your account is now an instructor account. Create a class below, then invite your students.
        </p>
      ) : null}
      {classes.length ? (
        <ul className="grid gap-3 sm:grid-cols-2">
          {classes.map((c) => (
            <li key={c.id} className="card">
              <h2 className="text-lg font-semibold">
                <Link to={`/classes/${c.id}`}>{c.name}</Link>
              </h2>
              <p>
                {c.students} student{c.students === 1 ? "" : "s"} · join code{" "}
                <span className="font-mono font-semibold">{c.joinCode}</span>
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState
          icon={Users}
          title="No classes yet"
          action={
            <a href="#create-class" className="btn-primary">
              Create a class
            </a>
          }
        >
          Create one below and share its join code with your students.
        </EmptyState>
      )}
      <Form method="post" className="card max-w-md" noValidate>
        <h2 id="create-class" className="mb-3 subsection-title">
          Create a class
        </h2>
        <FormError message={result?.formError} />
        <TextField
          name="name"
          label="Class name"
          required
          maxLength={80}
          defaultValue={result?.values.name}
          errors={result?.fieldErrors.name}
          hint="For example: CMAA evening cohort, spring term"
        />
        <Button>Create class</Button>
      </Form>
    </div>
  );
}
