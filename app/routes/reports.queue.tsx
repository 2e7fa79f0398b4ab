// The content editors' queue (admins): reports by status, oldest first, each answered with a
// status and a reply the reporter sees.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, ErrorSummary, SelectField, TextareaField } from "~/components/form-controls.tsx";
import { REPORT_STATUSES } from "~/models/content-report-kinds.ts";
import { queueQuerySchema, resolveFormSchema, STATUS_LABELS } from "~/reports/forms.ts";
import { answerReport, QUEUE_PAGE_SIZE, reportQueue } from "~/reports/reports.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/dates.ts";
import { requestLocale } from "~/utils/locale.server.ts";
import { parseFormData } from "~/utils/forms.server.ts";
import { orNotFound } from "~/utils/http.server.ts";

export const meta: MetaFunction = () => [{ title: "Content reports · Charted" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = requestLocale(request);
  const user = await requireRole(request, "admin");
  const query = queueQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const queue = await reportQueue(query.status, query.page);
  return {
    status: query.status,
    page: query.page,
    pages: Math.max(1, Math.ceil(queue.total / QUEUE_PAGE_SIZE)),
    counts: queue.counts,
    reports: queue.reports.map((r) => ({
      id: r.id,
      target: r.target,
      message: r.message,
      source: r.source,
      status: r.status,
      reply: r.reply,
      reporter: r.reporter.name,
      sentOn: formatDate(r.createdAt, user.timeZone, "dateTime", locale),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "admin");
  const formData = await request.formData();
  const parsed = parseFormData(formData, resolveFormSchema);
  if (!parsed.ok) return data({ ...parsed, reportId: String(formData.get("reportId") ?? "") }, { status: 400 });
  orNotFound(await answerReport(user.id, parsed.data));
  const { status } = queueQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return redirect(`/reports/queue?${new URLSearchParams({ status })}`);
}

const LABELS = { status: "Status", reply: "Reply to the reporter" };

export default function ReportQueue() {
  const { status, page, pages, counts, reports } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <h1 className="page-title">Content reports</h1>
      <nav aria-label="Report status">
        <ul className="flex flex-wrap gap-2">
          {REPORT_STATUSES.map((s) => (
            <li key={s}>
              <Link
                to={`?status=${s}`}
                aria-current={s === status ? "page" : undefined}
                className={`inline-block rounded-full border px-3 py-1 no-underline ${s === status ? "border-brand bg-brand-soft" : "border-line"}`}
              >
                {STATUS_LABELS[s]} ({counts[s] ?? 0})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {reports.length === 0 ? <p>No {STATUS_LABELS[status].toLowerCase()} reports.</p> : null}
      <ol className="space-y-4">
        {reports.map((r) => {
          const errors = failed && failed.reportId === r.id ? failed : undefined;
          return (
            <li key={r.id} className="card space-y-2">
              <h2 className="font-semibold">
                {r.target.href ? <Link to={r.target.href}>{r.target.label}</Link> : r.target.label}
              </h2>
              <p className="text-sm text-muted">
                From {r.reporter}, {r.sentOn}
              </p>
              <p className="whitespace-pre-line">{r.message}</p>
              {r.source ? <p className="text-sm">Source: {r.source}</p> : null}
              <Form method="post" className="space-y-2" aria-label={`Answer the report on ${r.target.label}`}>
                <ErrorSummary
                  message={errors?.formError}
                  fieldErrors={errors?.fieldErrors}
                  labels={LABELS}
                  ids={{ status: `status-${r.id}`, reply: `reply-${r.id}` }}
                />
                <input type="hidden" name="reportId" value={r.id} />
                <SelectField
                  id={`status-${r.id}`}
                  name="status"
                  label={LABELS.status}
                  defaultValue={r.status}
                  options={REPORT_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
                  errors={errors?.fieldErrors.status}
                />
                <TextareaField
                  id={`reply-${r.id}`}
                  name="reply"
                  label={LABELS.reply}
                  rows={3}
                  maxLength={2000}
                  defaultValue={r.reply ?? ""}
                  errors={errors?.fieldErrors.reply}
                />
                <Button>Save answer</Button>
              </Form>
            </li>
          );
        })}
      </ol>
      {pages > 1 ? (
        <nav aria-label="Pages" className="flex gap-4">
          {page > 1 ? <Link to={`?status=${status}&page=${page - 1}`}>Previous page</Link> : null}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages ? <Link to={`?status=${status}&page=${page + 1}`}>Next page</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
