import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { getContentIndex } from "~/content/index.server.ts";
import { searchQuery } from "~/content/params.ts";
import { Button, SelectField, TextField } from "~/components/form-controls.tsx";
import { SearchX } from "lucide-react";
import { DomainChip } from "~/components/domain-chip.tsx";
import { EmptyState } from "~/components/empty-state.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.q ? `“${data.q}” · Search · Charted` : "Search · Charted" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const parsed = searchQuery.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) return { q: "", kind: "all" as const, hits: [], error: parsed.error.issues[0].message };
  const { q, kind } = parsed.data;
  const index = getContentIndex();
  const hits = q ? index.search(q, { kind: kind === "all" ? undefined : kind, limit: 30 }) : [];
  const domainNames = Object.fromEntries(index.domains.map((d) => [d.id, d.name]));
  return { q, kind, hits: hits.map((h) => ({ ...h, domainName: domainNames[h.domainId] })), error: null };
}

export default function SearchPage() {
  const { q, kind, hits, error } = useLoaderData<typeof loader>();
  const searching = useNavigation().location?.pathname === "/search";
  return (
    <div className="max-w-3xl">
      <h1 className="page-title">Search</h1>
      <Form method="get" role="search" className="mb-6 flex flex-wrap items-end gap-3">
        <TextField
          wrapperClassName="min-w-0 flex-1"
          name="q"
          label="Search lessons and glossary"
          type="search"
          defaultValue={q}
          maxLength={200}
          placeholder="e.g. minimum necessary, -itis, wave scheduling"
          errors={error ? [error] : undefined}
        />
        <SelectField
          wrapperClassName=""
          name="kind"
          label="Show"
          defaultValue={kind}
          options={[
            { value: "all", label: "Lessons and terms" },
            { value: "lesson", label: "Lessons only" },
            { value: "term", label: "Glossary terms only" },
          ]}
        />
        <Button>Search</Button>
      </Form>
      <div aria-live="polite" aria-busy={searching}>
        {q && hits.length === 0 ? (
          <EmptyState
            icon={SearchX}
            title={`No results for “${q}”`}
            action={
              <>
                <Link to="/glossary" className="btn-secondary">
                  Browse the glossary
                </Link>
                <Link to="/learn" className="btn-secondary">
                  Browse lessons
                </Link>
              </>
            }
          >
            Try fewer or different words, or browse instead.
          </EmptyState>
        ) : q ? (
          <p className="mb-4 text-muted">{`${hits.length} result${hits.length === 1 ? "" : "s"} for “${q}”`}</p>
        ) : null}
        <ol className="space-y-4">
          {hits.map((hit) => (
            <li key={hit.id} className="card">
              <p className="mb-1 flex flex-wrap items-center gap-2 text-sm text-muted">
                {hit.kind === "lesson" ? "Lesson" : "Glossary term"}
                <DomainChip id={hit.domainId} name={hit.domainName} />
              </p>
              <h2 className="text-lg font-semibold">
                <Link to={hit.url}>
                  {hit.titleParts.map((part, i) =>
                    part.mark ? (
                      <mark key={i} className="rounded bg-warn-soft px-0.5 text-ink">
                        {part.text}
                      </mark>
                    ) : (
                      <span key={i}>{part.text}</span>
                    ),
                  )}
                </Link>
              </h2>
              <p>
                {hit.snippet.map((part, i) =>
                  part.mark ? (
                    <mark key={i} className="rounded bg-warn-soft px-0.5 text-ink">
                      {part.text}
                    </mark>
                  ) : (
                    <span key={i}>{part.text}</span>
                  ),
                )}
              </p>
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}
