import { formatDate } from "~/utils/dates.ts";
import { requestLocale } from "~/utils/locale.server.ts";
import { orNotFound, routeParams } from "~/utils/http.server.ts";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { classAssignments, memberStatuses } from "~/assignments/manage.server.ts";
import { gradeExpiredAttempts } from "~/exam/grading.server.ts";
import { STATUS_LABELS } from "~/assignments/rules.ts";
import {
  allowRejoin,
  classRoster,
  extraTimePreview,
  ownedClass,
  removedFromClass,
  removeStudent,
  rotateJoinCode,
  setMemberAccommodation,
} from "~/classes/classes.server.ts";
import { ACCOMMODATIONS, classIdParam, memberForm } from "~/classes/forms.ts";
import { domainMastery } from "~/progress/dashboard.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import {
  Button,
  CheckboxField,
  ErrorSummary,
  SelectField,
  TextareaField,
  TextField,
} from "~/components/form-controls.tsx";
import { DataTable } from "~/components/data-table.tsx";
import { Truncate } from "~/components/truncate.tsx";
import { Section } from "~/components/section.tsx";
import {
  inviteRoster,
  pendingInvitations,
  resendClassInvitation,
  revokeClassInvitation,
  type RosterOutcome,
} from "~/invitations/class-invitations.server.ts";
import { CLASS_INVITATION_INTENTS, classInvitationForm, rosterForm } from "~/invitations/forms.ts";
import { ROSTER_MAX_CHARS, ROSTER_MAX_ROWS } from "~/invitations/rules.ts";
import { formFailure } from "~/utils/forms.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.klass.name ?? "Class"} · Classes · Charted` },
];

