import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormError } from "~/components/field.tsx";
import { reviewPrefs, updateReviewPrefs } from "~/models/review.server.ts";
import { reviewSettingsSchema } from "~/review/forms.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { parseFormData } from "~/utils/forms.server.ts";

export const meta: MetaFunction = () => [{ title: "Review settings · Charted" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const prefs = await reviewPrefs(user.id);
  return { prefs: { desiredRetention: prefs.desiredRetention, newCardsPerDay: prefs.newCardsPerDay, reviewsPerDay: prefs.reviewsPerDay, timeZone: prefs.timeZone }, zones: Intl.supportedValuesOf("timeZone") };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const parsed = parseFormData(formData, reviewSettingsSchema);
  if (!parsed.ok) return data(parsed, { status: 400 });
  await updateReviewPrefs(user.id, parsed.data);
  return { ok: true as const };
}

export default function ReviewSettings() {
  const { prefs, zones } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result && !result.ok ? result : undefined;
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link to="/review">Review</Link> <span aria-hidden="true">›</span> Settings
      </nav>
      <h1 className="page-title">Review settings</h1>
      {result?.ok ? <p role="status" className="rounded-md border border-success bg-success-soft p-3 font-medium text-success">Settings saved.</p> : null}
      <Form method="post" className="card" noValidate>
        <FormError message={errors?.formError} />
        <Field name="desiredRetention" label="Desired retention (0.70–0.97)" type="number" step="0.01" min={0.7} max={0.97} defaultValue={errors?.values.desiredRetention ?? prefs.desiredRetention} errors={errors?.fieldErrors.desiredRetention} hint="How likely you want to be to remember a card when it comes back. 0.90 is a good balance; higher means more reviews." />
        <Field name="newCardsPerDay" label="New cards per day" type="number" min={0} max={500} defaultValue={errors?.values.newCardsPerDay ?? prefs.newCardsPerDay} errors={errors?.fieldErrors.newCardsPerDay} />
        <Field name="reviewsPerDay" label="Maximum reviews per day" type="number" min={1} max={5000} defaultValue={errors?.values.reviewsPerDay ?? prefs.reviewsPerDay} errors={errors?.fieldErrors.reviewsPerDay} />
        <div className="mb-4">
          <label htmlFor="timeZone" className="field-label">Time zone</label>
          <select id="timeZone" name="timeZone" defaultValue={errors?.values.timeZone ?? prefs.timeZone} className="field-input" aria-describedby="timeZone-hint">
            {zones.includes(prefs.timeZone) ? null : <option value={prefs.timeZone}>{prefs.timeZone}</option>}
            {zones.map((z) => (
              <option key={z} value={z}>{z}</option>
            ))}
          </select>
          <p id="timeZone-hint" className="field-hint">Your study day starts at 4 a.m. here, so late-evening study counts for that day.</p>
          {errors?.fieldErrors.timeZone ? <p className="field-error">{errors.fieldErrors.timeZone.join(" ")}</p> : null}
        </div>
        <button type="submit" className="btn-primary">Save settings</button>
      </Form>
    </div>
  );
}
