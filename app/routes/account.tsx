import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { changePassword } from "~/auth/accounts.server.ts";
import { cancelEmailChange, pendingEmailChange, requestEmailChange } from "~/auth/change-email.server.ts";
import { signedInDevices, signOutDevice, signOutOtherDevices } from "~/auth/devices.server.ts";
import { sendOwnVerificationLink } from "~/auth/email-verification.server.ts";
import { changeEmailSchema, changePasswordSchema, PASSWORD_MIN, sessionIdSchema } from "~/auth/schemas.ts";
import { DataTable } from "~/components/data-table.tsx";
import { Button, ErrorSummary, FormError, TextField } from "~/components/form-controls.tsx";
import { findUserById } from "~/models/user.server.ts";
import { currentSessionStoredId, requireUser, restartSessions, sessionDevice } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/dates.ts";
import { requestLocale } from "~/utils/locale.server.ts";
import { readDeviceToken } from "~/utils/device-cookie.server.ts";
import { formFailure, parseFormData } from "~/utils/forms.server.ts";
import { Section } from "~/components/section.tsx";

export const meta: MetaFunction = () => [{ title: "Account · Charted" }];

// What a finished action says once the page is loaded again (?done=…): a redirect after every
// success, so forms work without JavaScript and a reload repeats nothing.
const NOTICES = {
  password: "Your password was changed. Other devices have been signed out.",
  "password-reset": "Your new password is set. You are signed in here, and every other device was signed out.",
  "email-change-sent":
    "Check your new address: we sent it a link to confirm the change. Until it is followed you keep your current address.",
  "email-change-cancelled": "The change of address is cancelled: its link no longer works.",
  "email-changed": "Your email address was changed. Log in with the new address from now on.",
  "email-verified": "Your email address is confirmed.",
  "verification-sent": "We sent a link to your address. Follow it to confirm the address; it works for 24 hours.",
  "device-signed-out": "That device was signed out.",
  "others-signed-out": "Every other device was signed out.",
} as const;
type Notice = keyof typeof NOTICES;

const done = (notice: Notice, headers?: HeadersInit) => redirect(`/account?done=${notice}`, { headers });

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = requestLocale(request);
  const user = await requireUser(request);
  const doneParam = new URL(request.url).searchParams.get("done");
  const [record, pending, devices] = await Promise.all([
    findUserById(user.id),
    pendingEmailChange(user.id),
    currentSessionStoredId(request).then((current) => signedInDevices(user.id, current)),
  ]);
  const when = (d: Date) => formatDate(d, user.timeZone, "dateTime", locale);
  return {
    user: { name: user.name, email: user.email, role: user.role, timeZone: user.timeZone },
    emailVerified: Boolean(record?.emailVerifiedAt),
    pendingEmail: pending ? { email: pending.email, until: when(pending.expiresAt) } : null,
    devices: devices.map((d) => ({
      id: d.id,
      device: d.device,
      ip: d.ip,
      current: d.current,
      lastSeen: when(d.lastSeenAt),
      signedIn: when(d.signedInAt),
    })),
    notice: doneParam && doneParam in NOTICES ? NOTICES[doneParam as Notice] : null,
  };
}

