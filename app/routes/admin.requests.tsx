// Admins decide requests for instructor access: approve (the account becomes an instructor) or
// decline with an optional reason. The requester is emailed either way; both are audited.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Button, ErrorSummary, TextareaField } from "~/components/form-controls.tsx";
import { Truncate } from "~/components/truncate.tsx";
import { DataTable } from "~/components/data-table.tsx";
import { Section } from "~/components/section.tsx";
import { decideRequestForm } from "~/invitations/forms.ts";
import { decideInstructorRequest, findRequest, requestQueue } from "~/invitations/requests.server.ts";
import { PENDING_REQUESTS_SHOWN } from "~/invitations/rules.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/dates.ts";
import { requestLocale } from "~/utils/locale.server.ts";
import { parseFormData } from "~/utils/forms.server.ts";
import { orNotFound } from "~/utils/http.server.ts";

export const meta: MetaFunction = () => [{ title: "Instructor requests · Admin · Charted" }];

const decidedQuery = z.object({
  decided: z
    .string()
    .regex(/^[a-z0-9]{20,32}$/)
    .optional()
    .catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = requestLocale(request);
  const admin = await requireRole(request, "admin");
  const { decided } = decidedQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [queue, just] = await Promise.all([requestQueue(), decided ? findRequest(decided) : null]);
  const when = (d: Date | null) => (d ? formatDate(d, admin.timeZone, "dateTime", locale) : "");
  const row = (r: (typeof queue.pending)[number]) => ({
    id: r.id,
    name: r.user.name,
    email: r.user.email,
    role: r.user.role,
    note: r.note,
    status: r.status,
    sent: when(r.createdAt),
    decided: r.decidedAt ? `${when(r.decidedAt)}${r.decidedBy ? ` by ${r.decidedBy.name}` : ""}` : "",
  });
  return {
    pending: queue.pending.map(row),
    pendingCount: queue.pendingCount,
    recent: queue.recent.map(row),
    message:
      just && just.status !== "pending"
        ? just.status === "approved"
          ? `${just.user.name}'s request was approved: they are now an instructor, and they were emailed.`
          : `${just.user.name}'s request was declined, and they were emailed.`
        : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const formData = await request.formData();
  const parsed = parseFormData(formData, decideRequestForm);
  const requestId = String(formData.get("requestId") ?? "");
  if (!parsed.ok) return data({ ...parsed, requestId }, { status: 400 });
  const decided = await decideInstructorRequest(admin, {
    requestId: parsed.data.requestId,
    decision: parsed.data.intent === "approve" ? "approved" : "declined",
    reason: parsed.data.intent === "decline" ? parsed.data.reason : null,
  });
  if (!decided.ok && decided.reason === "decided") {
    return data({ ok: false as const, alert: decided.message, requestId }, { status: 409 });
  }
  orNotFound(decided);
  return redirect(`/admin/requests?${new URLSearchParams({ decided: parsed.data.requestId })}`);
}

const STATUS_LABELS = { pending: "Pending", approved: "Approved", declined: "Declined" } as Record<string, string>;

export default function AdminRequests() {
  const { pending, pendingCount, recent, message } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  return (
    <div className="space-y-6">
      <h1 className="page-title">Instructor requests</h1>
      {message && !failed ? (
        <p role="status" className="rounded-md border border-success bg-success-soft p-3 font-medium text-success">
          {message}
        </p>
      ) : null}
      {failed && "alert" in failed ? (
        <p role="alert" className="field-error">
          {failed.alert}
        </p>
      ) : null}
      <Section headingId="pending-heading" title={`Waiting for a decision (${pendingCount})`} size="lg" gap={2}>
        {pendingCount > pending.length ? (
          <p className="mb-2">The {PENDING_REQUESTS_SHOWN} oldest are shown; decide them to see the rest.</p>
        ) : null}
        {pending.length ? (
          <ol className="space-y-4">
            {pending.map((r) => {
              const errors = failed && "fieldErrors" in failed && failed.requestId === r.id ? failed : undefined;
              return (
                <li key={r.id} className="card space-y-3">
                  <h3 className="font-semibold">
                    <Truncate text={r.name} className="block" />
                    <Truncate text={r.email} className="block font-normal text-muted" />
                  </h3>
                  <p className="text-sm text-muted">
                    Sent {r.sent}
                    {r.role !== "student" ? ` · already has ${r.role} access` : ""}
                  </p>
                  <blockquote className="whitespace-pre-line border-l-4 border-line pl-3">{r.note}</blockquote>
                  <ErrorSummary
                    message={errors?.formError}
                    fieldErrors={errors?.fieldErrors}
                    labels={{ reason: "Reason for declining (optional)" }}
                    ids={{ reason: `reason-${r.id}` }}
                  />
                  <div className="flex flex-wrap items-start gap-6">
                    <Form method="post">
                      <input type="hidden" name="requestId" value={r.id} />
                      <input type="hidden" name="intent" value="approve" />
                      <Button aria-label={`Approve ${r.name}'s request`}>Approve</Button>
                    </Form>
                    <Form method="post" className="min-w-64 flex-1" aria-label={`Decline ${r.name}'s request`}>
                      <input type="hidden" name="requestId" value={r.id} />
                      <input type="hidden" name="intent" value="decline" />
                      <TextareaField
                        id={`reason-${r.id}`}
                        name="reason"
                        label="Reason for declining (optional)"
                        rows={2}
                        maxLength={500}
                        hint="Sent to them in the email."
                        defaultValue={errors?.values.reason}
                        errors={errors?.fieldErrors.reason}
                      />
                      <Button variant="secondary" aria-label={`Decline ${r.name}'s request`}>
                        Decline
                      </Button>
                    </Form>
                  </div>
                </li>
              );
            })}
          </ol>
        ) : (
          <p>No requests are waiting.</p>
        )}
      </Section>
      <Section headingId="recent-heading" title="Recently decided" size="lg" gap={2}>
        {recent.length ? (
          <DataTable
            regionLabelledBy="recent-heading"
            columns={["Requester", "Decision", "Decided", "Note"]}
            rows={recent}
            rowKey={(r) => r.id}
            cells={(r) => [
              <>
                <Truncate text={r.name} className="block max-w-56" />
                <Truncate text={r.email} className="block max-w-56 text-sm text-muted" />
              </>,
              STATUS_LABELS[r.status] ?? r.status,
              r.decided,
              <span className="line-clamp-3 whitespace-pre-line">{r.note}</span>,
            ]}
          />
        ) : (
          <p>No requests decided yet.</p>
        )}
      </Section>
    </div>
  );
}