async function load(request: Request, params: LoaderFunctionArgs["params"]) {
  const user = await requireRole(request, "instructor");
  const { id } = routeParams(params, { id: classIdParam }, "We could not find that class.");
  return orNotFound(await ownedClass(user, id)).klass;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requestLocale(request);
  const klass = await load(request, params);
  const url = new URL(request.url);
  const { timeZone } = await requireRole(request, "instructor");
  // Students' timed-out assignment attempts count as submitted: grade a bounded few per load.
  await gradeExpiredAttempts({ classId: klass.id });
  const [roster, assignments, statusOf, removed, invited] = await Promise.all([
    classRoster(klass.id),
    classAssignments(klass.id, { timeZone, locale }),
    memberStatuses(klass.id),
    removedFromClass(klass.id),
    pendingInvitations(klass.id),
  ]);
  // Mastery per domain for each student, by the same method as their own Progress page.
  const mastery = await Promise.all(roster.map((s) => domainMastery(s.id)));
  // Dates in the instructor's time zone, formatted here so server and browser render the same text.
  const day = (d: Date | string | null) => (d ? formatDate(d, timeZone, "date", locale) : "No activity yet");
  const students = roster.map((s, i) => ({
    ...s,
    joined: day(s.joinedAt),
    lastActive: day(s.lastActivity),
    assignments: statusOf(s.id),
    mastery: mastery[i],
  }));
  return {
    klass: { id: klass.id, name: klass.name, joinCode: klass.joinCode },
    joinUrl: `${url.origin}/join?code=${klass.joinCode}`,
    students,
    assignments,
    removed: removed.map((r) => ({ ...r, removedOn: day(r.removedAt) })),
    invited: invited.map((i) => ({
      id: i.id,
      email: i.email,
      name: i.name,
      sentOn: day(i.createdAt),
      expiresOn: day(i.expiresAt),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const klass = await load(request, params);
  const formData = await request.formData();
  if ((CLASS_INVITATION_INTENTS as readonly unknown[]).includes(formData.get("intent"))) {
    return invitationAction(await requireRole(request, "instructor"), klass, formData);
  }
  const form = memberForm.safeParse(Object.fromEntries(formData));
  if (!form.success)
    return data({ error: form.error.issues[0]?.message ?? "That change could not be made." }, { status: 400 });
  if (form.data.intent === "accommodation") {
    const { userId } = form.data;
    const student = (await classRoster(klass.id)).find((s) => s.id === userId);
    if (!student) return data({ error: "That student is not in this class." }, { status: 404 });
    if (!form.data.confirmed) {
      // First the instructor sees what the change gives; nothing is saved yet.
      return {
        confirm: {
          userId: student.id,
          name: student.name,
          factor: form.data.factor,
          times: await extraTimePreview(klass.id, form.data.factor),
        },
      };
    }
    await setMemberAccommodation(klass.id, student.id, form.data.factor);
    return {
      ok: true,
      message: `${student.name} now has ${form.data.factor === 1 ? "standard time" : `${form.data.factor}x time`} in this class's timed assignments.`,
    };
  }
  if (form.data.intent === "rotate-code") {
    const { joinCode } = await rotateJoinCode(klass.id);
    return { ok: true, message: `The join code is now ${joinCode}. The old code and link no longer work.` };
  }
  if (form.data.intent === "allow-rejoin") {
    const ok = await allowRejoin(klass.id, form.data.userId);
    return ok
      ? { ok: true, message: "They can join again with the current code." }
      : data({ error: "That student was not removed from this class." }, { status: 404 });
  }
  const removed = await removeStudent(klass.id, form.data.userId);
  if (!removed.ok) return data({ error: "That student is not in this class." }, { status: 404 });
  const closed = removed.closed
    ? ` Their ${removed.closed === 1 ? "open assignment attempt was" : `${removed.closed} open assignment attempts were`} submitted with the answers they had saved.`
    : "";
  return {
    ok: true,
    message: `Removed from the class. The join code no longer lets them back in unless you allow it below.${closed}`,
  };
}

/** Inviting students by roster, and resending or revoking a pending invitation. */
async function invitationAction(
  user: { id: string; name: string },
  klass: { id: string; name: string; instructorId: string },
  formData: FormData,
) {
  if (formData.get("intent") !== "invite-roster") {
    const form = classInvitationForm.safeParse(Object.fromEntries(formData));
    if (!form.success) return data({ error: "That invitation could not be found." }, { status: 400 });
    const { intent, invitationId } = form.data;
    const done =
      intent === "resend-invitation"
        ? await resendClassInvitation(user, klass, invitationId)
        : await revokeClassInvitation(klass, invitationId);
    if (!done.ok) return data({ error: done.message }, { status: done.reason === "not-found" ? 404 : 429 });
    return {
      ok: true,
      message:
        intent === "resend-invitation"
          ? `A new invitation link was sent to ${done.email}; the earlier link no longer works.`
          : `The invitation to ${done.email} was revoked: its link no longer works.`,
    };
  }
  const form = rosterForm.safeParse(Object.fromEntries([...formData].filter(([, v]) => typeof v === "string")));
  if (!form.success)
    return data(formFailure(formData, "", { roster: [form.error.issues[0]!.message] }), { status: 400 });
  const file = formData.get("file");
  const fileText = file instanceof Blob && file.size > 0 ? await file.text() : "";
  const pasted = form.data.roster?.trim() ?? "";
  if (fileText.length > ROSTER_MAX_CHARS) {
    return data(formFailure(formData, "", { file: ["That file is too large: upload at most 200 rows at a time."] }), {
      status: 400,
    });
  }
  if (pasted && fileText) {
    return data(formFailure(formData, "Paste a roster or choose a file, not both."), { status: 400 });
  }
  if (!pasted && !fileText) {
    return data(formFailure(formData, "", { roster: ["Paste a roster, or choose a CSV file below."] }), {
      status: 400,
    });
  }
  const result = await inviteRoster(user, klass, pasted || fileText, { allowRemoved: Boolean(form.data.allowRemoved) });
  if (!result.ok) {
    const message = [result.message];
    const failure = formFailure(formData, "", pasted ? { roster: message } : { file: message });
    return data(failure, { status: result.reason === "rate-limited" ? 429 : 400 });
  }
  return { roster: { rows: result.rows, counts: result.counts } };
}

const OUTCOME_LABELS: Record<RosterOutcome, string> = {
  added: "Added",
  invited: "Invited",
  member: "Already a member",
  pending: "Already invited",
  removed: "Not added (removed)",
  error: "Error",
};

/** "2 submitted, 1 not started" for one student across the class's assignments. */
function statusSummary(list: { status: keyof typeof STATUS_LABELS }[]) {
  if (!list.length) return "No assignments";
  const counts = new Map<string, number>();
  for (const a of list) counts.set(a.status, (counts.get(a.status) ?? 0) + 1);
  return [...counts]
    .map(([status, n]) => `${n} ${STATUS_LABELS[status as keyof typeof STATUS_LABELS].toLowerCase()}`)
    .join(", ");
}

export default function ClassPage() {
  const { klass, joinUrl, students, assignments, removed, invited } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const rosterErrors = result && "fieldErrors" in result ? result : undefined;
  const rosterResult = result && "roster" in result ? result.roster : undefined;
  // A roster that was sent is cleared (with JavaScript the form keeps its text otherwise), so
  // it is not sent twice by mistake.
  const rosterFormRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (rosterResult) rosterFormRef.current?.reset();
  }, [rosterResult]);
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link to="/classes">Classes</Link>
      </nav>
      <h1 className="page-title">{klass.name}</h1>
      {result && "message" in result ? (
        <p role="status" className="rounded-md border border-success bg-success-soft p-3 font-medium text-success">
          {result.message}
        </p>
      ) : null}
      {result && "error" in result ? (
        <p role="alert" className="field-error">
          {result.error}
        </p>
      ) : null}
      {rosterResult ? (
        <Section headingId="roster-result-heading" title="Roster results" size="lg" gap={2} className="card">
          <p role="status" className="mb-2 font-medium">
            {(Object.keys(OUTCOME_LABELS) as RosterOutcome[])
              .filter((o) => rosterResult.counts[o])
              .map((o) => `${OUTCOME_LABELS[o]}: ${rosterResult.counts[o]}`)
              .join(" · ")}
          </p>
          <DataTable
            regionLabelledBy="roster-result-heading"
            columns={["Address", "Line", "Name", "Result"]}
            rows={rosterResult.rows}
            rowKey={(r) => r.line}
            cells={(r) => [
              <span className="break-all">{r.email}</span>,
              r.line,
              r.name ?? "",
              <>
                <span className={r.outcome === "error" ? "font-semibold text-danger" : "font-semibold"}>
                  {OUTCOME_LABELS[r.outcome]}
                </span>
                <span className="block text-sm">{r.message}</span>
              </>,
            ]}
          />
        </Section>
      ) : null}
      {result && "confirm" in result && result.confirm ? (
        <Section
          role="alert"
          headingId="confirm-time-heading"
          className="card border-warn space-y-2"
          size="lg"
          gap={0}
          title={
            <>
              Give {result.confirm.name}{" "}
              {result.confirm.factor === 1 ? "standard time" : `${result.confirm.factor}x time`} in this class?
            </>
          }
        >
          <p>It applies to this class&apos;s timed assignments only (not other classes, not their own practice):</p>
          <ul className="list-disc pl-6">
            {result.confirm.times.map((t) => (
              <li key={t}>{t}</li>
            ))}
          </ul>
          <Form method="post" className="flex flex-wrap gap-2">
            <input type="hidden" name="intent" value="accommodation" />
            <input type="hidden" name="userId" value={result.confirm.userId} />
            <input type="hidden" name="factor" value={result.confirm.factor} />
            <input type="hidden" name="confirmed" value="yes" />
            <Button>Yes, set it</Button>
            <Link to="." className="btn-secondary">
              Cancel
            </Link>
          </Form>
        </Section>
      ) : null}
      <Section headingId="invite-heading" title="Invite students" size="lg" gap={0} className="card space-y-2">
        <p>
          Join code: <span className="font-mono text-xl font-semibold">{klass.joinCode}</span>
        </p>
        <p className="break-all">
          Or share this link: <a href={joinUrl}>{joinUrl}</a>
        </p>
        {/* The confirmation step is a disclosure, so it works without JavaScript. */}
        <details>
          <summary className="cursor-pointer font-medium">Change the join code</summary>
          <div className="mt-2 space-y-2">
            <p>
              Use this if the code was shared too widely. Students already in the class stay; the current code and link
              stop working at once, and new students need the new code.
            </p>
            <Form method="post">
              <input type="hidden" name="intent" value="rotate-code" />
              <Button variant="secondary">Yes, change the code now</Button>
            </Form>
          </div>
        </details>
        <Section headingId="roster-form-heading" title="Invite by email" level={3} size="base" gap={2} className="pt-2">
          <p className="mb-3">
            Students who have an account are added at once and get a notice; the others get an email with a link to
            create their account and join. Up to {ROSTER_MAX_ROWS} students at a time.
          </p>
          <Form ref={rosterFormRef} method="post" encType="multipart/form-data" noValidate>
            <ErrorSummary
              message={rosterErrors?.formError || undefined}
              fieldErrors={rosterErrors?.fieldErrors}
              labels={{ roster: "Paste a roster", file: "Or upload a CSV file" }}
            />
            <input type="hidden" name="intent" value="invite-roster" />
            <TextareaField
              name="roster"
              label="Paste a roster"
              rows={6}
              maxLength={ROSTER_MAX_CHARS}
              className="font-mono"
              hint="One student per line: “Name, email” or just the email."
              defaultValue={rosterErrors?.values.roster}
              errors={rosterErrors?.fieldErrors.roster}
            />
            <TextField
              name="file"
              type="file"
              label="Or upload a CSV file"
              accept=".csv,text/csv,text/plain"
              hint="Columns name and email; a header row is optional."
              errors={rosterErrors?.fieldErrors.file}
            />
            <CheckboxField
              name="allowRemoved"
              id="allow-removed"
              label="Allow removed students back"
              hint="Unticked, students you removed from this class are listed but not added."
              defaultChecked={rosterErrors?.values.allowRemoved === "on"}
            />
            <Button className="mt-2">Invite students</Button>
          </Form>
        </Section>
        {invited.length ? (
          <Section
            headingId="pending-invitations-heading"
            title={`Pending invitations (${invited.length})`}
            level={3}
            size="base"
            gap={2}
            className="pt-2"
          >
            <ul className="space-y-2">
              {invited.map((i) => (
                <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 border-b border-line pb-2">
                  <span className="min-w-0">
                    {i.name ? <Truncate text={i.name} className="block" /> : null}
                    <Truncate text={i.email} className="block" />
                    <span className="block text-sm text-muted">
                      sent {i.sentOn} · link works until {i.expiresOn}
                    </span>
                  </span>
                  <span className="flex gap-2">
                    <Form method="post">
                      <input type="hidden" name="intent" value="resend-invitation" />
                      <input type="hidden" name="invitationId" value={i.id} />
                      <Button variant="secondary" aria-label={`Resend the invitation to ${i.email}`}>
                        Resend
                      </Button>
                    </Form>
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke-invitation" />
                      <input type="hidden" name="invitationId" value={i.id} />
                      <Button variant="secondary" aria-label={`Revoke the invitation to ${i.email}`}>
                        Revoke
                      </Button>
                    </Form>
                  </span>
                </li>
              ))}
            </ul>
          </Section>
        ) : null}
      </Section>
      <Section
        headingId="assignments-heading"
        title={`Assignments (${assignments.length})`}
        size="lg"
        gap={2}
        actions={
          <Link to={`/classes/${klass.id}/assignments/new`} className="btn-primary">
            New assignment
          </Link>
        }
      >
        {assignments.length ? (
          <ul className="space-y-2">
            {assignments.map((a) => (
              <li key={a.id} className="card flex flex-wrap items-center justify-between gap-2">
                <span>
                  <Link to={`/classes/${klass.id}/assignments/${a.id}`} className="font-semibold">
                    {a.title}
                  </Link>
                  <span className="block text-sm text-muted">
                    opens {a.opensAt} · due {a.dueAt}
                  </span>
                </span>
                <span>
                  {a.submitted} of {students.length} submitted
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p>No assignments yet.</p>
        )}
      </Section>
      <Section headingId="roster-heading" title={`Roster (${students.length})`} size="lg" gap={2}>
        {students.length ? (
          <DataTable
            regionLabelledBy="roster-heading"
            columns={[
              "Student",
              "Joined",
              "Last activity",
              "Mastery by domain (0–100)",
              "Assignments",
              "Exam time",
              <span key="actions" className="sr-only">
                Actions
              </span>,
            ]}
            rows={students}
            rowKey={(s) => s.id}
            cells={(s) => [
              <>
                <Truncate text={s.name} className="block max-w-56" />
                <Truncate text={s.email} className="block max-w-56 text-sm text-muted" />
              </>,
              s.joined,
              s.lastActive,
              <ul className="grid grid-cols-4 gap-x-3 text-sm">
                {s.mastery.map((d) => (
                  <li key={d.id} className="whitespace-nowrap">
                    <abbr title={d.name}>{d.id}</abbr> {d.mastery ?? "–"}
                  </li>
                ))}
              </ul>,
              statusSummary(s.assignments),
              <Form method="post" className="flex items-center gap-2">
                <input type="hidden" name="intent" value="accommodation" />
                <input type="hidden" name="userId" value={s.id} />
                <SelectField
                  wrapperClassName="contents"
                  labelClassName="sr-only"
                  id={`factor-${s.id}`}
                  name="factor"
                  label={`Exam time for ${s.name}`}
                  defaultValue={String(s.accommodationFactor)}
                  className="w-auto"
                  options={ACCOMMODATIONS.map((f) => ({
                    value: String(f),
                    label: f === 1 ? "Standard" : `${f}x time`,
                  }))}
                />
                <Button variant="secondary">Save</Button>
              </Form>,
              <Form method="post">
                <input type="hidden" name="intent" value="remove" />
                <input type="hidden" name="userId" value={s.id} />
                <Button variant="secondary" aria-label={`Remove ${s.name} from the class`}>
                  Remove
                </Button>
              </Form>,
            ]}
          />
        ) : (
          <p>No students yet. Share the code above.</p>
        )}
      </Section>
      {removed.length ? (
        <Section headingId="removed-heading" title={`Removed students (${removed.length})`} size="lg" gap={2}>
          <p className="mb-2">
            They cannot rejoin with the code unless you allow it; then they join again with the current code.
          </p>
          <ul className="space-y-2">
            {removed.map((r) => (
              <li key={r.id} className="card flex flex-wrap items-center justify-between gap-2">
                <span className="min-w-0">
                  <Truncate text={r.name} className="block" />
                  <span className="block text-sm text-muted">
                    <Truncate text={r.email} /> · removed {r.removedOn}
                  </span>
                </span>
                <Form method="post">
                  <input type="hidden" name="intent" value="allow-rejoin" />
                  <input type="hidden" name="userId" value={r.id} />
                  <Button variant="secondary" aria-label={`Allow ${r.name} to rejoin`}>
                    Allow to rejoin
                  </Button>
                </Form>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </div>
  );
}
