// Admins register the LMSs (LTI 1.3 platforms) that may launch Charted, and read the values
// the LMS admin enters on their side to register Charted as a tool.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Button, ErrorSummary, TextareaField, TextField } from "~/components/form-controls.tsx";
import { Section } from "~/components/section.tsx";
import { platformActionForm } from "~/lti/forms.ts";
import { listPlatforms, removePlatform, savePlatform, toolRegistration } from "~/lti/platforms.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { formFailure, parseFormData } from "~/utils/forms.server.ts";

export const meta: MetaFunction = () => [{ title: "LTI platforms · Admin · Charted" }];

const query = z.object({ edit: z.string().max(40).optional().catch(undefined), done: z.string().max(20).optional() });

const DONE_MESSAGES: Record<string, string> = {
  added: "The platform was added: its LMS can now launch Charted.",
  saved: "The platform's settings were saved.",
  removed: "The platform was removed: launches from it are refused.",
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const { edit, done } = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const platforms = (await listPlatforms()).map((p) => ({
    id: p.id,
    name: p.name,
    issuer: p.issuer,
    clientId: p.clientId,
    authLoginUrl: p.authLoginUrl,
    authTokenUrl: p.authTokenUrl,
    jwksUrl: p.jwksUrl,
    deploymentIds: p.deployments.map((d) => d.deploymentId),
  }));
  return {
    platforms,
    editing: platforms.find((p) => p.id === edit) ?? null,
    message: done ? (DONE_MESSAGES[done] ?? null) : null,
    tool: toolRegistration(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const formData = await request.formData();
  const parsed = parseFormData(formData, platformActionForm);
  if (!parsed.ok) {
    if (formData.get("intent") === "remove")
      return data({ ok: false as const, alert: "That platform could not be found." }, { status: 400 });
    return data(parsed, { status: 400 });
  }
  const actor = { id: admin.id, email: admin.email };
  if (parsed.data.intent === "remove") {
    const removed = await removePlatform(actor, parsed.data.platformId);
    if (!removed.ok) return data({ ok: false as const, alert: removed.message }, { status: 404 });
    return redirect("/admin/lti?done=removed");
  }
  const { platformId, intent: _intent, ...fields } = parsed.data;
  const saved = await savePlatform(actor, platformId, fields);
  if (!saved.ok) {
    return saved.reason === "taken"
      ? data(formFailure(formData, "", { clientId: [saved.message] }), { status: 409 })
      : data(formFailure(formData, saved.message), { status: 404 });
  }
  return redirect(`/admin/lti?done=${saved.created ? "added" : "saved"}`);
}

const LABELS = {
  name: "Name",
  issuer: "Issuer (iss)",
  clientId: "Client id",
  authLoginUrl: "OIDC authentication request URL",
  authTokenUrl: "Access token URL",
  jwksUrl: "Public keyset (JWKS) URL",
  deploymentIds: "Deployment ids, one a line",
};

function Registration({ tool }: { tool: ReturnType<typeof toolRegistration> }) {
  const rows: [string, string][] = [
    ["OIDC login initiation URL", tool.loginUrl],
    ["Redirect (launch) URL", tool.launchUrl],
    ["Deep linking URL", tool.deepLinkingUrl],
    ["Public keyset (JWKS) URL", tool.jwksUrl],
  ];
  return (
    <Section headingId="tool-heading" title="Charted's registration values" size="lg" gap={2} className="card">
      <p>Give these to the LMS administrator when they add Charted as an LTI 1.3 external tool.</p>
      <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-medium">{label}</dt>
            <dd className="break-all font-mono">{value}</dd>
          </div>
        ))}
      </dl>
      <p>
        Set the tool to open in a new window, not in a frame: Charted does not run inside another site&apos;s page (that
        protects its sign-in), and a launch in a frame shows an error.
      </p>
    </Section>
  );
}

export default function AdminLti() {
  const { platforms, editing, message, tool } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result && "fieldErrors" in result ? result : undefined;
  const value = (field: keyof typeof LABELS) =>
    errors?.values[field] ??
    (editing ? (field === "deploymentIds" ? editing.deploymentIds.join("\n") : editing[field]) : undefined);
  return (
    <div className="space-y-6">
      <h1 className="page-title">LTI platforms</h1>
      {message ? (
        <p role="status" className="rounded-md border border-success bg-success-soft p-3 font-medium text-success">
          {message}
        </p>
      ) : null}
      {result && "alert" in result ? (
        <p role="alert" className="field-error">
          {result.alert}
        </p>
      ) : null}
      <Registration tool={tool} />
      <Section headingId="platforms-heading" title="Registered platforms" size="lg" gap={2}>
        {platforms.length === 0 ? (
          <p>No platform is registered yet: no LMS can launch Charted.</p>
        ) : (
          <ul className="space-y-3">
            {platforms.map((p) => (
              <li key={p.id} className="card">
                <h3 className="font-semibold">{p.name}</h3>
                <p className="break-all">
                  Issuer {p.issuer}, client id {p.clientId}; deployments: {p.deploymentIds.join(", ")}
                </p>
                <div className="mt-2 flex flex-wrap gap-2">
                  <Link to={`/admin/lti?edit=${encodeURIComponent(p.id)}`} aria-label={`Edit ${p.name}`}>
                    Edit
                  </Link>
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="platformId" value={p.id} />
                    <Button variant="secondary" aria-label={`Remove ${p.name}`} disabled={busy}>
                      Remove
                    </Button>
                  </Form>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section
        headingId="platform-form-heading"
        title={editing ? `Edit ${editing.name}` : "Add a platform"}
        size="lg"
        gap={2}
        className="card max-w-2xl"
      >
        <Form method="post" noValidate key={editing?.id ?? "new"}>
          <ErrorSummary message={errors?.formError || undefined} fieldErrors={errors?.fieldErrors} labels={LABELS} />
          <input type="hidden" name="intent" value="save" />
          <input type="hidden" name="platformId" value={editing?.id ?? ""} />
          <TextField
            name="name"
            label={LABELS.name}
            required
            defaultValue={value("name")}
            errors={errors?.fieldErrors.name}
          />
          {(["issuer", "clientId", "authLoginUrl", "authTokenUrl", "jwksUrl"] as const).map((field) => (
            <TextField
              key={field}
              name={field}
              label={LABELS[field]}
              required
              autoComplete="off"
              defaultValue={value(field)}
              errors={errors?.fieldErrors[field]}
            />
          ))}
          <TextareaField
            name="deploymentIds"
            label={LABELS.deploymentIds}
            required
            rows={3}
            defaultValue={value("deploymentIds")}
            errors={errors?.fieldErrors.deploymentIds}
            hint="Launches from any other deployment of this platform are refused."
          />
          <div className="flex flex-wrap gap-3">
            <Button disabled={busy}>{editing ? "Save platform" : "Add platform"}</Button>
            {editing ? <Link to="/admin/lti">Cancel</Link> : null}
          </div>
        </Form>
      </Section>
    </div>
  );
}
