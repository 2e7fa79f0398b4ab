// One account in the admin area: its details, what admins did to it, and a form for each action
// (role, disable or enable, sign out everywhere, password reset link). Each form posts its own
// `intent`; destructive ones need a ticked confirmation, so they work the same without JavaScript.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { describeAction, describeDetail } from "~/admin/audit-wording.ts";
import { DONE_MESSAGES, doneSchema, userActionSchema, userIdParam, type UserAction } from "~/admin/forms.ts";
import * as admin from "~/admin/users.server.ts";
import { Button, CheckboxField, ErrorSummary, SelectField } from "~/components/form-controls.tsx";
import { Truncate } from "~/components/truncate.tsx";
import { DataTable } from "~/components/data-table.tsx";
import { Section } from "~/components/section.tsx";
import type { AuditActor } from "~/models/audit.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/dates.ts";
import { requestLocale } from "~/utils/locale.server.ts";
import { formFailure, parseFormData } from "~/utils/forms.server.ts";
import { orNotFound, routeParams } from "~/utils/http.server.ts";
import { ROLES } from "~/utils/roles.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.account.name ?? "Account"} · Users · Admin · Charted` },
];

const accountId = (params: LoaderFunctionArgs["params"]) =>
  routeParams(params, { id: userIdParam }, admin.NO_SUCH_ACCOUNT).id;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requestLocale(request);
  const viewer = await requireRole(request, "admin");
  const id = accountId(params);
  const { account, audit } = orNotFound(await admin.accountDetails(id));
  const zone = viewer.timeZone;
  return {
    done: doneSchema.parse(new URL(request.url).searchParams.get("done") ?? undefined),
    self: viewer.id === account.id,
    account: {
      id: account.id,
      name: account.name,
      email: account.email,
      role: account.role,
      timeZone: account.timeZone,
      disabledSince: account.disabledAt ? formatDate(account.disabledAt, zone, "dateTime", locale) : null,
      verifiedOn: account.emailVerifiedAt ? formatDate(account.emailVerifiedAt, zone, "date", locale) : null,
      created: formatDate(account.createdAt, zone, "dateTime", locale),
      lastSeen: account.lastSeenAt ? formatDate(account.lastSeenAt, zone, "dateTime", locale) : "Never",
      sessions: account.sessions,
    },
    audit: {
      total: audit.total,
      rows: audit.rows.map((e) => ({
        id: e.id,
        when: formatDate(e.createdAt, zone, "dateTime", locale),
        who: e.actorLabel,
        what: describeAction(e.action),
        detail: describeDetail(e.action, e.detail),
      })),
    },
  };
}

function perform(actor: AuditActor, userId: string, action: UserAction) {
  switch (action.intent) {
    case "role":
      return admin.changeRole(actor, userId, action.role);
    case "disable":
      return admin.disable(actor, userId);
    case "enable":
      return admin.enable(actor, userId);
    case "sign-out":
      return admin.signOutEverywhere(actor, userId);
    case "send-reset":
      return admin.sendResetLink(actor, userId);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireRole(request, "admin");
  const id = accountId(params);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const parsed = parseFormData(formData, userActionSchema);
  if (!parsed.ok) {
    const { intent: unknownIntent, ...fieldErrors } = parsed.fieldErrors;
    return data({ ...parsed, fieldErrors, formError: parsed.formError ?? unknownIntent?.[0], intent }, { status: 400 });
  }
  const result = await perform({ id: viewer.id, email: viewer.email }, id, parsed.data);
  if (!result.ok) {
    if (result.reason === "not-found") throw new Response(result.message, { status: 404 });
    return data({ ...formFailure(formData, result.message), intent }, { status: 409 });
  }
  // An admin who made themself something else has left the admin area.
  if (parsed.data.intent === "role" && id === viewer.id && parsed.data.role !== "admin") return redirect("/");
  return redirect(`/admin/users/${id}?done=${parsed.data.intent}`);
}

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: r[0].toUpperCase() + r.slice(1) }));

