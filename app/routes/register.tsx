import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { register } from "~/auth/accounts.server.ts";
import { PASSWORD_MIN, registerSchema } from "~/auth/schemas.ts";
import { Button, ErrorSummary, TextField } from "~/components/form-controls.tsx";
import { requireAnonymous, sessionDevice, startSession } from "~/utils/auth.server.ts";
import { formFailure, parseFormData } from "~/utils/forms.server.ts";
import { safeRedirect } from "~/utils/safe-redirect.ts";

export const meta: MetaFunction = () => [{ title: "Create an account · Charted" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return { checkEmail: new URL(request.url).searchParams.get("check") === "email" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const parsed = parseFormData(formData, registerSchema);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const result = await register({ ...parsed.data, ip: context.clientIp });
  if (!result.ok && result.field === null) return data(formFailure(formData, result.message), { status: 429 });
  if (!result.ok) return data(formFailure(formData, "", { [result.field]: [result.message] }), { status: 400 });
  // Sign-up by emailed link: the same page for a new address and a taken one.
  if (result.checkEmail) return redirect("/register?check=email");
  return redirect(safeRedirect(parsed.data.redirectTo, "/"), {
    headers: { "Set-Cookie": await startSession(result.userId, sessionDevice(request, context.clientIp)) },
  });
}

export default function RegisterPage() {
  const { checkEmail } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const errors = actionData && !actionData.ok ? actionData : undefined;
  // The browser's time zone sets when each study day starts; without JS it defaults to UTC.
  const [timeZone, setTimeZone] = useState("");
  useEffect(() => setTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone), []);
  if (checkEmail && !actionData) {
    return (
      <div className="mx-auto max-w-md">
        <h1 className="page-title">Check your email</h1>
        <div role="status" className="card space-y-3">
          <p className="font-medium">We&apos;ve sent a message to the address you gave. Follow its link to finish.</p>
          <p>
            Nothing after a few minutes? Check your spam folder. If you already have an account, the message says so:
            you can <Link to="/login">log in</Link> or <Link to="/forgot-password">choose a new password</Link>.
          </p>
        </div>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <h1 className="page-title">Create your account</h1>
      <Form method="post" className="card" noValidate>
        <ErrorSummary
          message={errors?.formError || undefined}
          fieldErrors={errors?.fieldErrors}
          labels={{
            name: "Your name",
            email: "Email",
            password: "Password",
            confirmPassword: "Type the password again",
          }}
        />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <input type="hidden" name="timeZone" value={timeZone} />
        <TextField
          name="name"
          label="Your name"
          autoComplete="name"
          required
          defaultValue={errors?.values.name}
          errors={errors?.fieldErrors.name}
        />
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
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN}
          hint={`At least ${PASSWORD_MIN} characters. A short phrase is easy to remember and hard to guess.`}
          errors={errors?.fieldErrors.password}
        />
        <TextField
          name="confirmPassword"
          label="Type the password again"
          type="password"
          autoComplete="new-password"
          required
          errors={errors?.fieldErrors.confirmPassword}
        />
        <Button className="w-full" disabled={busy}>
          {busy ? "Creating your account…" : "Create account"}
        </Button>
      </Form>
      <p className="mt-4 text-center">
        Already have an account? <Link to={{ pathname: "/login", search: searchParams.toString() }}>Log in</Link>
      </p>
    </div>
  );
}
