// Deep linking: an instructor who chose "add content" in their LMS picks a Charted assignment of
// the course's class; the signed answer is posted back to the LMS by the browser (automatically
// with JavaScript, by a button without). This page alone may post a form to another site (CSP
// form-action, server/security.js).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { Button, RadioGroup } from "~/components/form-controls.tsx";
import { deepLinkChoices, deepLinkResponse, readDeepLinkRequest } from "~/lti/deep-linking.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/dates.ts";
import { requestLocale } from "~/utils/locale.server.ts";
import { formFailure, parseFormData } from "~/utils/forms.server.ts";

export const meta: MetaFunction = () => [{ title: "Choose an assignment · Charted" }];

const EXPIRED = "This request from your LMS has expired. Choose “add content” in your course again.";

async function deepLinkRequest(request: Request, token: unknown) {
  const user = await requireRole(request, "instructor");
  const parsed = z.string().min(1).max(4000).safeParse(token);
  const found = parsed.success ? await readDeepLinkRequest(parsed.data, user.id) : null;
  if (!found) throw new Response(EXPIRED, { status: 400 });
  return { user, found, token: parsed.data! };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = requestLocale(request);
  const { user, found, token } = await deepLinkRequest(request, new URL(request.url).searchParams.get("request"));
  const choices = await deepLinkChoices(found);
  return {
    token,
    classId: found.classId,
    choices: choices.map((c) => ({
      id: c.id,
      title: c.title,
      due: formatDate(c.dueAt, user.timeZone, "dateTime", locale),
    })),
  };
}

const pickForm = z.object({
  request: z.string().min(1).max(4000),
  assignmentId: z.string({ message: "Choose an assignment." }).min(1, "Choose an assignment.").max(40),
});

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { found } = await deepLinkRequest(request, formData.get("request"));
  const parsed = parseFormData(formData, pickForm);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const response = await deepLinkResponse(found, parsed.data.assignmentId);
  if (!response.ok) return data(formFailure(formData, "", { assignmentId: [response.message] }), { status: 404 });
  return { ok: true as const, returnUrl: response.returnUrl, jwt: response.jwt, title: response.title };
}

function ReturnToPlatform({ returnUrl, jwt, title }: { returnUrl: string; jwt: string; title: string }) {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => form.current?.submit(), []);
  return (
    <div className="space-y-4">
      <h1 className="page-title">Adding “{title}” to your course</h1>
      <p role="status">Returning to your learning platform…</p>
      <form ref={form} method="post" action={returnUrl}>
        <input type="hidden" name="JWT" value={jwt} />
        <Button>Return to your learning platform</Button>
      </form>
    </div>
  );
}

export default function DeepLink() {
  const { token, classId, choices } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (result && result.ok) return <ReturnToPlatform {...result} />;
  const errors = result && "fieldErrors" in result ? result.fieldErrors : undefined;
  return (
    <div className="space-y-6">
      <h1 className="page-title">Choose an assignment for your course</h1>
      {choices.length === 0 ? (
        <p>
          This course&apos;s class has no assignments yet.{" "}
          <Link to={`/classes/${classId}/assignments/new`}>Create one</Link>, then come back to this page (reload it) to
          choose it.
        </p>
      ) : (
        <Form method="post" noValidate className="card max-w-2xl">
          <input type="hidden" name="request" value={token} />
          <RadioGroup
            name="assignmentId"
            legend="Assignment"
            options={choices.map((c) => ({ value: c.id, label: `${c.title} (due ${c.due})` }))}
            errors={errors?.assignmentId}
          />
          <Button>Add to course</Button>
          <p className="mt-3">
            Or <Link to={`/classes/${classId}/assignments/new`}>create a new assignment</Link> first.
          </p>
        </Form>
      )}
    </div>
  );
}
