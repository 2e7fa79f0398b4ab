// The learner's own reports and what the content editors did about each.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { myReports } from "~/reports/reports.server.ts";
import { STATUS_LABELS } from "~/reports/forms.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/dates.ts";
import { requestLocale } from "~/utils/locale.server.ts";
import { safeRedirect } from "~/utils/safe-redirect.ts";
import { Flag } from "lucide-react";
import { EmptyState } from "~/components/empty-state.tsx";

export const meta: MetaFunction = () => [{ title: "Your reports · Charted" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = requestLocale(request);
  const user = await requireUser(request);
  const url = new URL(request.url);
  const reports = await myReports(user.id);
  return {
    sent: url.searchParams.get("sent") === "1",
    returnTo: url.searchParams.has("returnTo") ? safeRedirect(url.searchParams.get("returnTo"), "/") : null,
    reports: reports.map((r) => ({
      id: r.id,
      target: r.target,
      message: r.message,
      source: r.source,
      status: r.status as keyof typeof STATUS_LABELS,
      reply: r.reply,
      sentOn: formatDate(r.createdAt, user.timeZone, "date", locale),
      answeredOn: r.resolvedAt ? formatDate(r.resolvedAt, user.timeZone, "date", locale) : null,
    })),
  };
}

export default function YourReports() {
  const { sent, returnTo, reports } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="page-title">Your reports</h1>
      {sent ? (
        <div role="status" className="rounded-md border border-success bg-success-soft p-3">
          <p className="font-medium text-success">Thank you: your report is in the content editors' queue.</p>
          {returnTo ? (
            <p>
              <Link to={returnTo}>Back to where you were</Link>
            </p>
          ) : null}
        </div>
      ) : null}
      {reports.length === 0 ? (
        <EmptyState
          icon={Flag}
          title="No reports yet"
          action={
            <Link to="/learn" className="btn-secondary">
              Go to lessons
            </Link>
          }
        >
          Spot a mistake? Every question, card, lesson and glossary term has a Report a problem link; your reports and
          our replies appear here.
        </EmptyState>
      ) : (
        <ul className="space-y-3">
          {reports.map((r) => (
            <li key={r.id} className="card space-y-1">
              <p className="font-semibold">
                {r.target.href ? <Link to={r.target.href}>{r.target.label}</Link> : r.target.label}
              </p>
              <p className="text-sm text-muted">
                Sent {r.sentOn} · <span className="font-medium text-ink">{STATUS_LABELS[r.status]}</span>
                {r.answeredOn ? ` on ${r.answeredOn}` : null}
              </p>
              <p className="whitespace-pre-line">{r.message}</p>
              {r.source ? <p className="text-sm">Source: {r.source}</p> : null}
              {r.reply ? (
                <p className="rounded-md border border-line bg-raised p-2">
                  <span className="font-semibold">Editor's reply: </span>
                  {r.reply}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
