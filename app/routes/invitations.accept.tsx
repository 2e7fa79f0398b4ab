// Where an invitation link leads (?token=). Signed in: what accepting does, and a button (with
// the account in use named, and a way to switch). Signed out: create the account for the
// invited address right here, or log in and come back.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { PASSWORD_MIN, registerSchema } from "~/auth/schemas.ts";
import { Button, ErrorSummary, FormError, TextField } from "~/components/form-controls.tsx";
import {
  acceptInvitationAs,
  acceptWithNewAccount,
  DEAD_MESSAGES,
  openInvitation,
  type AcceptResult,
} from "~/invitations/accept.server.ts";
import { acceptIntentForm, invitationToken } from "~/invitations/forms.ts";
import { ACCEPT_PATH } from "~/invitations/rules.ts";
import { endSession, getUser, requireUser, sessionDevice, startSession } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/dates.ts";
import { requestLocale } from "~/utils/locale.server.ts";
import { formFailure, parseInput } from "~/utils/forms.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: `${data && data.state === "open" ? (data.invitation.className ? `Join ${data.invitation.className}` : "Become an instructor") : "Invitation"} · Charted`,
  },
];

const pageOf = (token: string) => `${ACCEPT_PATH}?${new URLSearchParams({ token })}`;

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = requestLocale(request);
  const token = invitationToken.safeParse(new URL(request.url).searchParams.get("token"));
  if (!token.success) return data({ state: "dead" as const, message: DEAD_MESSAGES.unknown }, { status: 404 });
  const user = await getUser(request);
  const opened = await openInvitation(token.data, user);
  if (!opened.ok) {
    return data(
      { state: "dead" as const, message: opened.message },
      { status: opened.reason === "unknown" ? 404 : 410 },
    );
  }
  const { invitation } = opened;
  return {
    state: "open" as const,
    token: token.data,
    invitation: {
      kind: invitation.kind,
      email: invitation.email,
      name: invitation.name,
      className: invitation.className,
      instructorName: invitation.instructorName,
      expires: formatDate(invitation.expiresAt, user?.timeZone ?? "UTC", "dateTimeZone", locale),
    },
    viewer: user ? { name: user.name, email: user.email, sameEmail: user.email === invitation.email } : null,
    standing: opened.standing,
    accountExists: opened.accountExists,
    loginHref: `/login?${new URLSearchParams({ redirectTo: pageOf(token.data) })}`,
  };
}

