// The admin area's account list: search by name or email, filter by role and status, newest
// accounts first, a page at a time. Each name opens the account's page.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { userSearchSchema } from "~/admin/forms.ts";
import { findUsers, USERS_PAGE_SIZE } from "~/admin/users.server.ts";
import { Button, ErrorSummary, SelectField, TextField } from "~/components/form-controls.tsx";
import { Truncate } from "~/components/truncate.tsx";
import { DataTable } from "~/components/data-table.tsx";
import { requireRole } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/dates.ts";
import { requestLocale } from "~/utils/locale.server.ts";
import { parseFormData } from "~/utils/forms.server.ts";
import { ROLES } from "~/utils/roles.ts";

export const meta: MetaFunction = () => [{ title: "Users · Admin · Charted" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = requestLocale(request);
  const admin = await requireRole(request, "admin");
  const query = new FormData();
  for (const [key, value] of new URL(request.url).searchParams) query.append(key, value);
  const parsed = parseFormData(query, userSearchSchema);
  if (!parsed.ok) {
    // A hand-edited address: say what is wrong and list nothing rather than guess.
    return { search: parsed.values, errors: parsed.fieldErrors, total: 0, page: 1, pages: 1, users: [] };
  }
  const { page, ...filter } = parsed.data;
  const found = await findUsers(filter, page);
  return {
    search: { q: filter.q ?? "", role: filter.role ?? "", status: filter.status ?? "" } as Record<string, string>,
    errors: null,
    total: found.total,
    page,
    pages: Math.max(1, Math.ceil(found.total / USERS_PAGE_SIZE)),
    users: found.rows.map((u) => ({
      id: u.id,
      name: u.name,
      email: u.email,
      role: u.role,
      disabled: u.disabledAt !== null,
      created: formatDate(u.createdAt, admin.timeZone, "date", locale),
      lastSeen: u.lastSeenAt ? formatDate(u.lastSeenAt, admin.timeZone, "dateTime", locale) : "Never",
    })),
  };
}

const LABELS = { q: "Name or email", role: "Role", status: "Status" };

export default function AdminUsers() {
  const { search, errors, total, page, pages, users } = useLoaderData<typeof loader>();
  const pageLink = (to: number) => {
    const params = new URLSearchParams();
    for (const key of ["q", "role", "status"]) if (search[key]) params.set(key, search[key]);
    params.set("page", String(to));
    return `?${params}`;
  };
  return (
    <div className="space-y-4">
      <h1 className="page-title">Users</h1>
      <Form method="get" role="search" aria-label="Find accounts" className="card flex flex-wrap items-end gap-4">
        <ErrorSummary fieldErrors={errors ?? undefined} labels={LABELS} className="w-full" />
        <TextField
          name="q"
          label={LABELS.q}
          type="search"
          maxLength={100}
          defaultValue={search.q ?? ""}
          errors={errors?.q}
          wrapperClassName="min-w-64 grow"
        />
        <SelectField
          name="role"
          label={LABELS.role}
          defaultValue={search.role ?? ""}
          errors={errors?.role}
          wrapperClassName=""
          options={[
            { value: "", label: "Any role" },
            ...ROLES.map((r) => ({ value: r, label: r[0].toUpperCase() + r.slice(1) })),
          ]}
        />
        <SelectField
          name="status"
          label={LABELS.status}
          defaultValue={search.status ?? ""}
          errors={errors?.status}
          wrapperClassName=""
          options={[
            { value: "", label: "Any status" },
            { value: "active", label: "Active" },
            { value: "disabled", label: "Disabled" },
          ]}
        />
        <Button>Search</Button>
      </Form>
      {errors ? null : (
        <p>
          {total === 0
            ? "No accounts match."
            : `${total} account${total === 1 ? "" : "s"}${pages > 1 ? `, page ${page} of ${pages}` : ""}.`}
        </p>
      )}
      {users.length ? (
        <DataTable
          caption="Accounts"
          columns={["Name", "Email", "Role", "Status", "Created", "Last seen"]}
          rows={users}
          rowKey={(u) => u.id}
          cells={(u) => [
            <Link key="name" to={`/admin/users/${u.id}`} className="inline-block max-w-48">
              <Truncate text={u.name} inControl />
            </Link>,
            <Truncate key="email" text={u.email} className="max-w-56" />,
            <span key="role" className="capitalize">
              {u.role}
            </span>,
            u.disabled ? <strong key="status">Disabled</strong> : "Active",
            u.created,
            u.lastSeen,
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
