import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { reviewStats } from "~/review/review.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { DataTable } from "~/components/data-table.tsx";
import { Section } from "~/components/section.tsx";
import { useDates } from "~/components/use-dates.ts";

export const meta: MetaFunction = () => [{ title: "Statistics · Review · Charted" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return reviewStats(user.id);
}

export default function ReviewStats() {
  const stats = useLoaderData<typeof loader>();
  const dates = useDates();
  const max = Math.max(1, ...stats.forecast.map((f) => f.count));
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link to="/review">Review</Link> <span aria-hidden="true">›</span> Statistics
      </nav>
      <h1 className="page-title">Review statistics</h1>
      <Section headingId="state-heading" title="Cards by state" gap={2} className="card">
        <DataTable
          className="w-full max-w-md text-left"
          scroll={false}
          dense
          lastRowRule={false}
          rows={[
            ...stats.byState.map((s) => [s.name, s.count] as const),
            ["Suspended", stats.suspended] as const,
            ["Not started yet", stats.notStarted] as const,
          ]}
          rowKey={([name]) => name}
          cells={(row) => [...row]}
        />
      </Section>
      <Section headingId="forecast-heading" title="Reviews due, next 30 days" gap={2} className="card">
        <DataTable
          className="w-full text-left text-sm"
          dense
          columns={[
            "Day",
            "Due",
            { header: <span className="sr-only">Bar</span>, className: "w-2/3", decorative: true },
          ]}
          rows={stats.forecast}
          rowKey={(f) => f.day}
          cells={(f, i) => [
            i === 0 ? "Today" : dates.day(f.day, "date"),
            f.count,
            <div className="h-2 rounded-full bg-brand" style={{ width: `${(f.count / max) * 100}%` }} />,
          ]}
        />
      </Section>
      <Section headingId="retention-heading" title="True retention by week" gap={2} className="card">
        <p className="mb-2 text-sm">
          Share of review-stage cards you recalled (rated Hard, Good or Easy). Your target is{" "}
          {Math.round(stats.desiredRetention * 100)}%.
        </p>
        {stats.retention.length ? (
          <DataTable
            className="w-full max-w-md text-left"
            scroll={false}
            dense
            columns={["Week of", "Reviews", "Retention"]}
            rows={stats.retention}
            rowKey={(w) => w.week}
            cells={(w) => [dates.day(w.week, "date"), w.reviews, `${w.percent}%`]}
          />
        ) : (
          <p>No reviews of mature cards yet: retention appears once cards reach the review stage.</p>
        )}
      </Section>
    </div>
  );
}
