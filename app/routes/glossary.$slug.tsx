import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { HearIt } from "~/components/hear-it.tsx";
import { ReportLink } from "~/components/report-link.tsx";
import { getContentIndex } from "~/content/index.server.ts";
import { slugParam } from "~/content/params.ts";
import { Section } from "~/components/section.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.entry.term ?? "Term"} · Glossary · Charted` },
];

const CATEGORY_LABELS: Record<string, string> = {
  root: "Word root",
  prefix: "Prefix",
  suffix: "Suffix",
  abbreviation: "Abbreviation",
  "do-not-use": "Do Not Use abbreviation (Joint Commission)",
  "care-setting": "Care setting",
};

export async function loader({ params }: LoaderFunctionArgs) {
  const index = getContentIndex();
  const slug = slugParam.safeParse(params.slug);
  const entry = slug.success ? index.glossaryBySlug.get(slug.data) : undefined;
  if (!entry) throw new Response("That term is not in the glossary yet.", { status: 404 });
  const domain = index.domains.find((d) => d.id === entry.domain)!;
  const lessons = [...index.lessons.values()]
    .filter((l) => l.keyTerms.some((t) => t.slug === entry.slug))
    .map((l) => ({ title: l.title, url: `/learn/${l.domainSlug}/${l.slug}` }));
  return {
    entry,
    category: CATEGORY_LABELS[entry.category] ?? entry.category.charAt(0).toUpperCase() + entry.category.slice(1),
    domain: { name: domain.name, slug: domain.slug },
    seeAlso: (entry.seeAlso ?? []).flatMap((s) => {
      const other = index.glossaryBySlug.get(s);
      return other ? [{ slug: other.slug, term: other.term }] : [];
    }),
    lessons,
  };
}

export default function GlossaryEntryPage() {
  const { entry, category, domain, seeAlso, lessons } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-2xl">
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link to="/glossary">Glossary</Link>
      </nav>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="page-title">{entry.term}</h1>
        <HearIt term={entry.term} />
      </div>
      <p className="mb-4 text-sm text-muted">
        {category} · <Link to={`/learn/${domain.slug}`}>{domain.name}</Link>
      </p>
      <div className="card space-y-3">
        <p className="text-lg">{entry.definition}</p>
        {entry.example ? (
          <p>
            <span className="font-semibold">Example: </span>
            {entry.example}
          </p>
        ) : null}
      </div>
      <p className="mt-3">
        <ReportLink kind="glossary" id={entry.slug} />
      </p>
      {seeAlso.length ? (
        <Section headingId="see-also" title="See also" size="base" gap={2} className="mt-6">
          <ul className="flex flex-wrap gap-2">
            {seeAlso.map((s) => (
              <li key={s.slug}>
                <Link to={`/glossary/${s.slug}`} className="inline-block rounded-full border border-line px-3 py-1">
                  {s.term}
                </Link>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      {lessons.length ? (
        <Section headingId="in-lessons" title="Lessons that use this term" size="base" gap={2} className="mt-6">
          <ul className="list-disc pl-6">
            {lessons.map((l) => (
              <li key={l.url}>
                <Link to={l.url}>{l.title}</Link>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </div>
  );
}
