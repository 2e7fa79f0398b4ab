import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getContentIndex } from "~/content/index.server.ts";
import { completedLessonSlugs } from "~/models/lesson-completion.server.ts";
import { getUser } from "~/utils/auth.server.ts";
import { DomainChip } from "~/components/domain-chip.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.domain.name ?? "Domain"} · Learn · Charted` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const index = getContentIndex();
  const domain = index.domains.find((d) => d.slug === params.domain);
  if (!domain) throw new Response("There is no exam domain with that name.", { status: 404 });
  const user = await getUser(request);
  const done = user ? await completedLessonSlugs(user.id) : new Set<string>();
  const lessons = index.lessonsByDomain.get(domain.id) ?? [];
  return {
    signedIn: Boolean(user),
    domain: {
      id: domain.id,
      number: domain.number,
      name: domain.name,
      slug: domain.slug,
      scoredItems: domain.scoredItems,
    },
    knowledgeAreas: domain.knowledgeAreas
      .filter((k) => !k.retired)
      .map((k) => ({
        ...k,
        lessons: lessons.filter((l) => l.knowledgeAreas.includes(k.id)).map((l) => ({ slug: l.slug, title: l.title })),
      })),
    lessons: lessons.map((l) => ({ ...l, complete: done.has(l.slug) })),
  };
}

export default function DomainPage() {
  const { domain, lessons, knowledgeAreas, signedIn } = useLoaderData<typeof loader>();
  return (
    <div>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link to="/learn">Learn</Link> <span aria-hidden="true">›</span> Domain {domain.number}
      </nav>
      <p className="mb-2">
        <DomainChip id={domain.id} name={`Domain ${domain.number}`} />
      </p>
      <h1 className="page-title">{domain.name}</h1>
      <p className="mb-6">{domain.scoredItems} of the exam&apos;s 110 scored questions come from this domain.</p>
      <h2 className="mb-3 text-xl font-semibold">Lessons</h2>
      {lessons.length === 0 ? (
        <p className="mb-8 card">
          Lessons for this domain are being written. Meanwhile, the outline below shows what the exam expects, and the{" "}
          <Link to="/glossary">glossary</Link> covers its key terms.
        </p>
      ) : null}
      <ol className="mb-8 space-y-3">
        {lessons.map((l, i) => (
          <li key={l.slug} className="card flex items-start gap-3">
            <span className="mt-0.5 font-semibold text-muted" aria-hidden="true">
              {i + 1}.
            </span>
            <div className="flex-1">
              <Link to={l.slug} className="text-lg font-semibold">
                {l.title}
              </Link>
              <p className="text-sm text-muted">About {l.minutes} minutes</p>
            </div>
            {signedIn ? (
              l.complete ? (
                <span className="rounded-full bg-success-soft px-3 py-1 text-sm font-semibold text-success">
                  <span aria-hidden="true">✓ </span>Complete
                </span>
              ) : (
                <span className="rounded-full bg-raised px-3 py-1 text-sm text-muted">Not started</span>
              )
            ) : null}
          </li>
        ))}
      </ol>
      <h2 className="mb-3 text-xl font-semibold">What the exam expects you to know</h2>
      <ul className="space-y-3">
        {knowledgeAreas.map((k) => (
          <li key={k.id} className="card">
            <h3 className="font-semibold">
              <span className="text-muted">{k.id}</span> {k.title}
            </h3>
            <p className="mb-1">{k.description}</p>
            {k.lessons.length ? (
              <p className="text-sm">
                Covered in:{" "}
                {k.lessons.map((l, i) => (
                  <span key={l.slug}>
                    {i ? ", " : ""}
                    <Link to={l.slug}>{l.title}</Link>
                  </span>
                ))}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
