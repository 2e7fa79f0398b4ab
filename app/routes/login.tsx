import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { logIn } from "~/auth/accounts.server.ts";
import { loginSchema } from "~/auth/schemas.ts";
import { Button, ErrorSummary, TextField } from "~/components/form-controls.tsx";
import { requireAnonymous, sessionDevice, startSession } from "~/utils/auth.server.ts";
import { formFailure, parseFormData } from "~/utils/forms.server.ts";
import { deviceTokenCookie, readDeviceToken } from "~/utils/device-cookie.server.ts";
import { safeRedirect } from "~/utils/safe-redirect.ts";

export const meta: MetaFunction = () => [{ title: "Log in · Charted" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const parsed = parseFormData(formData, loginSchema);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const result = await logIn({
    email: parsed.data.email,
    password: parsed.data.password,
    ip: context.clientIp,
    deviceToken: await readDeviceToken(request),
  });
  if (!result.ok) {
    return data(formFailure(formData, result.message), { status: result.reason === "rate-limited" ? 429 : 400 });
  }
  const headers = new Headers();
  headers.append("Set-Cookie", await startSession(result.userId, sessionDevice(request, context.clientIp)));
  headers.append("Set-Cookie", await deviceTokenCookie(result.deviceToken));
  return redirect(safeRedirect(parsed.data.redirectTo), { headers });
}

export default function LoginPage() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const errors = actionData && !actionData.ok ? actionData : undefined;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="page-title">Log in</h1>
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
        />
        <Button className="w-full" disabled={busy}>
          {busy ? "Logging in…" : "Log in"}
        </Button>
      </Form>
      <p className="mt-4 text-center">
        New to Charted? <Link to={{ pathname: "/register", search: searchParams.toString() }}>Create an account</Link>
      </p>
    </div>
  );
}
