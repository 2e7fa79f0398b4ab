// The link sent to a new address by "Change email" on the account page. Opening it only asks
// (mail scanners open links too); the button moves the account to the address. The browser need
// not be signed in: the link itself shows the inbox is the account owner's.
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { confirmEmailChange, emailChangeTarget } from "~/auth/change-email.server.ts";
import { linkTokenSchema } from "~/auth/schemas.ts";
import { ExpiredLink } from "~/components/expired-link.tsx";
import { Button, FormError } from "~/components/form-controls.tsx";

export const meta: MetaFunction = () => [
  { title: "Confirm your new email address · Charted" },
  { name: "referrer", content: "no-referrer" },
];

export const headers: HeadersFunction = () => ({ "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  const token = linkTokenSchema.safeParse(new URL(request.url).searchParams.get("token"));
  const email = token.success ? await emailChangeTarget(token.data) : null;
  return email && token.success ? { token: token.data, email } : { token: null, email: null };
}

export async function action({ request }: ActionFunctionArgs) {
  const token = linkTokenSchema.safeParse((await request.formData()).get("token"));
  const result = token.success
    ? await confirmEmailChange(token.data)
    : ({ ok: false, reason: "invalid-link" } as const);
  if (result.ok) return redirect("/account?done=email-changed");
  if (result.reason === "taken") {
    return data(
      {
        expired: false,
        message: `Another Charted account already uses ${result.email}, so this one cannot move to it.`,
      },
      { status: 409 },
    );
  }
  return data({ expired: true, message: null }, { status: 400 });
}

export default function ChangeEmailPage() {
  const { token, email } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  if (!token || failed?.expired) {
    return (
      <ExpiredLink next={{ to: "/account", label: "Go to your account" }}>
        <p>
          This link to change your email address has expired or was already used. Each link works once, for 24 hours,
          and only the newest one works. Ask for the change again from your account page.
        </p>
      </ExpiredLink>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <h1 className="page-title">Confirm your new email address</h1>
      <FormError message={failed?.message ?? undefined} />
      {failed?.message ? (
        <p>
          <Link to="/account">Go to your account</Link>
        </p>
      ) : (
        <Form method="post" className="card space-y-4">
          <p>
            Your Charted account will use <strong>{email}</strong> from now on: you log in with it, and we write to it.
          </p>
          <input type="hidden" name="token" value={token} />
          <Button className="w-full" disabled={busy}>
            {busy ? "Changing…" : "Use this address"}
          </Button>
        </Form>
      )}
    </div>
  );
}
