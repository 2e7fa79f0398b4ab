// A student asks for instructor access with a short note; the page shows where their request
// stands. Admins decide at /admin/requests.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, ErrorSummary, FormError, TextareaField } from "~/components/form-controls.tsx";
import { Section } from "~/components/section.tsx";
import { instructorRequestForm } from "~/invitations/forms.ts";
import { latestRequest, requestInstructorAccess } from "~/invitations/requests.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/dates.ts";
import { requestLocale } from "~/utils/locale.server.ts";
import { formFailure, parseFormData } from "~/utils/forms.server.ts";

export const meta: MetaFunction = () => [{ title: "Instructor access · Charted" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = requestLocale(request);
  const user = await requireUser(request);
  const latest = await latestRequest(user.id);
  return {
    hasAccess: user.role !== "student",
    sent: new URL(request.url).searchParams.get("sent") === "1",
    request: latest
      ? {
          status: latest.status,
          note: latest.note,
          sentOn: formatDate(latest.createdAt, user.timeZone, "date", locale),
          decidedOn: latest.decidedAt ? formatDate(latest.decidedAt, user.timeZone, "date", locale) : null,
        }
      : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const parsed = parseFormData(formData, instructorRequestForm);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const result = await requestInstructorAccess(user, parsed.data.note);
  if (!result.ok) {
    return data(formFailure(formData, result.message), { status: result.reason === "rate-limited" ? 429 : 409 });
  }
  return redirect("/instructor-access?sent=1");
}

const NOTE_LABEL = "Why do you need instructor access?";

export default function InstructorAccess() {
  const { hasAccess, sent, request } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const pending = request?.status === "pending";
  return (
    <div className="mx-auto max-w-xl space-y-6">
      <h1 className="page-title">Instructor access</h1>
      {hasAccess ? (
        <p>
          Your account already has instructor access. <Link to="/classes">Go to your classes</Link>.
        </p>
      ) : (
        <>
          <p>
            Instructors create classes, invite students and give assignments. If you teach a CMAA course, ask an
            administrator for instructor access: they will read your note and you will get an email with their decision.
          </p>
          {sent && !errors ? (
            <p role="status" className="rounded-md border border-success bg-success-soft p-3 font-medium text-success">
              Your request was sent. You will get an email when an administrator decides.
            </p>
          ) : null}
          {request ? (
            <Section headingId="request-heading" title="Your request" size="lg" gap={2} className="card space-y-2">
              <p>
                {request.status === "pending"
                  ? `Sent ${request.sentOn}: waiting for an administrator.`
                  : request.status === "approved"
                    ? `Sent ${request.sentOn}, approved ${request.decidedOn}.`
                    : `Sent ${request.sentOn}, declined ${request.decidedOn}. You can send a new request with more detail.`}
              </p>
              <blockquote className="whitespace-pre-line border-l-4 border-line pl-3">{request.note}</blockquote>
            </Section>
          ) : null}
          {pending ? (
            // A second tab's form sent after the first request: say why nothing happened.
            <FormError message={errors?.formError} />
          ) : (
            <Section headingId="ask-heading" title="Ask for instructor access" size="lg" gap={2} className="card">
              <Form method="post" noValidate>
                <ErrorSummary
                  message={errors?.formError || undefined}
                  fieldErrors={errors?.fieldErrors}
                  labels={{ note: NOTE_LABEL }}
                />
                <TextareaField
                  name="note"
                  label={NOTE_LABEL}
                  rows={5}
                  required
                  minLength={10}
                  maxLength={1000}
                  hint="For example the school or program you teach for and the course. 10 to 1,000 characters."
                  defaultValue={errors?.values.note}
                  errors={errors?.fieldErrors.note}
                />
                <Button disabled={busy}>{busy ? "Sending…" : "Send request"}</Button>
              </Form>
            </Section>
          )}
        </>
      )}
    </div>
  );
}
