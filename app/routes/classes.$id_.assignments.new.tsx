import { orNotFound } from "~/utils/http.server.ts";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { bankForPicking, createAssignment } from "~/assignments/assignments.server.ts";
import {
  assignmentFormInput,
  assignmentFormSchema,
  bankFilterSchema,
  DOMAIN_IDS,
  idParam,
  instantToLocal,
  MAX_PICKED,
  pickedQuerySchema,
} from "~/assignments/forms.ts";
import { ownedClass } from "~/classes/classes.server.ts";
import { Button, FormError } from "~/components/form-controls.tsx";
import { getContentIndex } from "~/content/index.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { formFailure, parseInput } from "~/utils/forms.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `New assignment · ${data?.klass.name ?? "Class"} · Charted` },
];

const QUESTION_ID = /^[A-Za-z0-9-]{3,64}$/;

async function load(request: Request, id: string | undefined) {
  const user = await requireRole(request, "instructor");
  const parsed = idParam.safeParse(id);
  if (!parsed.success) throw new Response("We could not find that class.", { status: 404 });
  return { user, klass: orNotFound(await ownedClass(user, parsed.data)).klass };
}

// The whole form also submits with GET (search and paging buttons), so what the instructor typed
// and ticked survives browsing the bank without JavaScript; the URL carries it.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, klass } = await load(request, params.id);
  const url = new URL(request.url);
  const filter = bankFilterSchema.safeParse(
    Object.fromEntries(
      ["domain", "ka", "difficulty", "q", "page"].map((k) => [k, url.searchParams.get(k) ?? undefined]),
    ),
  );
  if (!filter.success)
    throw new Response("Those search filters are not valid. Choose them from the lists.", { status: 400 });
  const ticks = pickedQuerySchema.safeParse({
    domains: url.searchParams.getAll("domains"),
    questionIds: url.searchParams.getAll("questionIds"),
  });
  if (!ticks.success)
    throw new Response(ticks.error.issues[0]?.message ?? "Those ticks are not valid. Choose them from the lists.", {
      status: 400,
    });
  const picked = ticks.data.questionIds;
  const now = new Date();
  const text = (k: string) => (url.searchParams.get(k) ?? "").slice(0, 200);
  const blueprint = getContentIndex().blueprint;
  return {
    klass: { id: klass.id, name: klass.name },
    timeZone: user.timeZone,
    domains: blueprint.domains.map((d) => ({
      id: d.id,
      name: d.name,
      knowledgeAreas: d.knowledgeAreas.map((k) => ({ id: k.id, title: k.title })),
    })),
    filter: filter.data,
    bank: await bankForPicking(filter.data, klass.instructorId),
    picked,
    values: {
      title: text("title"),
      source: text("source") || "domains",
      domains: ticks.data.domains as string[],
      itemCount: text("itemCount") || "20",
      timed: url.searchParams.has("source") ? url.searchParams.get("timed") === "on" : true,
      minutes: text("minutes") || "20",
      opensAt: text("opensAt") || instantToLocal(now, user.timeZone),
      dueAt: text("dueAt") || instantToLocal(new Date(now.getTime() + 7 * 86_400_000), user.timeZone),
      attemptsAllowed: text("attemptsAllowed") || "1",
      revealPolicy: text("revealPolicy") || "after_submit",
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, klass } = await load(request, params.id);
  const formData = await request.formData();
  const input = assignmentFormInput(formData);
  // Echoed to refill the form: only well-formed values, capped like the schema caps them.
  const echo = {
    picked: [...new Set(input.questionIds.filter((v) => QUESTION_ID.test(v)))].slice(0, MAX_PICKED),
    domains: [...new Set(input.domains)].slice(0, DOMAIN_IDS.length),
  };
  const parsed = parseInput(input, assignmentFormSchema(user.timeZone), formData);
  if (!parsed.ok) return data({ ...parsed, ...echo }, { status: 400 });
  const created = await createAssignment(user, klass.id, parsed.data);
  if (!created.ok && created.reason === "not-found") throw new Response(created.message, { status: 404 });
  if (!created.ok) {
    return data(
      {
        ...formFailure(
          formData,
          created.field ? "" : created.message,
          created.field ? { [created.field]: [created.message] } : {},
        ),
        ...echo,
      },
      { status: 400 },
    );
  }
  return redirect(`/classes/${klass.id}/assignments/${created.id}`);
}

function Errors({ id, errors }: { id: string; errors?: string[] }) {
  return errors?.length ? (
    <p id={id} className="field-error">
      {errors.join(" ")}
    </p>
  ) : null;
}

const DIFFICULTY = { 1: "Easier", 2: "Medium", 3: "Harder" } as Record<number, string>;