/** Where an accepted invitation lands: the instructor's classes, or the class just joined. */
function landing(result: Extract<AcceptResult, { ok: true }>) {
  return result.kind === "instructor" ? "/classes?welcome=instructor" : `/join?joined=${result.classId}`;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const form = acceptIntentForm.safeParse(Object.fromEntries(formData));
  if (!form.success) return data({ ok: false as const, alert: DEAD_MESSAGES.unknown }, { status: 400 });
  const { intent, token } = form.data;
  if (intent === "logout") {
    return redirect(pageOf(token), { headers: { "Set-Cookie": await endSession(request) } });
  }
  if (intent === "accept") {
    const user = await requireUser(request);
    const accepted = await acceptInvitationAs(token, user);
    if (!accepted.ok) return data({ ok: false as const, alert: accepted.message }, { status: 409 });
    return redirect(landing(accepted));
  }
  // Creating an account: for the invited address only, checked as registration checks it.
  if (await getUser(request)) {
    return data(
      { ok: false as const, alert: "You are signed in already: accept with this account, or log out first." },
      {
        status: 409,
      },
    );
  }
  const opened = await openInvitation(token, null);
  if (!opened.ok) return data({ ok: false as const, alert: opened.message }, { status: 410 });
  const fields = Object.fromEntries([...formData].filter(([, v]) => typeof v === "string"));
  const parsed = parseInput({ ...fields, email: opened.invitation.email }, registerSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const created = await acceptWithNewAccount(token, {
    name: parsed.data.name,
    password: parsed.data.password,
    timeZone: parsed.data.timeZone,
    ip: context.clientIp,
  });
  if (!created.ok) {
    if ("field" in created) {
      if (created.field === null) return data(formFailure(formData, created.message), { status: 429 });
      if (created.field === "email") return data({ ok: false as const, accountExists: true as const }, { status: 409 });
      return data(formFailure(formData, "", { [created.field]: [created.message] }), { status: 400 });
    }
    return data({ ok: false as const, alert: created.message }, { status: 410 });
  }
  const cookie = await startSession(created.userId, sessionDevice(request, context.clientIp));
  // The account exists and is signed in even if the link was used a moment earlier: the page says so.
  const to = created.accepted.ok ? landing(created.accepted) : pageOf(token);
  return redirect(to, { headers: { "Set-Cookie": cookie } });
}

const LABELS = { name: "Your name", password: "Password", confirmPassword: "Type the password again" };

export default function AcceptInvitation() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  // The browser's time zone sets when each study day starts; without JS it defaults to UTC.
  const [timeZone, setTimeZone] = useState("");
  useEffect(() => setTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone), []);
  if (page.state === "dead") {
    return (
      <div className="mx-auto max-w-xl space-y-4">
        <h1 className="page-title">This invitation cannot be used</h1>
        <p role="alert" className="rounded-md border border-danger bg-danger-soft p-3 text-danger">
          {page.message}
        </p>
        <p>
          <Link to="/">Go to the home page</Link>
        </p>
      </div>
    );
  }
  const { token, invitation, viewer, standing, accountExists, loginHref } = page;
  const isClass = invitation.kind === "class";
  const errors = result && "fieldErrors" in result ? result : undefined;
  const alert = result && "alert" in result ? result.alert : undefined;
  const exists = accountExists || Boolean(result && "accountExists" in result);
  return (
    <div className="mx-auto max-w-xl space-y-6">
      <h1 className="page-title">{isClass ? `Join ${invitation.className}` : "Become an instructor"}</h1>
      <p>
        {isClass
          ? `${invitation.instructorName} invited ${invitation.email} to the class “${invitation.className}”. Joining puts you on the class roster: you will see its assignments, and your instructor will see your progress in them.`
          : `An administrator invited ${invitation.email} to become an instructor. Instructors create classes, invite students and give assignments.`}
      </p>
      <p className="text-sm text-muted">The invitation works until {invitation.expires}.</p>
      <FormError message={alert} />
      {viewer ? (
        <section aria-labelledby="account-heading" className="card space-y-3">
          <h2 id="account-heading" className="text-lg font-semibold">
            {viewer.sameEmail ? "Your account" : "Which account?"}
          </h2>
          <p>
            You are signed in as {viewer.name} ({viewer.email}).
            {viewer.sameEmail
              ? ""
              : ` The invitation was sent to ${invitation.email}, but the link is what counts: accepting uses the account you are signed in with.`}
          </p>
          {standing === "ready" ? (
            <Form method="post">
              <input type="hidden" name="intent" value="accept" />
              <input type="hidden" name="token" value={token} />
              <Button disabled={busy}>{isClass ? `Join ${invitation.className}` : "Become an instructor"}</Button>
            </Form>
          ) : (
            <p role="status" className="font-medium">
              {standing === "already-instructor" ? (
                <>
                  Your account already has instructor access, so there is nothing to accept.{" "}
                  <Link to="/classes">Go to your classes</Link>.
                </>
              ) : standing === "member" ? (
                <>
                  You are already in this class. <Link to="/join">See your classes</Link>.
                </>
              ) : standing === "teaches" ? (
                "You teach this class, so you cannot join it as a student."
              ) : (
                "Your instructor removed you from this class, so this invitation cannot add you back. Ask your instructor: they can let you back in."
              )}
            </p>
          )}
          <Form method="post">
            <input type="hidden" name="intent" value="logout" />
            <input type="hidden" name="token" value={token} />
            <Button variant="secondary">Log out and use another account</Button>
          </Form>
        </section>
      ) : exists ? (
        <section aria-labelledby="login-heading" className="card space-y-3">
          <h2 id="login-heading" className="text-lg font-semibold">
            Log in to accept
          </h2>
          <p role={result && "accountExists" in result ? "alert" : undefined}>
            An account with {invitation.email} already exists. Log in with it, and you will come back here to accept.
          </p>
          <Link to={loginHref} className="btn-primary">
            Log in
          </Link>
        </section>
      ) : (
        <section aria-labelledby="create-heading" className="card">
          <h2 id="create-heading" className="mb-3 text-lg font-semibold">
            Create your account
          </h2>
          <Form method="post" noValidate>
            <ErrorSummary message={errors?.formError || undefined} fieldErrors={errors?.fieldErrors} labels={LABELS} />
            <input type="hidden" name="intent" value="create-account" />
            <input type="hidden" name="token" value={token} />
            <input type="hidden" name="timeZone" value={timeZone} />
            <p className="mb-4">
              Email: <strong>{invitation.email}</strong>
              <span className="block text-sm text-muted">The address the invitation was sent to.</span>
            </p>
            <TextField
              name="name"
              label={LABELS.name}
              autoComplete="name"
              required
              maxLength={80}
              defaultValue={errors?.values.name ?? invitation.name ?? ""}
              errors={errors?.fieldErrors.name}
            />
            <TextField
              name="password"
              label={LABELS.password}
              type="password"
              autoComplete="new-password"
              required
              minLength={PASSWORD_MIN}
              hint={`At least ${PASSWORD_MIN} characters. A short phrase is easy to remember and hard to guess.`}
              errors={errors?.fieldErrors.password}
            />
            <TextField
              name="confirmPassword"
              label={LABELS.confirmPassword}
              type="password"
              autoComplete="new-password"
              required
              errors={errors?.fieldErrors.confirmPassword}
            />
            <Button className="w-full" disabled={busy}>
              {busy ? "Creating your account…" : isClass ? "Create account and join" : "Create account and accept"}
            </Button>
          </Form>
          <p className="mt-4 text-center">
            <Link to={loginHref}>I already have an account: log in</Link>
          </p>
        </section>
      )}
    </div>
  );
}
