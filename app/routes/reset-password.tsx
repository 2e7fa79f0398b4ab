// The link from a password-reset email: choose a new password, then this browser is signed in
// and every other one signed out (app/auth/password-reset.server.ts). The token is in the
// address, so the page sends no Referer anywhere and loads nothing from other sites.
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { resetLinkIsLive, resetPassword } from "~/auth/password-reset.server.ts";
import { linkTokenSchema, PASSWORD_MIN, resetPasswordSchema } from "~/auth/schemas.ts";
import { ExpiredLink } from "~/components/expired-link.tsx";
import { Button, ErrorSummary, TextField } from "~/components/form-controls.tsx";
import { sessionDevice, startSession } from "~/utils/auth.server.ts";
import { deviceTokenCookie, readDeviceToken } from "~/utils/device-cookie.server.ts";
import { formFailure, parseFormData } from "~/utils/forms.server.ts";

export const meta: MetaFunction = () => [
  { title: "Choose a new password · Charted" },
  { name: "referrer", content: "no-referrer" },
];

// Stricter than the site-wide strict-origin-when-cross-origin: not even this site's own pages
// learn the address with the token.
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  const token = linkTokenSchema.safeParse(new URL(request.url).searchParams.get("token"));
  const live = token.success && (await resetLinkIsLive(token.data));
  return { token: live ? token.data : null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const parsed = parseFormData(formData, resetPasswordSchema);
  if (!parsed.ok) {
    const badLink = Boolean(parsed.fieldErrors.token);
    return data({ ...parsed, expired: badLink }, { status: 400 });
  }
  const result = await resetPassword({
    token: parsed.data.token,
    password: parsed.data.password,
    deviceToken: await readDeviceToken(request),
  });
  if (!result.ok && result.reason === "invalid-link") {
    return data({ ...formFailure(formData, ""), expired: true }, { status: 400 });
  }
  if (!result.ok) {
    return data({ ...formFailure(formData, "", { password: [result.message] }), expired: false }, { status: 400 });
  }
  const headers = new Headers();
  headers.append("Set-Cookie", await startSession(result.userId, sessionDevice(request, context.clientIp)));
  headers.append("Set-Cookie", await deviceTokenCookie(result.deviceToken));
  return redirect("/account?done=password-reset", { headers });
}

export default function ResetPasswordPage() {
  const { token } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  if (!token || actionData?.expired) {
    return (
      <ExpiredLink next={{ to: "/forgot-password", label: "Request a new link" }}>
        <p>
          This password reset link has expired or was already used. Each link works once, for one hour, and earlier
          links stop working when a new password is set.
        </p>
      </ExpiredLink>
    );
  }
  const errors = actionData ?? undefined;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="page-title">Choose a new password</h1>
      <p className="mb-4">After this, you are signed in here and signed out on every other device.</p>
      <Form method="post" className="card" noValidate>
        <ErrorSummary
          message={errors?.formError || undefined}
          fieldErrors={errors?.fieldErrors}
          labels={{ password: "New password", confirmPassword: "Type the new password again" }}
        />
        <input type="hidden" name="token" value={token} />
        <TextField
          name="password"
          label="New password"
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN}
          hint={`At least ${PASSWORD_MIN} characters. A short phrase is easy to remember and hard to guess.`}
          errors={errors?.fieldErrors.password}
        />
        <TextField
          name="confirmPassword"
          label="Type the new password again"
          type="password"
          autoComplete="new-password"
          required
          errors={errors?.fieldErrors.confirmPassword}
        />
        <Button className="w-full" disabled={busy}>
          {busy ? "Saving…" : "Set new password"}
        </Button>
      </Form>
    </div>
  );
}
