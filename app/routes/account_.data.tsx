import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { deleteAccount, deletionBlockers, LAST_ADMIN_MESSAGE } from "~/account/delete.server.ts";
import { EXPORT_FILES } from "~/account/export-format.ts";
import { DELETE_WORD, deleteAccountSchema, exportWaitSchema } from "~/account/forms.ts";
import { Button, CheckboxField, ErrorSummary, TextField } from "~/components/form-controls.tsx";
import { Section } from "~/components/section.tsx";
import { endSession, requireUser } from "~/utils/auth.server.ts";
import { formFailure, parseFormData } from "~/utils/forms.server.ts";

// "Your data" (/account/data; `account_` keeps it out of the account page's layout): what the
// download holds, with the link, and the form that deletes the account.
export const meta: MetaFunction = () => [{ title: "Your data · Charted" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const wait = exportWaitSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const blockers = await deletionBlockers(user.id);
  return {
    files: EXPORT_FILES.map((f) => ({ name: f.name, about: f.about })),
    exportWaitMinutes: wait.success ? wait.data.minutes : null,
    blockers,
    lastAdminMessage: blockers.lastAdmin ? LAST_ADMIN_MESSAGE : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const parsed = parseFormData(formData, deleteAccountSchema);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const result = await deleteAccount(user.id, parsed.data);
  if (!result.ok) {
    const failure = result.field
      ? formFailure(formData, "", { [result.field]: [result.message] })
      : formFailure(formData, result.message);
    return data(failure, { status: result.reason === "rate-limited" ? 429 : 400 });
  }
  // The account's sessions are gone already; this clears the browser's cookie too.
  return redirect("/?deleted=account", { headers: { "Set-Cookie": await endSession(request) } });
}

const DELETE_LABELS = {
  closeClasses: "Close my classes",
  currentPassword: "Current password",
  confirmation: `Type ${DELETE_WORD} to confirm`,
};

export default function YourDataPage() {
  const { files, exportWaitMinutes, blockers, lastAdminMessage } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const stranded = blockers.classesWithStudents;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="page-title">Your data</h1>
      <p>
        Everything Charted keeps about you, to take away in a file, and the way to delete your account. Questions about
        your data? Ask the administrator of this Charted site.
      </p>

      <Section headingId="download-heading" title="Download your data" gap={2} className="card space-y-3">
        {exportWaitMinutes ? (
          <p role="status" className="rounded-md border border-warn bg-warn-soft p-3 font-medium text-warn">
            You have downloaded your data several times in the last hour. Try again in {exportWaitMinutes} minute
            {exportWaitMinutes === 1 ? "" : "s"}.
          </p>
        ) : null}
        <p>
          A zip file of JSON files, a plain format most programs and spreadsheets can read. Its README.txt describes
          every field; dates and times are in UTC.
        </p>
        <ul className="list-disc space-y-1 pl-6">
          {files.map((f) => (
            <li key={f.name}>
              <code>{f.name}</code>: {f.about}
            </li>
          ))}
        </ul>
        <p className="text-muted">
          Not included: your password (Charted keeps only a one-way hash of it), the secret parts of sign-in links and
          cookies, and other people&apos;s data.
        </p>
        <p>
          {/* A plain link: the file comes as an attachment, and a refusal comes back to this page. */}
          <a href="/account/export" className="btn-primary">
            Download my data (.zip)
          </a>
        </p>
      </Section>

      <Section headingId="delete-heading" title="Delete your account" gap={2} className="card space-y-3">
        <p className="font-medium">Deleting your account is permanent: it cannot be undone.</p>
        <h3 className="font-semibold">What is deleted</h3>
        <ul className="list-disc space-y-1 pl-6">
          <li>
            Your name, email address and password. No one can sign in to the account again, and the address is free for
            a new account.
          </li>
          <li>Your review deck: every card, the text of cards you wrote, every rating and your trained settings.</li>
          <li>Your preferences, study plan, finished lessons and activity history.</li>
          <li>Your place in classes: you leave every class roster and gradebook.</li>
          <li>
            Problems you reported and the replies, your requests for instructor access, and invitations you sent that
            were not accepted.
          </li>
          <li>Every signed-in browser, and the links in emails we sent you.</li>
        </ul>
        <h3 className="font-semibold">What stays, without your name or address</h3>
        <ul className="list-disc space-y-1 pl-6">
          <li>
            Your answers to practice, mock exam and assignment questions, as anonymous responses: they count in the
            statistics that show instructors how hard each question is. No one can see them as yours.
          </li>
          <li>
            If you teach: the questions you wrote (hidden from everyone; students&apos; past answers show their text),
            and your classes, which are closed.
          </li>
          <li>
            A line in the administrators&apos; log saying that an account holder deleted their account, with no name or
            address.
          </li>
        </ul>
        <p>
          Want a copy first? <a href="/account/export">Download your data</a> before you delete.
        </p>

        {lastAdminMessage ? (
          <p className="rounded-md border border-warn bg-warn-soft p-3 font-medium text-warn">{lastAdminMessage}</p>
        ) : (
          <Form method="post" noValidate>
            <ErrorSummary
              message={errors?.formError || undefined}
              fieldErrors={errors?.fieldErrors}
              labels={DELETE_LABELS}
            />
            {stranded.length ? (
              <div className="mb-4">
                <CheckboxField
                  id="closeClasses"
                  name="closeClasses"
                  value="yes"
                  defaultChecked={errors?.values.closeClasses === "yes"}
                  label={`${DELETE_LABELS.closeClasses}: ${stranded
                    .map((c) => `${c.name} (${c.students} student${c.students === 1 ? "" : "s"})`)
                    .join(", ")}`}
                  hint="You still teach these classes. Closing a class ends it for its students: they keep their own answers, but lose the class, its assignments and their results there."
                  errors={errors?.fieldErrors.closeClasses}
                />
              </div>
            ) : null}
            <TextField
              name="currentPassword"
              label={DELETE_LABELS.currentPassword}
              type="password"
              autoComplete="current-password"
              required
              errors={errors?.fieldErrors.currentPassword}
            />
            <TextField
              name="confirmation"
              label={DELETE_LABELS.confirmation}
              hint={`So that no one deletes an account by accident: type the word ${DELETE_WORD} in capital letters.`}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              required
              defaultValue={errors?.values.confirmation}
              errors={errors?.fieldErrors.confirmation}
            />
            <Button variant="danger" disabled={busy}>
              {busy ? "Deleting…" : "Delete my account permanently"}
            </Button>
          </Form>
        )}
      </Section>
    </div>
  );
}
