import { orNotFound } from "~/utils/http.server.ts";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { bankForPicking, createAssignment } from "~/assignments/manage.server.ts";
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
import {
  Button,
  CheckboxField,
  CheckboxGroup,
  ErrorSummary,
  RadioGroup,
  SelectField,
  TextField,
} from "~/components/form-controls.tsx";
import { getContentIndex } from "~/content/index.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { formFailure, parseInput } from "~/utils/forms.server.ts";
import { Section } from "~/components/section.tsx";
import { MIN_RESPONSES_FOR_DISCRIMINATION } from "~/assignments/item-analysis.ts";
import { OPTION_LETTERS } from "~/content/exam-ids.ts";

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

const ASSIGNMENT_LABELS = {
  title: "Title",
  opensAt: "Opens",
  dueAt: "Due",
  minutes: "Time limit in minutes",
  attemptsAllowed: "Attempts allowed",
  revealPolicy: "Students see the answers and explanations",
  source: "Where the questions come from",
  domains: "Domains (when drawing from domains)",
  itemCount: "Number of questions to draw (5–135)",
  questionIds: "Pick questions from the bank (when hand-picking)",
};

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
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link to="/classes">Classes</Link> <span aria-hidden="true">›</span>{" "}
        <Link to={`/classes/${klass.id}`}>{klass.name}</Link>
      </nav>
      <h1 className="page-title">New assignment</h1>
      <Form method="post" className="space-y-6" noValidate>
        <ErrorSummary
          message={failed?.formError || (Object.keys(errors).length ? "Please correct the marked fields." : undefined)}
          fieldErrors={errors}
          labels={ASSIGNMENT_LABELS}
        />
        <Section headingId="basics-heading" title="Basics" size="lg" gap={0} className="card space-y-4">
          <TextField
            wrapperClassName=""
            name="title"
            label="Title"
            required
            maxLength={120}
            defaultValue={v.title}
            errors={errors.title}
          />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              wrapperClassName=""
              name="opensAt"
              label="Opens"
              type="datetime-local"
              required
              defaultValue={v.opensAt}
              hint={`Your time zone: ${timeZone}`}
              errors={errors.opensAt}
            />
            <TextField
              wrapperClassName=""
              name="dueAt"
              label="Due"
              type="datetime-local"
              required
              defaultValue={v.dueAt}
              hint="Work submitted later is marked late."
              errors={errors.dueAt}
            />
          </div>
          <div className="flex flex-wrap items-end gap-4">
            <CheckboxField name="timed" label="Timed" defaultChecked={v.timed} />
            <TextField
              wrapperClassName=""
              name="minutes"
              label="Time limit in minutes"
              type="number"
              min={1}
              max={300}
              defaultValue={v.minutes}
              className="w-40"
              hint="Students with extra time get it on top (set on the roster)."
              errors={errors.minutes}
            />
            <TextField
              wrapperClassName=""
              name="attemptsAllowed"
              label="Attempts allowed"
              type="number"
              min={1}
              max={10}
              defaultValue={v.attemptsAllowed}
              className="w-32"
              errors={errors.attemptsAllowed}
            />
          </div>
          <RadioGroup
            name="revealPolicy"
            legend="Students see the answers and explanations"
            defaultValue={v.revealPolicy}
            options={[
              { value: "after_submit", label: "As soon as they submit" },
              {
                value: "after_due",
                label: "After the due date (attempts still open then are submitted; none start after it)",
              },
              { value: "never", label: "Never (they see their score only)" },
            ]}
            errors={errors.revealPolicy}
            aria-describedby="revealPolicy-note"
          >
            <p id="revealPolicy-note" className="text-sm text-muted">
              While the answers are withheld, these questions are also left out of your students&apos; own practice and
              simulations, and their answers here do not become review cards, so the key cannot reach them another way.
            </p>
          </RadioGroup>
        </Section>

        <Section headingId="questions-heading" title="Questions" size="lg" gap={0} className="card space-y-4">
          <RadioGroup
            name="source"
            legend="Where the questions come from"
            defaultValue={v.source}
            options={[
              {
                value: "blueprint",
                label: "A full blueprint simulation (135 questions, 110 scored, in the exam's domain proportions)",
              },
              { value: "domains", label: "Drawn from the domains ticked below" },
              { value: "items", label: "The questions I tick in the bank below" },
            ]}
            errors={errors.source}
          />
          <p className="text-sm text-muted">
            The questions are chosen once, when you create the assignment: every student gets the same ones, each in
            their own order.
          </p>

          <CheckboxGroup
            name="domains"
            legend="Domains (when drawing from domains)"
            optionsClassName="grid gap-1 sm:grid-cols-2"
            options={domains.map((d) => ({ value: d.id, label: d.name }))}
            defaultValues={v.domains}
            errors={errors.domains}
          />
          <TextField
            wrapperClassName=""
            name="itemCount"
            label="Number of questions to draw (5–135)"
            type="number"
            min={5}
            max={135}
            defaultValue={v.itemCount}
            className="w-40"
            errors={errors.itemCount}
          />

          <fieldset
            id="questionIds"
            className="space-y-3 border-t border-line pt-4"
            aria-describedby={errors.questionIds ? "questionIds-hint questionIds-error" : "questionIds-hint"}
          >
            <legend className="field-label pt-4">Pick questions from the bank (when hand-picking)</legend>
            <p id="questionIds-hint" className="field-hint">
              {picked.length} picked. Ticks are kept when you search or change page.
            </p>
            <Errors id="questionIds-error" errors={errors.questionIds} />
            <div className="grid gap-3 sm:grid-cols-4">
              <SelectField
                wrapperClassName=""
                name="domain"
                label="Domain"
                defaultValue={filter.domain ?? ""}
                options={[{ value: "", label: "Any domain" }, ...domains.map((d) => ({ value: d.id, label: d.name }))]}
              />
              <SelectField wrapperClassName="" name="ka" label="Knowledge area" defaultValue={filter.ka ?? ""}>
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
              </SelectField>
              <SelectField
                wrapperClassName=""
                name="difficulty"
                label="Difficulty"
                defaultValue={filter.difficulty ? String(filter.difficulty) : ""}
                options={[
                  { value: "", label: "Any difficulty" },
                  ...[1, 2, 3].map((d) => ({ value: String(d), label: DIFFICULTY[d] })),
                ]}
              />
              <TextField
                wrapperClassName=""
                name="q"
                label="Words in the question"
                type="search"
                maxLength={100}
                defaultValue={filter.q ?? ""}
              />
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
                    <QuestionPreview id={item.id} preview={item.preview} />
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
        </Section>
        <Button disabled={busy}>{busy ? "Creating…" : "Create assignment"}</Button>
      </Form>
    </div>
  );
}

