import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getContentIndex, sortKey } from "~/content/index.server.ts";
import { glossaryQuery } from "~/content/params.ts";
import { Button, SelectField } from "~/components/form-controls.tsx";
import { SearchX } from "lucide-react";
import { EmptyState } from "~/components/empty-state.tsx";

export const meta: MetaFunction = () => [{ title: "Glossary · Charted" }];

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".split("");
const letterOf = (term: string) => {
  const first = sortKey(term).charAt(0).toUpperCase();
  return /[A-Z]/.test(first) ? first : "#";
};

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const query = glossaryQuery.parse(Object.fromEntries(url.searchParams));
  const index = getContentIndex();
  const inDomain = index.glossary.filter((g) => !query.domain || g.domain === query.domain);
  const counts = Object.fromEntries([...LETTERS, "#"].map((l) => [l, 0]));
  for (const g of inDomain) counts[letterOf(g.term)] += 1;
  const entries = inDomain
    .filter((g) => !query.letter || letterOf(g.term) === query.letter)
    .map((g) => ({
      slug: g.slug,
      term: g.term,
      definition: g.definition,
      category: g.category,
      letter: letterOf(g.term),
    }));
  return {
    letter: query.letter ?? null,
    domain: query.domain ?? null,
    domains: index.domains.map((d) => ({ id: d.id, name: d.name })),
    counts,
    total: index.glossary.length,
    entries,
  };
}

export default function GlossaryPage() {
  const { letter, domain, domains, counts, entries, total } = useLoaderData<typeof loader>();
  const groups = new Map<string, typeof entries>();
  for (const e of entries) (groups.get(e.letter) ?? groups.set(e.letter, []).get(e.letter)!).push(e);
  const linkFor = (l: string | null) => {
    const p = new URLSearchParams();
    if (l) p.set("letter", l);
    if (domain) p.set("domain", domain);
    const s = p.toString();
    return s ? `?${s}` : ".";
  };
  return (
    <div>
      <h1 className="page-title">Glossary</h1>
      <p className="mb-4">
        {total} terms from every exam domain: word parts, abbreviations, insurance, billing and legal terms. Looking for
        something specific? <Link to="/search">Search lessons and glossary</Link>.
      </p>
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-3">
        {letter ? <input type="hidden" name="letter" value={letter} /> : null}
        <SelectField
          wrapperClassName=""
          name="domain"
          label="Exam domain"
          defaultValue={domain ?? ""}
          options={[{ value: "", label: "All domains" }, ...domains.map((d) => ({ value: d.id, label: d.name }))]}
        />
        <Button variant="secondary">Show terms</Button>
      </Form>
      <nav aria-label="Glossary letters" className="mb-6">
        <ul className="flex flex-wrap gap-1">
          <li>
            <Link to={linkFor(null)} aria-current={letter ? undefined : "page"} className={letterClass(!letter)}>
              All
            </Link>
          </li>
          {[...LETTERS, "#"].map((l) => (
            <li key={l}>
              {counts[l] ? (
                <Link
                  to={linkFor(l)}
                  aria-current={letter === l ? "page" : undefined}
                  className={letterClass(letter === l)}
                >
                  <span aria-hidden="true">{l}</span>
                  <span className="sr-only">
                    {l === "#" ? "Symbols and numbers" : `Letter ${l}`}, {counts[l]} terms
                  </span>
                </Link>
              ) : (
                <span
                  className="inline-flex min-h-11 min-w-11 items-center justify-center text-muted"
                  aria-hidden="true"
                >
                  {l}
                </span>
              )}
            </li>
          ))}
        </ul>
      </nav>
      {entries.length === 0 ? (
        <EmptyState
          icon={SearchX}
          title="No terms match"
          action={
            <Link to="/glossary" className="btn-secondary">
              Show all terms
            </Link>
          }
        >
          Try another letter or domain.
        </EmptyState>
      ) : null}
      {[...groups].map(([l, list]) => (
        <section key={l} aria-labelledby={`letter-${l}`} className="mb-6">
          <h2 id={`letter-${l}`} className="mb-2 border-b border-line text-xl font-bold">
            {l}
          </h2>
          <dl className="space-y-3">
            {list.map((e) => (
              <div key={e.slug}>
                <dt className="font-semibold">
                  <Link to={`/glossary/${e.slug}`}>{e.term}</Link>
                </dt>
                <dd>{e.definition}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}

function letterClass(active: boolean) {
  return `inline-flex min-h-11 min-w-11 items-center justify-center rounded-md border font-semibold no-underline ${
    active ? "border-brand bg-brand-soft text-ink" : "border-line bg-surface"
  }`;
}
