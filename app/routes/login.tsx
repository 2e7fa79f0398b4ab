import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { logIn } from "~/auth/accounts.server.ts";
import { requestVerificationLink } from "~/auth/email-verification.server.ts";
import { forgotPasswordSchema, loginSchema } from "~/auth/schemas.ts";
import { Button, ErrorSummary, TextField } from "~/components/form-controls.tsx";
import { requireAnonymous, sessionDevice, startSession } from "~/utils/auth.server.ts";
import { formFailure, parseFormData } from "~/utils/forms.server.ts";
import { deviceTokenCookie, readDeviceToken } from "~/utils/device-cookie.server.ts";
import { safeRedirect } from "~/utils/safe-redirect.ts";

export const meta: MetaFunction = () => [{ title: "Log in · Charted" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return { verificationSent: new URL(request.url).searchParams.get("sent") === "verification" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  if (formData.get("intent") === "resend-verification") return resendVerification(formData, context.clientIp);
  const parsed = parseFormData(formData, loginSchema);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const result = await logIn({
    email: parsed.data.email,
    password: parsed.data.password,
    ip: context.clientIp,
    deviceToken: await readDeviceToken(request),
  });
  if (!result.ok) {
    return data(
      // Only someone who typed the right password learns the address is unconfirmed, and may ask again.
      { ...formFailure(formData, result.message), unverified: result.reason === "unverified" },
      { status: result.reason === "rate-limited" ? 429 : 400 },
    );
  }
  const headers = new Headers();
  headers.append("Set-Cookie", await startSession(result.userId, sessionDevice(request, context.clientIp)));
  headers.append("Set-Cookie", await deviceTokenCookie(result.deviceToken));
  return redirect(safeRedirect(parsed.data.redirectTo), { headers });
}

/** "Send the link again": answered the same for any address (the account's state stays private). */
async function resendVerification(formData: FormData, ip: string) {
  const parsed = parseFormData(formData, forgotPasswordSchema);
  if (!parsed.ok) return data({ ...parsed, unverified: false }, { status: 400 });
  const result = await requestVerificationLink({ email: parsed.data.email, ip });
  if (!result.ok) return data({ ...formFailure(formData, result.message), unverified: false }, { status: 429 });
  return redirect("/login?sent=verification");
}

export default function LoginPage() {
  const { verificationSent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const errors = actionData && !actionData.ok ? actionData : undefined;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="page-title">Log in</h1>
      {verificationSent && !errors ? (
        <p role="status" className="mb-4 rounded-md border border-success bg-success-soft p-3 font-medium text-success">
          If that account still needs its address confirmed, we&apos;ve sent a new link. Follow it, then log in.
        </p>
      ) : null}
      <Form method="post" className="card" noValidate>
        <ErrorSummary
          message={errors?.formError}
          fieldErrors={errors?.fieldErrors}
          labels={{ email: "Email", password: "Password" }}
        />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <TextField
          name="email"
          label="Email"
          type="email"
          autoComplete="email"
          required
          defaultValue={errors?.values.email}
          errors={errors?.fieldErrors.email}
        />
        <TextField
          name="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          errors={errors?.fieldErrors.password}
          wrapperClassName="mb-2"
        />
        <p className="mb-4 text-sm">
          <Link to="/forgot-password">Forgot password?</Link>
        </p>
        <Button className="w-full" disabled={busy}>
          {busy ? "Logging in…" : "Log in"}
        </Button>
      </Form>
      {errors && "unverified" in errors && errors.unverified ? (
        <Form method="post" className="card mt-4">
          <input type="hidden" name="intent" value="resend-verification" />
          <input type="hidden" name="email" value={errors.values.email ?? ""} />
          <p className="mb-3">Lost the email, or the link expired?</p>
          <Button variant="secondary">Send the link again</Button>
        </Form>
      ) : null}
      <p className="mt-4 text-center">
        New to Charted? <Link to={{ pathname: "/register", search: searchParams.toString() }}>Create an account</Link>
      </p>
    </div>
  );
}
