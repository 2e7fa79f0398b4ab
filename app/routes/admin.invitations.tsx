// Admins invite instructors by email and follow the invitations: pending (revocable), accepted,
// expired, revoked. A new invitation's link is shown once, on the page that sent it.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { Button, ErrorSummary, TextField } from "~/components/form-controls.tsx";
import { Truncate } from "~/components/truncate.tsx";
import { DataTable } from "~/components/data-table.tsx";
import { Section } from "~/components/section.tsx";
import { adminInvitationForm } from "~/invitations/forms.ts";
import {
  instructorInvitations,
  inviteInstructor,
  revokeInstructorInvitation,
} from "~/invitations/instructor-invitations.server.ts";
import { mailIsConfigured } from "~/mail/transport.server.ts";
import { INVITATION_STATUSES, type InvitationStatus } from "~/models/invitation-kinds.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/dates.ts";
import { requestLocale } from "~/utils/locale.server.ts";
import { formFailure, parseFormData } from "~/utils/forms.server.ts";
import { orNotFound } from "~/utils/http.server.ts";

export const meta: MetaFunction = () => [{ title: "Instructor invitations · Admin · Charted" }];

const STATUS_LABELS: Record<InvitationStatus, string> = {
  pending: "Pending",
  accepted: "Accepted",
  expired: "Expired",
  revoked: "Revoked",
};