const intentSchema = z.enum([
  "change-password",
  "change-email",
  "cancel-email-change",
  "send-verification",
  "sign-out-device",
  "sign-out-others",
]);
type Intent = z.infer<typeof intentSchema>;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const intent = intentSchema.safeParse(formData.get("intent"));
  if (!intent.success) return data({ ...formFailure(formData, "That action is not known."), intent: null }, 400);
  // Each failure names its form, so the page shows it next to that form only.
  const fail = (form: Intent, formError: string, fieldErrors: Record<string, string[]> = {}, status = 400) =>
    data({ ...formFailure(formData, formError, fieldErrors), intent: form }, { status });

  switch (intent.data) {
    case "change-password": {
      const parsed = parseFormData(formData, changePasswordSchema);
      if (!parsed.ok) return data({ ...parsed, intent: intent.data }, { status: 400 });
      const result = await changePassword(user.id, parsed.data.currentPassword, parsed.data.newPassword, {
        deviceToken: await readDeviceToken(request),
      });
      if (!result.ok) return fail(intent.data, "", { [result.field]: [result.message] });
      // Other devices are signed out; this one gets a fresh session. A redirect, so that without
      // JavaScript the page is loaded again with the new cookie (loaders run in the same request as
      // a document POST would see the old, ended session and sign this device out too).
      return done("password", {
        "Set-Cookie": await restartSessions(user.id, sessionDevice(request, context.clientIp)),
      });
    }
    case "change-email": {
      const parsed = parseFormData(formData, changeEmailSchema);
      if (!parsed.ok) return data({ ...parsed, intent: intent.data }, { status: 400 });
      const result = await requestEmailChange(user.id, parsed.data);
      if (!result.ok) {
        return result.field
          ? fail(intent.data, "", { [result.field]: [result.message] })
          : fail(intent.data, result.message, {}, 429);
      }
      return done("email-change-sent");
    }
    case "cancel-email-change":
      await cancelEmailChange(user.id);
      return done("email-change-cancelled");
    case "send-verification": {
      const result = await sendOwnVerificationLink(user.id);
      if (result.ok) return done("verification-sent");
      if (result.reason === "verified") return done("email-verified");
      if (result.reason === "rate-limited") return fail(intent.data, result.message, {}, 429);
      return fail(intent.data, "Your account could not be found.", {}, 404);
    }
    case "sign-out-device": {
      const sessionId = sessionIdSchema.safeParse(formData.get("sessionId"));
      if (!sessionId.success) return fail(intent.data, "That device is not in your list.", {}, 404);
      const result = await signOutDevice(user.id, sessionId.data, await currentSessionStoredId(request));
      if (result.ok) return done("device-signed-out");
      return result.reason === "current"
        ? fail(intent.data, "To sign out this device, use Log out in the menu.")
        : fail(intent.data, "That device is not in your list (it may be signed out already).", {}, 404);
    }
    case "sign-out-others":
      await signOutOtherDevices(user.id, await currentSessionStoredId(request));
      return done("others-signed-out");
  }
}

const STATUS_BOX = "rounded-md border border-success bg-success-soft p-3 font-medium text-success";

