import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { changePassword } from "~/auth/accounts.server.ts";
import { changePasswordSchema, PASSWORD_MIN } from "~/auth/schemas.ts";
import { Button, ErrorSummary, TextField } from "~/components/form-controls.tsx";
import { requireUser, restartSessions, sessionDevice } from "~/utils/auth.server.ts";
import { readDeviceToken } from "~/utils/device-cookie.server.ts";
import { formFailure, parseFormData } from "~/utils/forms.server.ts";
import { Section } from "~/components/section.tsx";

export const meta: MetaFunction = () => [{ title: "Account · Charted" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const passwordChanged = new URL(request.url).searchParams.get("changed") === "password";
  return { user: { name: user.name, email: user.email, role: user.role, timeZone: user.timeZone }, passwordChanged };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const parsed = parseFormData(formData, changePasswordSchema);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const result = await changePassword(user.id, parsed.data.currentPassword, parsed.data.newPassword, {
    deviceToken: await readDeviceToken(request),
  });
  if (!result.ok) return data(formFailure(formData, "", { [result.field]: [result.message] }), { status: 400 });
  // Other devices are signed out; this one gets a fresh session. A redirect, so that without
  // JavaScript the page is loaded again with the new cookie (loaders run in the same request as
  // a document POST would see the old, ended session and sign this device out too).
  return redirect("/account?changed=password", {
    headers: { "Set-Cookie": await restartSessions(user.id, sessionDevice(request, context.clientIp)) },
  });
}

export default function AccountPage() {
  const { user, passwordChanged } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = actionData ?? undefined;
  return (
    <div className="mx-auto max-w-xl space-y-6">
      <h1 className="page-title">Account settings</h1>
      <Section headingId="profile-heading" title="Profile" gap={2} className="card">
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
          <dt className="text-muted">Name</dt>
          <dd>{user.name}</dd>
          <dt className="text-muted">Email</dt>
          <dd>{user.email}</dd>
          <dt className="text-muted">Role</dt>
          <dd className="capitalize">{user.role}</dd>
          <dt className="text-muted">Time zone</dt>
          <dd>{user.timeZone}</dd>
        </dl>
        <p className="mt-3">
          <Link to="/reports">Your reports</Link>: problems you reported in questions, cards, lessons and the glossary,
          and what the editors did about them.
        </p>
      </Section>
      <Section headingId="password-heading" title="Change password" gap={4} className="card">
        {passwordChanged && !actionData ? (
          <p
            role="status"
            className="mb-4 rounded-md border border-success bg-success-soft p-3 font-medium text-success"
          >
            Your password was changed. Other devices have been signed out.
          </p>
        ) : null}
        <Form method="post" noValidate>
          <ErrorSummary
            message={errors?.formError || undefined}
            fieldErrors={errors?.fieldErrors}
            labels={{
              currentPassword: "Current password",
              newPassword: "New password",
              confirmPassword: "Type the new password again",
            }}
          />
          <TextField
            name="currentPassword"
            label="Current password"
            type="password"
            autoComplete="current-password"
            required
            errors={errors?.fieldErrors.currentPassword}
          />
          <TextField
            name="newPassword"
            label="New password"
            type="password"
            autoComplete="new-password"
            required
            minLength={PASSWORD_MIN}
            hint={`At least ${PASSWORD_MIN} characters.`}
            errors={errors?.fieldErrors.newPassword}
          />
          <TextField
            name="confirmPassword"
            label="Type the new password again"
            type="password"
            autoComplete="new-password"
            required
            errors={errors?.fieldErrors.confirmPassword}
          />
          <Button disabled={busy}>{busy ? "Saving…" : "Change password"}</Button>
        </Form>
      </Section>
    </div>
  );
}
