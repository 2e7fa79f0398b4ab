// The audit log: every administrative action (admin area and server shell), newest first, in the
// reader's time zone, filtered by any text in who, what, to whom or the details.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { describeAction, describeDetail } from "~/admin/audit-wording.ts";
import { auditSearchSchema } from "~/admin/forms.ts";
import { Button, ErrorSummary, TextField } from "~/components/form-controls.tsx";
import { DataTable } from "~/components/data-table.tsx";
import { accountsExisting } from "~/models/admin-user.server.ts";
import { listAudit } from "~/models/audit.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/dates.ts";
import { requestLocale } from "~/utils/locale.server.ts";
import { parseFormData } from "~/utils/forms.server.ts";

export const meta: MetaFunction = () => [{ title: "Audit log · Admin · Charted" }];

const AUDIT_PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = requestLocale(request);
  const viewer = await requireRole(request, "admin");
  const query = new FormData();
  for (const [key, value] of new URL(request.url).searchParams) query.append(key, value);
  const parsed = parseFormData(query, auditSearchSchema);
  if (!parsed.ok)
    return { q: parsed.values.q ?? "", errors: parsed.fieldErrors, total: 0, page: 1, pages: 1, entries: [] };
  const { q, page } = parsed.data;
  const log = await listAudit({ page, pageSize: AUDIT_PAGE_SIZE, query: q });
  // Targets whose account is gone (deleted since) are named but not linked.
  const linkable = await accountsExisting(log.rows.flatMap((e) => (e.targetId ? [e.targetId] : [])));
  return {
    q: q ?? "",
    errors: null,
    total: log.total,
    page,
    pages: Math.max(1, Math.ceil(log.total / AUDIT_PAGE_SIZE)),
    entries: log.rows.map((e) => ({
      id: e.id,
      when: formatDate(e.createdAt, viewer.timeZone, "dateTime", locale),
      who: e.actorLabel,
      what: describeAction(e.action),
      target: e.targetLabel,
      targetId: e.targetId && linkable.has(e.targetId) ? e.targetId : null,
      detail: describeDetail(e.action, e.detail),
    })),
  };
}

export default function AuditLog() {
  const { q, errors, total, page, pages, entries } = useLoaderData<typeof loader>();
  const pageLink = (to: number) => `?${new URLSearchParams({ ...(q ? { q } : {}), page: String(to) })}`;
  return (
    <div className="space-y-4">
      <h1 className="page-title">Audit log</h1>
      <p>
        Every administrative action, taken in this area or at the server&rsquo;s shell (shown as &ldquo;server
        shell&rdquo;), newest first. Times are in your time zone.
      </p>
      <Form
        method="get"
        role="search"
        aria-label="Filter the audit log"
        className="card flex flex-wrap items-end gap-4"
      >
        <ErrorSummary fieldErrors={errors ?? undefined} labels={{ q: "Filter by text" }} className="w-full" />
        <TextField
          name="q"
          label="Filter by text"
          type="search"
          maxLength={100}
          defaultValue={q}
          hint="An email address, a role, or a word of the action."
          errors={errors?.q}
          wrapperClassName="min-w-64 grow"
        />
        <Button className="mb-4">Filter</Button>
      </Form>
      {errors ? null : (
        <p>
          {total === 0
            ? q
              ? "No entries match."
              : "Nothing has been recorded yet."
            : `${total} entr${total === 1 ? "y" : "ies"}${pages > 1 ? `, page ${page} of ${pages}` : ""}.`}
        </p>
      )}
      {entries.length ? (
        <DataTable
          caption="Audit log entries, newest first"
          columns={["When", "Who", "What", "To whom", "Details"]}
          rows={entries}
          rowKey={(e) => e.id}
          cells={(e) => [
            e.when,
            e.who,
            e.what,
            e.targetId ? (
              <Link key="target" to={`/admin/users/${e.targetId}`}>
                {e.target}
              </Link>
            ) : (
              (e.target ?? "")
            ),
            e.detail,
          ]}
        />
      ) : null}
      {pages > 1 ? (
        <nav aria-label="Pages" className="flex gap-4">
          {page > 1 ? <Link to={pageLink(page - 1)}>Previous page</Link> : null}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages ? <Link to={pageLink(page + 1)}>Next page</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