export default function AccountPage() {
  const { user, emailVerified, pendingEmail, devices, notice } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const submitting = (intent: Intent) =>
    navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  const errorsFor = (intent: Intent) => (actionData?.intent === intent ? actionData : undefined);
  const passwordErrors = errorsFor("change-password");
  const emailErrors = errorsFor("change-email");
  const verifyErrors = errorsFor("send-verification");
  const deviceErrors = errorsFor("sign-out-device") ?? errorsFor("sign-out-others");
  const others = devices.filter((d) => !d.current);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="page-title">Account settings</h1>
      {notice && !actionData ? (
        <p role="status" className={STATUS_BOX}>
          {notice}
        </p>
      ) : null}
      <FormError message={actionData?.intent === null ? actionData.formError : undefined} />
      <Section headingId="profile-heading" title="Profile" gap={2} className="card">
        <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1 [&_dd]:[overflow-wrap:anywhere]">
          <dt className="text-muted">Name</dt>
          <dd>{user.name}</dd>
          <dt className="text-muted">Role</dt>
          <dd className="capitalize">{user.role}</dd>
          <dt className="text-muted">Time zone</dt>
          <dd>{user.timeZone}</dd>
        </dl>
        <p className="mt-3">
          <Link to="/reports">Your reports</Link>: problems you reported in questions, cards, lessons and the glossary,
          and what the editors did about them.
        </p>
        {user.role === "student" ? (
          <p className="mt-2">
            <Link to="/instructor-access">Request instructor access</Link>: for teachers who want to run classes and
            assign tests.
          </p>
        ) : null}
      </Section>

      <Section headingId="email-heading" title="Email address" gap={2} className="card space-y-4">
        <p>
          <strong>{user.email}</strong>:{" "}
          {emailVerified
            ? "confirmed (you followed a link we sent to it)."
            : "not confirmed yet. Confirming it makes sure you can always get back in with a password reset."}
        </p>
        {emailVerified ? null : (
          <Form method="post">
            <FormError message={verifyErrors?.formError} />
            <input type="hidden" name="intent" value="send-verification" />
            <Button variant="secondary" disabled={submitting("send-verification")}>
              {submitting("send-verification") ? "Sending…" : "Send verification link"}
            </Button>
          </Form>
        )}
        {pendingEmail ? (
          <Form method="post" className="rounded-md border border-line p-3">
            <p className="mb-2">
              Pending change to <strong>{pendingEmail.email}</strong>: it happens when the link we sent there is
              followed (until {pendingEmail.until}).
            </p>
            <input type="hidden" name="intent" value="cancel-email-change" />
            <Button variant="secondary">Cancel the change</Button>
          </Form>
        ) : null}
        <Form method="post" noValidate>
          <h3 className="mb-2 font-semibold">Change email address</h3>
          <ErrorSummary
            message={emailErrors?.formError || undefined}
            fieldErrors={emailErrors?.fieldErrors}
            labels={{ newEmail: "New email address", currentPassword: "Confirm with your password" }}
            ids={{ currentPassword: "emailCurrentPassword" }}
          />
          <input type="hidden" name="intent" value="change-email" />
          <TextField
            name="newEmail"
            label="New email address"
            type="email"
            autoComplete="email"
            required
            hint="We send a link to the new address; the change happens when it is followed. Your current address is told too."
            defaultValue={emailErrors?.values.newEmail}
            errors={emailErrors?.fieldErrors.newEmail}
          />
          <TextField
            id="emailCurrentPassword"
            name="currentPassword"
            label="Confirm with your password"
            type="password"
            autoComplete="current-password"
            required
            errors={emailErrors?.fieldErrors.currentPassword}
          />
          <Button disabled={submitting("change-email")}>
            {submitting("change-email") ? "Sending…" : "Change email"}
          </Button>
        </Form>
      </Section>

      <Section headingId="password-heading" title="Change password" gap={4} className="card">
        <Form method="post" noValidate>
          <ErrorSummary
            message={passwordErrors?.formError || undefined}
            fieldErrors={passwordErrors?.fieldErrors}
            labels={{
              currentPassword: "Current password",
              newPassword: "New password",
              confirmPassword: "Type the new password again",
            }}
          />
          <input type="hidden" name="intent" value="change-password" />
          <TextField
            name="currentPassword"
            label="Current password"
            type="password"
            autoComplete="current-password"
            required
            errors={passwordErrors?.fieldErrors.currentPassword}
          />
          <TextField
            name="newPassword"
            label="New password"
            type="password"
            autoComplete="new-password"
            required
            minLength={PASSWORD_MIN}
            hint={`At least ${PASSWORD_MIN} characters.`}
            errors={passwordErrors?.fieldErrors.newPassword}
          />
          <TextField
            name="confirmPassword"
            label="Type the new password again"
            type="password"
            autoComplete="new-password"
            required
            errors={passwordErrors?.fieldErrors.confirmPassword}
          />
          <Button disabled={submitting("change-password")}>
            {submitting("change-password") ? "Saving…" : "Change password"}
          </Button>
        </Form>
      </Section>

      <Section headingId="devices-heading" title="Signed-in devices" gap={2} className="card space-y-4">
        <p>Browsers signed in to your account. Sign out any you do not recognise, then change your password.</p>
        <FormError message={deviceErrors?.formError} />
        <DataTable
          caption="Signed-in devices"
          regionLabelledBy="devices-heading"
          columns={[
            "Device",
            "Last active",
            "Signed in",
            "Network address",
            <span key="actions" className="sr-only">
              Actions
            </span>,
          ]}
          rows={devices}
          rowKey={(d) => d.id}
          cells={(d) => [
            <>
              {d.device}
              {d.current ? <span className="block text-sm font-semibold">This device</span> : null}
            </>,
            d.lastSeen,
            d.signedIn,
            d.ip ?? "Unknown",
            d.current ? null : (
              <Form method="post">
                <input type="hidden" name="intent" value="sign-out-device" />
                <input type="hidden" name="sessionId" value={d.id} />
                <Button variant="secondary" aria-label={`Sign out ${d.device}, last active ${d.lastSeen}`}>
                  Sign out
                </Button>
              </Form>
            ),
          ]}
        />
        {others.length ? (
          <Form method="post">
            <input type="hidden" name="intent" value="sign-out-others" />
            <Button variant="danger" disabled={submitting("sign-out-others")}>
              Sign out all other devices
            </Button>
          </Form>
        ) : (
          <p className="text-muted">No other device is signed in.</p>
        )}
      </Section>

      <Section headingId="data-heading" title="Your data" gap={2} className="card">
        <p>
          <Link to="/account/data">Download your data or delete your account</Link>: everything Charted keeps about you,
          as a zip of documented files, and how to remove it.
        </p>
      </Section>
    </div>
  );
}