const listQuery = z.object({
  status: z.enum(INVITATION_STATUSES).catch("pending"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = requestLocale(request);
  const admin = await requireRole(request, "admin");
  const { status, page } = listQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const list = await instructorInvitations(status, page);
  const when = (d: Date | null) => (d ? formatDate(d, admin.timeZone, "dateTime", locale) : null);
  return {
    status,
    page,
    pages: list.pages,
    counts: list.counts,
    mailConfigured: mailIsConfigured(),
    invitations: list.invitations.map((i) => ({
      id: i.id,
      email: i.email,
      name: i.name,
      status: i.status,
      sent: `${when(i.createdAt)}${i.invitedBy ? ` by ${i.invitedBy}` : ""}`,
      outcome:
        i.status === "accepted"
          ? `Accepted ${when(i.acceptedAt)}${i.acceptedBy ? ` by ${i.acceptedBy.name} (${i.acceptedBy.email})` : ""}`
          : i.status === "revoked"
            ? `Revoked ${when(i.revokedAt)}`
            : i.status === "expired"
              ? `Expired ${when(i.expiresAt)}`
              : `Expires ${when(i.expiresAt)}`,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const formData = await request.formData();
  const parsed = parseFormData(formData, adminInvitationForm);
  if (!parsed.ok) {
    // The revoke buttons hold only an id: a bad one is a stale or forged form, not a typing slip.
    if (formData.get("intent") === "revoke") {
      return data({ ok: false as const, alert: "That invitation could not be found." }, { status: 400 });
    }
    return data(parsed, { status: 400 });
  }
  if (parsed.data.intent === "revoke") {
    const revoked = await revokeInstructorInvitation(admin, parsed.data.invitationId);
    if (!revoked.ok && revoked.reason === "not-pending") {
      return data({ ok: false as const, alert: revoked.message }, { status: 409 });
    }
    const { email } = orNotFound(revoked);
    return { ok: true as const, message: `The invitation to ${email} was revoked: its link no longer works.` };
  }
  const invited = await inviteInstructor(admin, { email: parsed.data.email, name: parsed.data.name });
  if (!invited.ok) return data(formFailure(formData, "", { email: [invited.message] }), { status: 400 });
  return { ok: true as const, invited: { email: invited.email, url: invited.url, replaced: invited.replaced } };
}

const LABELS = { email: "Email address", name: "Name (optional)" };

export default function AdminInvitations() {
  const { status, page, pages, counts, mailConfigured, invitations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result && "fieldErrors" in result ? result : undefined;
  const invited = result && result.ok && "invited" in result ? result.invited : undefined;
  // Cleared once sent (with JavaScript the form keeps its text otherwise).
  const inviteForm = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (invited) inviteForm.current?.reset();
  }, [invited]);
  return (
    <div className="space-y-6">
      <h1 className="page-title">Instructor invitations</h1>
      {result && result.ok && "message" in result ? (
        <p role="status" className="rounded-md border border-success bg-success-soft p-3 font-medium text-success">
          {result.message}
        </p>
      ) : null}
      {result && "alert" in result ? (
        <p role="alert" className="field-error">
          {result.alert}
        </p>
      ) : null}
      {invited ? (
        <Section headingId="invited-heading" title="Invitation sent" size="lg" gap={2} className="card border-success">
          <p role="status" className="mb-2">
            The invitation to {invited.email} was sent.{" "}
            {mailConfigured
              ? "They will get an email with the link."
              : "No mail server is configured, so the email was written to the server's outbox folder: send them the link yourself."}
            {invited.replaced ? " Their earlier invitation was revoked." : ""}
          </p>
          <TextField
            name="link"
            id="invitation-link"
            label="Invitation link"
            readOnly
            value={invited.url}
            onFocus={(event) => event.currentTarget.select()}
            hint="Copy it now if you want to send it another way: it is shown only this once (only a fingerprint of it is kept). It works once, for 14 days."
          />
        </Section>
      ) : null}
      <Section headingId="invite-heading" title="Invite an instructor" size="lg" gap={2} className="card max-w-xl">
        <Form ref={inviteForm} method="post" noValidate>
          <ErrorSummary message={errors?.formError || undefined} fieldErrors={errors?.fieldErrors} labels={LABELS} />
          <input type="hidden" name="intent" value="invite" />
          <TextField
            name="email"
            label={LABELS.email}
            type="email"
            autoComplete="off"
            required
            defaultValue={errors?.values.email}
            errors={errors?.fieldErrors.email}
          />
          <TextField
            name="name"
            label={LABELS.name}
            autoComplete="off"
            maxLength={80}
            defaultValue={errors?.values.name}
            errors={errors?.fieldErrors.name}
            hint="Used to greet them in the email."
          />
          <Button disabled={busy}>Send invitation</Button>
        </Form>
      </Section>
      <Section headingId="list-heading" title="Invitations" size="lg" gap={2}>
        <nav aria-label="Invitation status" className="mb-3">
          <ul className="flex flex-wrap gap-2">
            {INVITATION_STATUSES.map((s) => (
              <li key={s}>
                <Link
                  to={`?status=${s}`}
                  aria-current={s === status ? "page" : undefined}
                  className={`inline-block rounded-full border px-3 py-1 no-underline ${s === status ? "border-brand bg-brand-soft" : "border-line"}`}
                >
                  {STATUS_LABELS[s]} ({counts[s]})
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {invitations.length ? (
          <DataTable
            caption={`${STATUS_LABELS[status]} invitations`}
            regionLabelledBy="list-heading"
            columns={[
              "Invited",
              "Sent",
              "Status",
              <span key="actions" className="sr-only">
                Actions
              </span>,
            ]}
            rows={invitations}
            rowKey={(i) => i.id}
            cells={(i) => [
              <>
                <Truncate text={i.email} className="block max-w-56" />
                {i.name ? <Truncate text={i.name} className="block max-w-56 text-sm text-muted" /> : null}
              </>,
              i.sent,
              i.outcome,
              i.status === "pending" ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="invitationId" value={i.id} />
                  <Button variant="secondary" aria-label={`Revoke the invitation to ${i.email}`}>
                    Revoke
                  </Button>
                </Form>
              ) : null,
            ]}
          />
        ) : (
          <p>No {STATUS_LABELS[status].toLowerCase()} invitations.</p>
        )}
        {pages > 1 ? (
          <nav aria-label="Pages" className="mt-3 flex gap-4">
            {page > 1 ? <Link to={`?status=${status}&page=${page - 1}`}>Previous page</Link> : null}
            <span>
              Page {page} of {pages}
            </span>
            {page < pages ? <Link to={`?status=${status}&page=${page + 1}`}>Next page</Link> : null}
          </nav>
        ) : null}
      </Section>
    </div>
  );
}
