import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { getContentIndex } from "~/content/index.server.ts";
import { slugParam } from "~/content/params.ts";
import { isLessonComplete, markLessonComplete, markLessonIncomplete } from "~/models/lesson-completion.server.ts";
import { getUser, requireUser } from "~/utils/auth.server.ts";
import { Button, SelectField } from "~/components/form-controls.tsx";
import { Section } from "~/components/section.tsx";
import { DomainChip } from "~/components/domain-chip.tsx";
import type { PageCacheHandle } from "~/utils/page-cache.server.ts";

// A pure function of its loader data: revalidated with an ETag, the rendered page kept in memory.
export const handle: PageCacheHandle = { pageCache: "revalidate" };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.lesson.title ?? "Lesson"} · Charted` },
];

function findLesson(params: LoaderFunctionArgs["params"]) {
  const slug = slugParam.safeParse(params.slug);
  const lesson = slug.success ? getContentIndex().lessons.get(slug.data) : undefined;
  if (!lesson || lesson.domainSlug !== params.domain)
    throw new Response("We could not find that lesson.", { status: 404 });
  return lesson;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lesson = findLesson(params);
  const user = await getUser(request);
  const domain = getContentIndex().domains.find((d) => d.id === lesson.domainId)!;
  return {
    lesson,
    domain: { id: domain.id, name: domain.name, number: domain.number, slug: domain.slug },
    knowledgeAreas: domain.knowledgeAreas
      .filter((k) => lesson.knowledgeAreas.includes(k.id))
      .map((k) => ({ id: k.id, title: k.title })),
    signedIn: Boolean(user),
    complete: user ? await isLessonComplete(user.id, lesson.slug) : false,
  };
}

const completionForm = z.object({ intent: z.enum(["complete", "incomplete"]) });

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const lesson = findLesson(params);
  const form = completionForm.safeParse(Object.fromEntries(await request.formData()));
  if (!form.success) return data({ error: "Choose whether to mark the lesson complete or not." }, { status: 400 });
  if (form.data.intent === "complete") await markLessonComplete(user.id, lesson.slug);
  else await markLessonIncomplete(user.id, lesson.slug);
  return { ok: true };
}

export default function LessonPage() {
  const { lesson, domain, knowledgeAreas, signedIn, complete } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const pending = navigation.formData?.get("intent");
  const showComplete = pending ? pending === "complete" : complete;
  return (
    <article className="lg:grid lg:grid-cols-[minmax(0,1fr)_16rem] lg:gap-8">
      <div>
        <nav aria-label="Breadcrumb" className="mb-2 text-sm">
          <Link to="/learn">Learn</Link> <span aria-hidden="true">›</span>{" "}
          <Link to={`/learn/${domain.slug}`}>{domain.name}</Link>
        </nav>
        <p className="mb-2">
          <DomainChip id={domain.id} name={domain.name} />
        </p>
        <h1 className="page-title">{lesson.title}</h1>
        <p className="mb-4 text-muted">
          {lesson.readingMinutes} min read · {lesson.wordCount.toLocaleString("en-US")} words ·{" "}
          {knowledgeAreas.map((k) => k.id).join(", ")}
        </p>
        <Section
          headingId="objectives-heading"
          title="By the end of this lesson you will be able to"
          size="base"
          gap={2}
          className="mb-6 rounded-lg border border-line bg-brand-soft p-4"
        >
          <ul className="list-disc space-y-1 pl-6">
            {lesson.objectives.map((o) => (
              <li key={o}>{o}</li>
            ))}
          </ul>
        </Section>
        {lesson.headings.length ? (
          <details className="mb-6 rounded-lg border border-line bg-surface p-4 lg:hidden">
            <summary className="cursor-pointer font-semibold">On this page</summary>
            <Toc headings={lesson.headings} />
          </details>
        ) : null}
        {/* HTML from our own renderer: raw HTML in lessons is escaped (markdown.server.ts). */}
        <div className="lesson-body" dangerouslySetInnerHTML={{ __html: lesson.html }} />
        <Section
          headingId="references-heading"
          title="References"
          size="lg"
          gap={2}
          className="mt-8 border-t border-line pt-4"
        >
          <ul className="list-disc space-y-1 pl-6 text-sm">
            {lesson.references.map((r) => (
              <li key={`${r.title}${r.url ?? ""}`}>
                {r.publisher}.{" "}
                {r.url ? (
                  <a href={r.url} rel="noopener noreferrer external">
                    {r.title}
                  </a>
                ) : (
                  r.title
                )}
              </li>
            ))}
          </ul>
        </Section>
        <Form method="get" action="/reports/new" className="mt-6 flex flex-wrap items-end gap-3 text-sm">
          <input type="hidden" name="kind" value="lesson" />
          <input type="hidden" name="id" value={lesson.slug} />
          <input type="hidden" name="returnTo" value={`/learn/${domain.slug}/${lesson.slug}`} />
          <SelectField
            name="section"
            label="Found a mistake? Which part of the lesson"
            wrapperClassName=""
            options={[
              { value: "", label: "The whole lesson" },
              ...lesson.headings.map((h) => ({ value: h.id, label: h.text })),
            ]}
          />
          <Button variant="secondary">Report a problem</Button>
        </Form>
        <section aria-label="Lesson progress" className="mt-8 card">
          {signedIn ? (
            <Form method="post" preventScrollReset className="flex flex-wrap items-center gap-3">
              {showComplete ? (
                <>
                  <p role="status" className="font-semibold text-success">
                    <span aria-hidden="true">✓ </span>You finished this lesson.
                  </p>
                  <Button name="intent" value="incomplete" variant="secondary">
                    Mark as not complete
                  </Button>
                </>
              ) : (
                <Button name="intent" value="complete">
                  Mark complete
                </Button>
              )}
            </Form>
          ) : (
            <p>
              <Link to={`/login?redirectTo=/learn/${domain.slug}/${lesson.slug}`}>Log in</Link> to keep track of the
              lessons you finish.
            </p>
          )}
        </section>
        <p className="mt-6">
          <Link to={`/practice?lesson=${lesson.slug}`} className="btn-primary">
            Practice this topic
          </Link>
        </p>
        <nav aria-label="More lessons" className="mt-6 flex flex-wrap justify-between gap-3">
          {lesson.previous ? (
            <Link to={`/learn/${domain.slug}/${lesson.previous.slug}`} className="btn-secondary" rel="prev">
              <span aria-hidden="true">←</span> <span className="sr-only">Previous lesson: </span>
              {lesson.previous.title}
            </Link>
          ) : (
            <span />
          )}
          {lesson.next ? (
            <Link to={`/learn/${domain.slug}/${lesson.next.slug}`} className="btn-secondary" rel="next">
              <span className="sr-only">Next lesson: </span>
              {lesson.next.title} <span aria-hidden="true">→</span>
            </Link>
          ) : null}
        </nav>
      </div>
      <aside className="hidden lg:block" aria-label="Lesson navigation">
        <div className="sticky top-4 space-y-6">
          {lesson.headings.length ? (
            <nav aria-labelledby="toc-heading">
              <h2 id="toc-heading" className="mb-2 font-semibold">
                On this page
              </h2>
              <Toc headings={lesson.headings} />
            </nav>
          ) : null}
          <KeyTerms terms={lesson.keyTerms} />
        </div>
      </aside>
      <div className="mt-6 lg:hidden">
        <KeyTerms terms={lesson.keyTerms} />
      </div>
    </article>
  );
}

function Toc({ headings }: { headings: { id: string; text: string; level: number }[] }) {
  return (
    <ul className="mt-2 space-y-1 text-sm">
      {headings.map((h) => (
        <li key={h.id} className={h.level === 3 ? "pl-4" : ""}>
          <a href={`#${h.id}`}>{h.text}</a>
        </li>
      ))}
    </ul>
  );
}

function KeyTerms({ terms }: { terms: { slug: string; term: string }[] }) {
  if (!terms.length) return null;
  return (
    <section aria-label="Key terms">
      <h2 className="mb-2 font-semibold">Key terms</h2>
      <ul className="flex flex-wrap gap-2">
        {terms.map((t) => (
          <li key={t.slug}>
            <Link to={`/glossary/${t.slug}`} className="inline-block rounded-full border border-line px-3 py-1 text-sm">
              {t.term}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