type Preview = ReturnType<typeof useLoaderData<typeof loader>>["bank"]["items"][number]["preview"];

/** A bank question in full before it is picked: a disclosure, so it works with or without JavaScript. */
function QuestionPreview({ id, preview }: { id: string; preview: Preview }) {
  return (
    <details className="mb-2 ml-8">
      <summary className="cursor-pointer text-sm font-medium">
        Preview<span className="sr-only"> question {id}</span> with the answer
      </summary>
      <div className="mt-2 space-y-2 rounded-md border border-line p-3">
        <p>{preview.stem}</p>
        <ol className="space-y-1">
          {preview.options.map((o, k) => (
            <li key={k}>
              <span className={k === preview.answerIndex ? "font-semibold" : undefined}>
                {OPTION_LETTERS[k]}. {o.text}
                {k === preview.answerIndex ? " — correct answer" : ""}
              </span>
              <span className="block text-sm text-muted">{o.rationale}</span>
            </li>
          ))}
        </ol>
        <p className="text-sm">
          {preview.responses
            ? `In your classes: ${Math.round((preview.facility ?? 0) * 100)}% answered correctly (n=${preview.responses}); discrimination ${
                preview.responses < MIN_RESPONSES_FOR_DISCRIMINATION
                  ? `not known yet (needs ${MIN_RESPONSES_FOR_DISCRIMINATION} responses)`
                  : preview.discrimination === null
                    ? "not known (no mix of right and wrong answers)"
                    : preview.discrimination.toFixed(2)
              }.`
            : "Not yet answered in your classes' assignments."}
        </p>
      </div>
    </details>
  );
}
