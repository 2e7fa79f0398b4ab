// The link from a verification email. Opening it only asks; the button confirms: mail scanners
// open links too, and must neither use it up nor get signed in. Confirming signs this browser in.
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { verificationLinkIsLive, verifyEmail } from "~/auth/email-verification.server.ts";
import { linkTokenSchema } from "~/auth/schemas.ts";
import { ExpiredLink } from "~/components/expired-link.tsx";
import { Button } from "~/components/form-controls.tsx";
import { authenticate, endSession, sessionDevice, startSession } from "~/utils/auth.server.ts";

export const meta: MetaFunction = () => [
  { title: "Confirm your email address · Charted" },
  { name: "referrer", content: "no-referrer" },
];

export const headers: HeadersFunction = () => ({ "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  const token = linkTokenSchema.safeParse(new URL(request.url).searchParams.get("token"));
  const live = token.success && (await verificationLinkIsLive(token.data));
  return { token: live ? token.data : null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const token = linkTokenSchema.safeParse((await request.formData()).get("token"));
  const result = token.success ? await verifyEmail(token.data) : ({ ok: false } as const);
  if (!result.ok) return data({ expired: true }, { status: 400 });
  const { user } = await authenticate(request);
  if (user?.id === result.userId) return redirect("/account?done=email-verified");
  // Signed in as someone else (a shared computer): that session ends, the link's owner signs in.
  if (user) await endSession(request);
  return redirect("/account?done=email-verified", {
    headers: { "Set-Cookie": await startSession(result.userId, sessionDevice(request, context.clientIp)) },
  });
}

export default function VerifyEmailPage() {
  const { token } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  if (!token || failed?.expired) {
    return (
      <ExpiredLink next={{ to: "/login", label: "Log in to get a new link" }}>
        <p>
          This confirmation link has expired or was already used. Each link works once, for 24 hours. Log in to see
          whether your address is confirmed already, or to have a new link sent.
        </p>
      </ExpiredLink>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <h1 className="page-title">Confirm your email address</h1>
      <Form method="post" className="card space-y-4">
        <p>Confirm that this email address is yours. You will be signed in to Charted on this device.</p>
        <input type="hidden" name="token" value={token} />
        <Button className="w-full" disabled={busy}>
          {busy ? "Confirming…" : "Confirm my address"}
        </Button>
      </Form>
    </div>
  );
}
