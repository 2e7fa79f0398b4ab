// "Report a problem" with a question, card, lesson section or glossary term. The link carries
// what the report is about; the learner says what is wrong and, if they can, where it says so.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, ErrorSummary, TextareaField, TextField } from "~/components/form-controls.tsx";
import { reportFormSchema, reportTargetSchema } from "~/reports/forms.ts";
import { describeTarget, fileReport } from "~/reports/reports.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { formFailure, parseFormData } from "~/utils/forms.server.ts";
import { safeRedirect } from "~/utils/safe-redirect.ts";

export const meta: MetaFunction = () => [{ title: "Report a problem · Charted" }];

const LABELS = { message: "What is wrong?", source: "Source (optional)" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const url = new URL(request.url);
  const query = reportTargetSchema.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success)
    throw new Response("This report link is incomplete. Use the Report a problem link next to the item.", {
      status: 400,
    });
  const target = await describeTarget(query.data.kind, query.data.id, query.data.section);
  if (!target) throw new Response("We could not find what you are reporting.", { status: 404 });
  return { target, returnTo: safeRedirect(url.searchParams.get("returnTo"), target.href ?? "/") };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const parsed = parseFormData(formData, reportFormSchema);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const result = await fileReport(user.id, parsed.data);
  if (!result.ok)
    return data(formFailure(formData, result.message), { status: result.reason === "too-many" ? 429 : 404 });
  const back = safeRedirect(formData.get("returnTo"), "/");
  return redirect(`/reports?${new URLSearchParams({ sent: "1", returnTo: back })}`);
}

export default function ReportProblem() {
  const { target, returnTo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result && !result.ok ? result : undefined;
  const busy = useNavigation().state === "submitting";
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="page-title">Report a problem</h1>
      <p>
        You are reporting: <strong>{target.label}</strong>
        {target.href ? (
          <>
            {" "}
            (<Link to={target.href}>open it</Link>)
          </>
        ) : null}
      </p>
      <p className="text-sm text-muted">
        A content editor reads every report and answers it. You can follow yours on{" "}
        <Link to="/reports">Your reports</Link>.
      </p>
      <Form method="post" className="card">
        <ErrorSummary message={errors?.formError} fieldErrors={errors?.fieldErrors} labels={LABELS} />
        <input type="hidden" name="kind" value={target.kind} />
        <input type="hidden" name="id" value={target.id} />
        {target.section ? <input type="hidden" name="section" value={target.section} /> : null}
        <input type="hidden" name="returnTo" value={returnTo} />
        <TextareaField
          name="message"
          label={LABELS.message}
          rows={5}
          required
          maxLength={2000}
          hint="For example: the answer marked correct is wrong, a fact is out of date, a word is misspelled."
          defaultValue={errors?.values.message}
          errors={errors?.fieldErrors.message}
        />
        <TextField
          name="source"
          label={LABELS.source}
          maxLength={500}
          hint="A link or a book and page that shows the right information, if you have one."
          defaultValue={errors?.values.source}
          errors={errors?.fieldErrors.source}
        />
        <div className="flex flex-wrap items-center gap-3">
          <Button disabled={busy}>{busy ? "Sending…" : "Send report"}</Button>
          <Link to={returnTo}>Cancel</Link>
        </div>
      </Form>
    </div>
  );
}
