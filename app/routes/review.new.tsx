import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, ErrorSummary, SelectField, TextareaField } from "~/components/form-controls.tsx";
import { getContentIndex } from "~/content/index.server.ts";
import { ownCardSchema } from "~/review/forms.ts";
import { addOwnCard } from "~/review/review.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { parseFormData } from "~/utils/forms.server.ts";

export const meta: MetaFunction = () => [{ title: "Add a card · Review · Charted" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return { domains: getContentIndex().domains.map((d) => ({ id: d.id, name: d.name })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const parsed = parseFormData(formData, ownCardSchema);
  if (!parsed.ok) return data(parsed, { status: 400 });
  await addOwnCard(user.id, parsed.data);
  return { ok: true as const, domainId: parsed.data.domainId };
}

export default function NewCard() {
  const { domains } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result && !result.ok ? result : undefined;
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link to="/review">Review</Link> <span aria-hidden="true">›</span> Add a card
      </nav>
      <h1 className="page-title">Add your own card</h1>
      {result?.ok ? (
        <p role="status" className="rounded-md border border-success bg-success-soft p-3 font-medium text-success">
          Card added to your deck. It will appear with your new cards. Add another below.
        </p>
      ) : null}
      <Form method="post" className="card" key={result?.ok ? Math.random() : "form"}>
        <ErrorSummary
          message={errors?.formError}
          fieldErrors={errors?.fieldErrors}
          labels={{
            domainId: "Deck (exam domain)",
            front: "Front (the question or prompt)",
            back: "Back (the answer)",
          }}
        />
        <SelectField
          name="domainId"
          label="Deck (exam domain)"
          defaultValue={errors?.values.domainId ?? (result?.ok ? result.domainId : "")}
          options={[{ value: "", label: "Choose a deck" }, ...domains.map((d) => ({ value: d.id, label: d.name }))]}
          errors={errors?.fieldErrors.domainId}
        />
        {(["front", "back"] as const).map((side) => (
          <TextareaField
            key={side}
            name={side}
            label={side === "front" ? "Front (the question or prompt)" : "Back (the answer)"}
            rows={side === "front" ? 3 : 5}
            defaultValue={errors?.values[side]}
            errors={errors?.fieldErrors[side]}
          />
        ))}
        <Button>Add card</Button>
      </Form>
    </div>
  );
}