export default function AdminUser() {
  const { done, self, account, audit } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errorsFor = (intent: string) => (failed && failed.intent === intent ? failed : undefined);
  const roleErrors = errorsFor("role");
  const disableErrors = errorsFor("disable");
  const signOutErrors = errorsFor("sign-out");
  const enableErrors = errorsFor("enable");
  const resetErrors = errorsFor("send-reset");
  return (
    <div className="space-y-6">
      <p>
        <Link to="/admin/users">All users</Link>
      </p>
      <h1 className="page-title [overflow-wrap:anywhere]">{account.name}</h1>
      {done && !failed ? (
        <p role="status" className="rounded-md border border-success bg-success-soft p-3 font-medium text-success">
          {DONE_MESSAGES[done]}
        </p>
      ) : null}
      <Section headingId="details-heading" title="Account" className="card">
        <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1 [&_dd]:[overflow-wrap:anywhere]">
          <dt className="text-muted">Email</dt>
          <dd className="min-w-0">
            <Truncate text={account.email} />
          </dd>
          <dt className="text-muted">Email confirmed</dt>
          <dd>{account.verifiedOn ? `Yes, ${account.verifiedOn}` : "Not yet"}</dd>
          <dt className="text-muted">Role</dt>
          <dd className="capitalize">{account.role}</dd>
          <dt className="text-muted">Status</dt>
          <dd>{account.disabledSince ? <strong>Disabled since {account.disabledSince}</strong> : "Active"}</dd>
          <dt className="text-muted">Created</dt>
          <dd>{account.created}</dd>
          <dt className="text-muted">Last seen</dt>
          <dd>{account.lastSeen}</dd>
          <dt className="text-muted">Signed-in sessions</dt>
          <dd>{account.sessions}</dd>
          <dt className="text-muted">Time zone</dt>
          <dd>{account.timeZone}</dd>
        </dl>
      </Section>

      <Section headingId="role-heading" title="Change the role" className="card">
        <Form method="post" noValidate>
          <ErrorSummary
            message={roleErrors?.formError}
            fieldErrors={roleErrors?.fieldErrors}
            labels={{ role: "Role" }}
          />
          <input type="hidden" name="intent" value="role" />
          <SelectField
            name="role"
            label="Role"
            defaultValue={account.role}
            options={ROLE_OPTIONS}
            errors={roleErrors?.fieldErrors.role}
            hint="Instructors run classes and write questions. Admins also manage accounts, reports and this area."
          />
          <Button disabled={busy}>Change role</Button>
        </Form>
      </Section>

      <Section headingId="access-heading" title="Sign-in" className="card space-y-6">
        {account.disabledSince ? (
          <Form method="post" aria-label="Enable the account">
            <FormMessage errors={enableErrors} />
            <input type="hidden" name="intent" value="enable" />
            <p className="mb-2">This account cannot sign in. Enabling it lets it sign in with its password again.</p>
            <Button disabled={busy}>Enable account</Button>
          </Form>
        ) : self ? (
          <p>You cannot disable your own account.</p>
        ) : (
          <Form method="post" noValidate aria-label="Disable the account">
            <ErrorSummary
              message={disableErrors?.formError}
              fieldErrors={disableErrors?.fieldErrors}
              labels={{ confirm: "Confirm disabling" }}
              ids={{ confirm: "disable-confirm" }}
            />
            <input type="hidden" name="intent" value="disable" />
            <CheckboxField
              id="disable-confirm"
              name="confirm"
              value="yes"
              label="Yes, disable this account: it is signed out everywhere and cannot sign in until enabled."
              errors={disableErrors?.fieldErrors.confirm}
            />
            <Button variant="danger" disabled={busy} className="mt-2">
              Disable account
            </Button>
          </Form>
        )}
        {account.sessions === 0 ? (
          <p>This account is not signed in anywhere.</p>
        ) : (
          <Form method="post" noValidate aria-label="Sign out everywhere">
            <ErrorSummary
              message={signOutErrors?.formError}
              fieldErrors={signOutErrors?.fieldErrors}
              labels={{ confirm: "Confirm signing out" }}
              ids={{ confirm: "sign-out-confirm" }}
            />
            <input type="hidden" name="intent" value="sign-out" />
            <CheckboxField
              id="sign-out-confirm"
              name="confirm"
              value="yes"
              label={`Yes, end all ${account.sessions} signed-in session${account.sessions === 1 ? "" : "s"} of this account.`}
              errors={signOutErrors?.fieldErrors.confirm}
            />
            <Button variant="secondary" disabled={busy} className="mt-2">
              Sign out everywhere
            </Button>
          </Form>
        )}
        {account.disabledSince ? null : (
          <Form method="post" aria-label="Email a password reset link">
            <FormMessage errors={resetErrors} />
            <input type="hidden" name="intent" value="send-reset" />
            <p className="mb-2">Emails {account.email} a link to choose a new password. It works once, for one hour.</p>
            <Button variant="secondary" disabled={busy}>
              Email a password reset link
            </Button>
          </Form>
        )}
      </Section>

      <Section headingId="audit-heading" title="What admins did to this account" className="card">
        {audit.rows.length ? (
          <DataTable
            caption="Audit log entries for this account, newest first"
            columns={["When", "Who", "What", "Details"]}
            rows={audit.rows}
            rowKey={(e) => e.id}
            cells={(e) => [e.when, e.who, e.what, e.detail]}
          />
        ) : (
          <p>Nothing yet.</p>
        )}
        {audit.total > audit.rows.length ? (
          <p className="mt-2">
            <Link to={`/admin/audit?${new URLSearchParams({ q: account.email })}`}>
              Search the whole audit log for {account.email} ({audit.total} entries about this account)
            </Link>
          </p>
        ) : null}
      </Section>
    </div>
  );
}

function FormMessage({ errors }: { errors?: { formError?: string } }) {
  return <ErrorSummary message={errors?.formError} labels={{}} />;
}
