// "Forgot password?": asks for the address and answers the same whether or not it has an
// account (app/auth/password-reset.server.ts). Open to anyone, signed in or not.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requestPasswordReset } from "~/auth/password-reset.server.ts";
import { forgotPasswordSchema } from "~/auth/schemas.ts";
import { Button, ErrorSummary, TextField } from "~/components/form-controls.tsx";
import { formFailure, parseFormData } from "~/utils/forms.server.ts";

export const meta: MetaFunction = () => [{ title: "Forgot your password? · Charted" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return { sent: new URL(request.url).searchParams.get("sent") === "1" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const parsed = parseFormData(formData, forgotPasswordSchema);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const result = await requestPasswordReset({ email: parsed.data.email, ip: context.clientIp });
  if (!result.ok) return data(formFailure(formData, result.message), { status: 429 });
  return redirect("/forgot-password?sent=1");
}

export default function ForgotPasswordPage() {
  const { sent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = actionData ?? undefined;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="page-title">Forgot your password?</h1>
      {sent && !errors ? (
        <div role="status" className="card space-y-3">
          <p className="font-medium">
            If an account uses that address, we&apos;ve sent a link to choose a new password. It works once, for one
            hour.
          </p>
          <p>
            Nothing after a few minutes? Check your spam folder, or make sure you typed the address you signed up with
            and <Link to="/forgot-password">ask again</Link>.
          </p>
          <p>
            <Link to="/login">Back to log in</Link>
          </p>
        </div>
      ) : (
        <>
          <p className="mb-4">
            Enter the email address of your account. We&apos;ll send you a link to choose a new password.
          </p>
          <Form method="post" className="card" noValidate>
            <ErrorSummary message={errors?.formError} fieldErrors={errors?.fieldErrors} labels={{ email: "Email" }} />
            <TextField
              name="email"
              label="Email"
              type="email"
              autoComplete="email"
              required
              defaultValue={errors?.values.email}
              errors={errors?.fieldErrors.email}
            />
            <Button className="w-full" disabled={busy}>
              {busy ? "Sending…" : "Send me a link"}
            </Button>
          </Form>
          <p className="mt-4 text-center">
            Remembered it? <Link to="/login">Log in</Link>
          </p>
        </>
      )}
    </div>
  );
}
