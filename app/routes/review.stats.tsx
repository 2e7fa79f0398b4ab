import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { reviewStats } from "~/review/review.server.ts";
import { requireUser } from "~/utils/auth.server.ts";

export const meta: MetaFunction = () => [{ title: "Statistics · Review · Charted" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return reviewStats(user.id);
}

export default function ReviewStats() {
  const stats = useLoaderData<typeof loader>();
  const max = Math.max(1, ...stats.forecast.map((f) => f.count));
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link to="/review">Review</Link> <span aria-hidden="true">›</span> Statistics
      </nav>
      <h1 className="page-title">Review statistics</h1>
      <section aria-labelledby="state-heading" className="card">
        <h2 id="state-heading" className="mb-2 text-xl font-semibold">
          Cards by state
        </h2>
        <table className="w-full max-w-md text-left">
          <tbody>
            {stats.byState.map((s) => (
              <tr key={s.name} className="border-b border-line">
                <th scope="row" className="py-1 pr-4 font-normal">
                  {s.name}
                </th>
                <td className="py-1">{s.count}</td>
              </tr>
            ))}
            <tr className="border-b border-line">
              <th scope="row" className="py-1 pr-4 font-normal">
                Suspended
              </th>
              <td className="py-1">{stats.suspended}</td>
            </tr>
            <tr>
              <th scope="row" className="py-1 pr-4 font-normal">
                Not started yet
              </th>
              <td className="py-1">{stats.notStarted}</td>
            </tr>
          </tbody>
        </table>
      </section>
      <section aria-labelledby="forecast-heading" className="card">
        <h2 id="forecast-heading" className="mb-2 text-xl font-semibold">
          Reviews due, next 30 days
        </h2>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-line">
                <th scope="col" className="py-1 pr-4">
                  Day
                </th>
                <th scope="col" className="py-1 pr-4">
                  Due
                </th>
                <th scope="col" className="py-1 w-2/3">
                  <span className="sr-only">Bar</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {stats.forecast.map((f, i) => (
                <tr key={f.day} className="border-b border-line">
                  <th scope="row" className="py-1 pr-4 font-normal">
                    {i === 0 ? "Today" : f.day}
                  </th>
                  <td className="py-1 pr-4">{f.count}</td>
                  <td className="py-1" aria-hidden="true">
                    <div className="h-2 rounded-full bg-brand" style={{ width: `${(f.count / max) * 100}%` }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="retention-heading" className="card">
        <h2 id="retention-heading" className="mb-2 text-xl font-semibold">
          True retention by week
        </h2>
        <p className="mb-2 text-sm">
          Share of review-stage cards you recalled (rated Hard, Good or Easy). Your target is{" "}
          {Math.round(stats.desiredRetention * 100)}%.
        </p>
        {stats.retention.length ? (
          <table className="w-full max-w-md text-left">
            <thead>
              <tr className="border-b border-line">
                <th scope="col" className="py-1 pr-4">
                  Week of
                </th>
                <th scope="col" className="py-1 pr-4">
                  Reviews
                </th>
                <th scope="col" className="py-1">
                  Retention
                </th>
              </tr>
            </thead>
            <tbody>
              {stats.retention.map((w) => (
                <tr key={w.week} className="border-b border-line">
                  <th scope="row" className="py-1 pr-4 font-normal">
                    {w.week}
                  </th>
                  <td className="py-1 pr-4">{w.reviews}</td>
                  <td className="py-1">{w.percent}%</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>No reviews of mature cards yet: retention appears once cards reach the review stage.</p>
        )}
      </section>
    </div>
  );
}