export default function NewAssignmentPage() {
  const {
    klass,
    timeZone,
    domains,
    filter,
    bank,
    picked: loaderPicked,
    values: loaderValues,
  } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = failed?.fieldErrors ?? {};
  const v = failed
    ? { ...loaderValues, ...failed.values, domains: failed.domains, timed: failed.values.timed === "on" }
    : loaderValues;
  const picked = failed ? failed.picked : loaderPicked;
  const onPage = new Set(bank.items.map((i) => i.id));
  const pages = Math.max(1, Math.ceil(bank.total / bank.pageSize));
  const described = (name: string, hint?: boolean) =>
    [hint ? `${name}-hint` : null, errors[name] ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link to="/classes">Classes</Link> <span aria-hidden="true">›</span>{" "}
        <Link to={`/classes/${klass.id}`}>{klass.name}</Link>
      </nav>
      <h1 className="page-title">New assignment</h1>
      <Form method="post" className="space-y-6" noValidate>
        <FormError
          message={failed?.formError || (Object.keys(errors).length ? "Please correct the marked fields." : undefined)}
        />
        <section className="card space-y-4" aria-labelledby="basics-heading">
          <h2 id="basics-heading" className="text-lg font-semibold">
            Basics
          </h2>
          <div>
            <label htmlFor="title" className="field-label">
              Title
            </label>
            <input
              id="title"
              name="title"
              required
              maxLength={120}
              defaultValue={v.title}
              className="field-input"
              aria-invalid={errors.title ? true : undefined}
              aria-describedby={described("title")}
            />
            <Errors id="title-error" errors={errors.title} />
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <div>
              <label htmlFor="opensAt" className="field-label">
                Opens
              </label>
              <input
                id="opensAt"
                name="opensAt"
                type="datetime-local"
                required
                defaultValue={v.opensAt}
                className="field-input"
                aria-invalid={errors.opensAt ? true : undefined}
                aria-describedby={described("opensAt", true)}
              />
              <p id="opensAt-hint" className="field-hint">
                Your time zone: {timeZone}
              </p>
              <Errors id="opensAt-error" errors={errors.opensAt} />
            </div>
            <div>
              <label htmlFor="dueAt" className="field-label">
                Due
              </label>
              <input
                id="dueAt"
                name="dueAt"
                type="datetime-local"
                required
                defaultValue={v.dueAt}
                className="field-input"
                aria-invalid={errors.dueAt ? true : undefined}
                aria-describedby={described("dueAt", true)}
              />
              <p id="dueAt-hint" className="field-hint">
                Work submitted later is marked late.
              </p>
              <Errors id="dueAt-error" errors={errors.dueAt} />
            </div>
          </div>
          <div className="flex flex-wrap items-end gap-4">
            <label className="flex min-h-11 items-center gap-2">
              <input type="checkbox" name="timed" defaultChecked={v.timed} className="h-5 w-5" />
              Timed
            </label>
            <div>
              <label htmlFor="minutes" className="field-label">
                Time limit in minutes
              </label>
              <input
                id="minutes"
                name="minutes"
                type="number"
                min={1}
                max={300}
                defaultValue={v.minutes}
                className="field-input w-40"
                aria-invalid={errors.minutes ? true : undefined}
                aria-describedby={described("minutes", true)}
              />
              <p id="minutes-hint" className="field-hint">
                Students with extra time get it on top (set on the roster).
              </p>
              <Errors id="minutes-error" errors={errors.minutes} />
            </div>
            <div>
              <label htmlFor="attemptsAllowed" className="field-label">
                Attempts allowed
              </label>
              <input
                id="attemptsAllowed"
                name="attemptsAllowed"
                type="number"
                min={1}
                max={10}
                defaultValue={v.attemptsAllowed}
                className="field-input w-32"
                aria-invalid={errors.attemptsAllowed ? true : undefined}
                aria-describedby={described("attemptsAllowed")}
              />
              <Errors id="attemptsAllowed-error" errors={errors.attemptsAllowed} />
            </div>
          </div>
          <fieldset aria-describedby={["revealPolicy-note", described("revealPolicy")].filter(Boolean).join(" ")}>
            <legend className="field-label">Students see the answers and explanations</legend>
            {[
              ["after_submit", "As soon as they submit"],
              ["after_due", "After the due date (attempts still open then are submitted; none start after it)"],
              ["never", "Never (they see their score only)"],
            ].map(([value, label]) => (
              <label key={value} className="flex min-h-11 items-center gap-2">
                <input
                  type="radio"
                  name="revealPolicy"
                  value={value}
                  defaultChecked={v.revealPolicy === value}
                  className="h-5 w-5"
                />
                {label}
              </label>
            ))}
            <p id="revealPolicy-note" className="text-sm text-muted">
              While the answers are withheld, these questions are also left out of your students&apos; own practice and
              simulations, and their answers here do not become review cards, so the key cannot reach them another way.
            </p>
            <Errors id="revealPolicy-error" errors={errors.revealPolicy} />
          </fieldset>
        </section>

        <section className="card space-y-4" aria-labelledby="questions-heading">
          <h2 id="questions-heading" className="text-lg font-semibold">
            Questions
          </h2>
          <fieldset aria-describedby={described("source")}>
            <legend className="field-label">Where the questions come from</legend>
            {[
              [
                "blueprint",
                "A full blueprint simulation (135 questions, 110 scored, in the exam's domain proportions)",
              ],
              ["domains", "Drawn from the domains ticked below"],
              ["items", "The questions I tick in the bank below"],
            ].map(([value, label]) => (
              <label key={value} className="flex min-h-11 items-center gap-2">
                <input
                  type="radio"
                  name="source"
                  value={value}
                  defaultChecked={v.source === value}
                  className="h-5 w-5"
                />
                {label}
              </label>
            ))}
            <Errors id="source-error" errors={errors.source} />
          </fieldset>
          <p className="text-sm text-muted">
            The questions are chosen once, when you create the assignment: every student gets the same ones, each in
            their own order.
          </p>

          <fieldset aria-describedby={described("domains")}>
            <legend className="field-label">Domains (when drawing from domains)</legend>
            <div className="grid gap-1 sm:grid-cols-2">
              {domains.map((d) => (
                <label key={d.id} className="flex min-h-11 items-center gap-2">
                  <input
                    type="checkbox"
                    name="domains"
                    value={d.id}
                    defaultChecked={v.domains.includes(d.id)}
                    className="h-5 w-5"
                  />
                  {d.name}
                </label>
              ))}
            </div>
            <Errors id="domains-error" errors={errors.domains} />
          </fieldset>
          <div>
            <label htmlFor="itemCount" className="field-label">
              Number of questions to draw (5–135)
            </label>
            <input
              id="itemCount"
              name="itemCount"
              type="number"
              min={5}
              max={135}
              defaultValue={v.itemCount}
              className="field-input w-40"
              aria-invalid={errors.itemCount ? true : undefined}
              aria-describedby={described("itemCount")}
            />
            <Errors id="itemCount-error" errors={errors.itemCount} />
          </div>

          <fieldset className="space-y-3 border-t border-line pt-4" aria-describedby={described("questionIds", true)}>
            <legend className="field-label pt-4">Pick questions from the bank (when hand-picking)</legend>
            <p id="questionIds-hint" className="field-hint">
              {picked.length} picked. Ticks are kept when you search or change page.
            </p>
            <Errors id="questionIds-error" errors={errors.questionIds} />
            <div className="grid gap-3 sm:grid-cols-4">
              <div>
                <label htmlFor="domain" className="field-label">
                  Domain
                </label>
                <select id="domain" name="domain" defaultValue={filter.domain ?? ""} className="field-input">
                  <option value="">Any domain</option>
                  {domains.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor="ka" className="field-label">
                  Knowledge area
                </label>
                <select id="ka" name="ka" defaultValue={filter.ka ?? ""} className="field-input">
                  <option value="">Any knowledge area</option>
                  {domains.map((d) => (
                    <optgroup key={d.id} label={d.name}>
                      {d.knowledgeAreas.map((k) => (
                        <option key={k.id} value={k.id}>
                          {k.id} {k.title}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor="difficulty" className="field-label">
                  Difficulty
                </label>
                <select
                  id="difficulty"
                  name="difficulty"
                  defaultValue={filter.difficulty ? String(filter.difficulty) : ""}
                  className="field-input"
                >
                  <option value="">Any difficulty</option>
                  {[1, 2, 3].map((d) => (
                    <option key={d} value={d}>
                      {DIFFICULTY[d]}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor="q" className="field-label">
                  Words in the question
                </label>
                <input
                  id="q"
                  name="q"
                  type="search"
                  maxLength={100}
                  defaultValue={filter.q ?? ""}
                  className="field-input"
                />
              </div>
            </div>
            <Button formMethod="get" variant="secondary">
              Search the bank
            </Button>
            {picked
              .filter((id) => !onPage.has(id))
              .map((id) => (
                <input key={id} type="hidden" name="questionIds" value={id} />
              ))}
            {bank.items.length ? (
              <ul className="divide-y divide-line" aria-label={`Bank questions, page ${filter.page} of ${pages}`}>
                {bank.items.map((item) => (
                  <li key={item.id}>
                    <label className="flex min-h-11 items-start gap-3 py-2">
                      <input
                        type="checkbox"
                        name="questionIds"
                        value={item.id}
                        defaultChecked={picked.includes(item.id)}
                        className="mt-1 h-5 w-5 shrink-0"
                      />
                      <span>
                        <span className="block">{item.stem}</span>
                        <span className="block text-sm text-muted">
                          {item.own ? "Your question · " : ""}
                          {item.id} · {item.domainName} · {item.knowledgeArea}
                          {item.difficulty ? ` · ${DIFFICULTY[item.difficulty]}` : ""}
                        </span>
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            ) : (
              <p>No bank questions match these filters.</p>
            )}
            <div className="flex flex-wrap items-center gap-3">
              <p>
                {bank.total} question{bank.total === 1 ? "" : "s"} · page {filter.page} of {pages}
              </p>
              {filter.page > 1 ? (
                <Button formMethod="get" name="page" value={filter.page - 1} variant="secondary">
                  Previous page
                </Button>
              ) : null}
              {filter.page < pages ? (
                <Button formMethod="get" name="page" value={filter.page + 1} variant="secondary">
                  Next page
                </Button>
              ) : null}
            </div>
          </fieldset>
        </section>
        <Button disabled={busy}>{busy ? "Creating…" : "Create assignment"}</Button>
      </Form>
    </div>
  );
}
