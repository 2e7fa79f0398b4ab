import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getContentIndex } from "~/content/index.server.ts";
import { completedLessonSlugs } from "~/models/lesson-completion.server.ts";
import { getUser } from "~/utils/auth.server.ts";
import { ProgressBar } from "~/components/progress-bar.tsx";
import { DomainChip } from "~/components/domain-chip.tsx";

export const meta: MetaFunction = () => [{ title: "Learn · Charted" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const index = getContentIndex();
  const done = user ? await completedLessonSlugs(user.id) : new Set<string>();
  return {
    signedIn: Boolean(user),
    domains: index.domains.map((d) => {
      const lessons = index.lessonsByDomain.get(d.id) ?? [];
      return {
        id: d.id,
        number: d.number,
        slug: d.slug,
        name: d.name,
        scoredItems: d.scoredItems,
        weight: d.weight,
        lessonCount: lessons.length,
        completed: lessons.filter((l) => done.has(l.slug)).length,
        minutes: lessons.reduce((n, l) => n + l.minutes, 0),
      };
    }),
  };
}

export default function LearnHome() {
  const { domains, signedIn } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1 className="page-title">Learn</h1>
      <p className="mb-6 max-w-2xl">
        The CMAA exam has seven domains. Each card shows how many of the exam&apos;s 110 scored questions come from that
        domain, so you can spend your evenings where the points are.
        {signedIn ? null : (
          <>
            {" "}
            <Link to="/login?redirectTo=/learn">Log in</Link> to track which lessons you have finished.
          </>
        )}
      </p>
      <ol className="grid gap-4 sm:grid-cols-2">
        {domains.map((d) => (
          <li key={d.id} data-domain={d.id} className="card flex flex-col border-t-4 border-t-(--domain)">
            <p className="mb-1 flex flex-wrap items-center gap-2 text-sm font-semibold text-muted">
              <DomainChip id={d.id} name={`Domain ${d.number}`} />
              {d.scoredItems} scored questions ({Math.round(d.weight * 100)}%)
            </p>
            <h2 className="mb-2 text-xl font-semibold">
              <Link to={`/learn/${d.slug}`}>{d.name}</Link>
            </h2>
            <p className="mb-3 text-muted">
              {d.lessonCount} lessons · about {d.minutes} minutes
            </p>
            {signedIn ? (
              <ProgressBar
                value={d.completed}
                max={d.lessonCount}
                label={`${d.completed} of ${d.lessonCount} lessons complete`}
              />
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
