import { formatDate } from "~/utils/dates.ts";
import { requestLocale } from "~/utils/locale.server.ts";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import {
  Button,
  CheckboxField,
  CheckboxGroup,
  ErrorSummary,
  RadioGroup,
  SelectField,
  TextField,
} from "~/components/form-controls.tsx";
import { ScoreTrend } from "~/components/score-trend.tsx";
import { DataTable } from "~/components/data-table.tsx";
import { Section } from "~/components/section.tsx";
import { getContentIndex } from "~/content/index.server.ts";
import { history, startPractice, startSimulation } from "~/exam/attempts.server.ts";
import { practiceFormInput, practiceFormSchema, practicePrefillSchema, replaceParam } from "~/exam/forms.ts";
import { formatDuration } from "~/exam/timing.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { parseInput } from "~/utils/forms.server.ts";
import { History, Play } from "lucide-react";
import { EmptyState } from "~/components/empty-state.tsx";

export const meta: MetaFunction = () => [{ title: "Practice · Charted" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = requestLocale(request);
  const user = await requireUser(request);
  const index = getContentIndex();
  const lessonSlug = z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .max(100)
    .safeParse(new URL(request.url).searchParams.get("lesson"));
  const lesson = lessonSlug.success ? index.lessons.get(lessonSlug.data) : undefined;
  // Links from the dashboard and study plan prefill the form; anything malformed is ignored.
  const prefill = practicePrefillSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const wanted = prefill.success ? prefill.data : { areas: [], domains: [], count: undefined };
  const areaNames = new Map(index.domains.flatMap((d) => d.knowledgeAreas.map((k) => [k.id, k.title] as const)));
  const { exam } = index.blueprint;
  return {
    exam: {
      totalItems: exam.totalItems,
      scoredItems: exam.scoredItems,
      pretestItems: exam.pretestItems,
      minutes: exam.minutes,
    },
    domains: index.domains.map((d) => ({ id: d.id, name: d.name })),
    lesson: lesson ? { slug: lesson.slug, title: lesson.title, domainId: lesson.domainId } : null,
    areas: wanted.areas.filter((a) => areaNames.has(a)).map((a) => ({ id: a, title: areaNames.get(a)! })),
    prefill: { domains: wanted.domains, count: wanted.count },
    // Dates in the learner's time zone, formatted here so server and browser render the same text.
    attempts: (await history(user.id)).map((a) => ({
      ...a,
      started: {
        dateTime: formatDate(a.startedAt, user.timeZone, "dateTime", locale),
        date: formatDate(a.startedAt, user.timeZone, "date", locale),
        monthDay: formatDate(a.startedAt, user.timeZone, "monthDay", locale),
      },
    })),
  };
}

type Offer = { id: string; items: number; startedAt: string; started: string; replay: [string, string][] };
type ActionData = {
  form: "simulation" | "practice";
  formError?: string;
  fieldErrors: Record<string, string[]>;
  offer?: Offer;
};

export async function action({ request }: ActionFunctionArgs) {
  const locale = requestLocale(request);
  const user = await requireUser(request);
  const formData = await request.formData();
  const intent = formData.get("intent") === "simulation" ? "simulation" : "practice";
  const replace = replaceParam.safeParse(formData.get("replace") ?? undefined);
  if (!replace.success)
    return data<ActionData>(
      {
        form: intent,
        formError: "That attempt could not be submitted. Reload the page and try again.",
        fieldErrors: {},
      },
      { status: 400 },
    );
  const options = { replace: replace.data };
  let result;
  if (intent === "simulation") {
    result = await startSimulation(user.id, new Date(), options);
  } else {
    const parsed = parseInput(practiceFormInput(formData), practiceFormSchema, formData);
    if (!parsed.ok)
      return data<ActionData>(
        { form: "practice", formError: parsed.formError, fieldErrors: parsed.fieldErrors },
        { status: 400 },
      );
    result = await startPractice(user.id, parsed.data, new Date(), options);
  }
  if (result.ok) return redirect(`/attempts/${result.attemptId}/q/1`);
  if (result.reason === "open") {
    // The same choices again, to submit the open attempt and start this one without JavaScript.
    const replay = [...formData].filter((e): e is [string, string] => typeof e[1] === "string" && e[0] !== "replace");
    return data<ActionData>(
      {
        form: intent,
        formError: result.message,
        fieldErrors: {},
        offer: {
          ...result.open,
          started: formatDate(result.open.startedAt, user.timeZone, "dateTime", locale),
          replay,
        },
      },
      { status: 409 },
    );
  }
  return data<ActionData>(
    { form: intent, formError: result.message, fieldErrors: {} },
    { status: result.reason === "throttled" ? 429 : 400 },
  );
}

const KIND_LABELS: Record<string, string> = {
  simulation: "Full simulation",
  practice: "Practice",
  assignment: "Assignment",
};

const PRACTICE_LABELS = {
  domains: "Exam domains",
  count: "Number of questions (5–135)",
  mode: "Mode",
  minutes: "Time limit in minutes (optional)",
};

/** Why a start was refused; when an attempt is already open, offer it: resume, or submit it and start anew. */
function StartRefusal({ data }: { data: ActionData }) {
  const { offer } = data;
  if (!offer) return <ErrorSummary message={data.formError} fieldErrors={data.fieldErrors} labels={PRACTICE_LABELS} />;
  return (
    <div role="alert" className="mb-4 space-y-3 rounded-md border border-brand bg-brand-soft p-3">
      <p>{data.formError}</p>
      <p className="text-sm">
        Open since {offer.started} · {offer.items} questions
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <Link to={`/attempts/${offer.id}`} className="btn-primary">
          <Play aria-hidden="true" className="size-5" />
          Resume
        </Link>
        <Form method="post">
          {offer.replay.map(([name, value], i) => (
            <input key={`${name}-${i}`} type="hidden" name={name} value={value} />
          ))}
          <input type="hidden" name="replace" value={offer.id} />
          <Button variant="secondary">Submit it and start a new one</Button>
        </Form>
      </div>
    </div>
  );
}

export default function PracticePage() {
  const { exam, domains, lesson, areas, prefill, attempts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const inProgress = attempts.filter((a) => a.status === "in_progress");
  const expired = attempts.filter((a) => a.status === "expired");
  const done = attempts.filter((a) => a.status === "submitted");
  const errors = actionData?.fieldErrors ?? {};
  return (
    <div className="space-y-8">
      <h1 className="page-title">Practice</h1>
      {inProgress.length ? (
        <Section headingId="resume-heading" title="Pick up where you left off" gap={2} className="card border-brand">
          <ul className="space-y-2">
            {inProgress.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center gap-3">
                <span>
                  {KIND_LABELS[a.kind]} · {a.items} questions · started {a.started.dateTime}
                  {a.secondsLeft !== null ? ` · ${formatDuration(a.secondsLeft)} left` : ""}
                </span>
                <Link to={`/attempts/${a.id}`} className="btn-primary">
                  <Play aria-hidden="true" className="size-5" />
                  Resume
                </Link>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {expired.length ? (
        <Section headingId="expired-heading" title="Time ran out" gap={2} className="card">
          <p className="mb-2">
            These were submitted at their deadline with the answers you saved. Open one to see its results.
          </p>
          <ul className="space-y-2">
            {expired.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center gap-3">
                <span>
                  {KIND_LABELS[a.kind]} · {a.items} questions · started {a.started.dateTime}
                </span>
                <Link to={`/attempts/${a.id}/results`}>See results</Link>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      <Section headingId="sim-heading" title="Full CMAA simulation" gap={2} className="card">
        <p className="mb-4 max-w-2xl">
          {exam.totalItems} questions in {exam.minutes} minutes, like the real exam: {exam.scoredItems} scored questions
          in the blueprint&apos;s proportions and {exam.pretestItems} unscored ones mixed in. You get a score by domain
          and an estimated scaled score. Your answers are saved as you go; the clock keeps running if you close the tab.
        </p>
        {actionData?.form === "simulation" ? <StartRefusal data={actionData} /> : null}
        <Form method="post">
          <Button
            name="intent"
            value="simulation"

            disabled={busy === "simulation"}
          >
            {busy === "simulation" ? "Building your exam…" : "Start a full simulation"}
          </Button>
        </Form>
      </Section>

      <Section headingId="custom-heading" title="Custom practice" gap={2} className="card">
        {lesson ? (
          <p className="mb-3 rounded-md bg-brand-soft p-3">
            Questions about the lesson <strong>{lesson.title}</strong>.{" "}
            <Link to="/practice">Practise any topic instead</Link>
          </p>
        ) : null}
        {areas.length ? (
          <div className="mb-3 rounded-md bg-brand-soft p-3">
            <p>Questions only from these knowledge areas:</p>
            <ul className="list-disc pl-6">
              {areas.map((a) => (
                <li key={a.id}>
                  {a.title} ({a.id})
                </li>
              ))}
            </ul>
            <Link to="/practice">Practise any topic instead</Link>
          </div>
        ) : null}
        {actionData?.form === "practice" ? <StartRefusal data={actionData} /> : null}
        <Form method="post" className="space-y-5" noValidate>
          <input type="hidden" name="intent" value="practice" />
          {areas.map((a) => (
            <input key={a.id} type="hidden" name="areas" value={a.id} />
          ))}
          {lesson ? <input type="hidden" name="lesson" value={lesson.slug} /> : null}
          <CheckboxGroup
            name="domains"
            legend="Exam domains"
            optionsClassName="grid gap-1 sm:grid-cols-2"
            options={domains.map((d) => ({
              value: d.id,
              label: d.name,
              defaultChecked: lesson ? lesson.domainId === d.id : prefill.domains.includes(d.id),
            }))}
            errors={errors.domains}
          >
            <CheckboxField
              name="allDomains"
              label="All domains"
              labelClassName="flex min-h-11 items-center gap-2 font-semibold"
            />
            <CheckboxField
              name="weakest"
              label="My weakest domains (chosen from your results)"
              labelClassName="flex min-h-11 items-center gap-2 font-semibold"
            />
          </CheckboxGroup>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              wrapperClassName=""
              name="count"
              label="Number of questions (5–135)"
              type="number"
              min={5}
              max={135}
              defaultValue={prefill.count ?? (lesson ? 5 : areas.length ? 10 : 20)}
              required
              errors={errors.count}
            />
            <SelectField
              wrapperClassName=""
              name="only"
              label="Which questions"
              defaultValue="all"
              options={[
                { value: "all", label: "Any question" },
                { value: "unseen", label: "Only ones I have not seen" },
                { value: "missed", label: "Only ones I missed last time" },
              ]}
            />
          </div>
          <RadioGroup
            name="mode"
            legend="Mode"
            defaultValue="tutor"
            options={[
              { value: "tutor", label: "Tutor mode: see the answer and explanations after each question" },
              { value: "exam", label: "Exam mode: see results only when you submit" },
            ]}
            errors={errors.mode}
          />
          <div className="flex flex-wrap items-end gap-4">
            <CheckboxField name="timed" label="Timed" />
            <TextField
              wrapperClassName=""
              name="minutes"
              label="Time limit in minutes (optional)"
              type="number"
              min={1}
              max={300}
              className="w-40"
              hint="Timed quizzes default to one minute per question, as on the exam."
              errors={errors.minutes}
            />
          </div>
          <Button disabled={busy === "practice"}>
            {busy === "practice" ? "Choosing questions…" : "Start practice"}
          </Button>
        </Form>
      </Section>

      <Section headingId="history-heading" title="Your results">
        {done.length === 0 ? (
          <EmptyState
            icon={History}
            title="No results yet"
            headingLevel={3}
            action={
              <a href="#custom-heading" className="btn-primary">
                Choose a practice quiz
              </a>
            }
          >
            Finish a quiz or a mock and your scores appear here with your trend over time.
          </EmptyState>
        ) : (
          <>
            <ScoreTrend
              points={[...done].reverse().map((a) => ({
                label: a.started.monthDay,
                percent: a.percent ?? 0,
              }))}
            />
            <DataTable
              className="mt-4 w-full text-left"
              caption="Finished attempts, newest first"
              columns={["Date", "Kind", "Questions", "Score", "Details"]}
              rowHeader={false}
              rows={done}
              rowKey={(a) => a.id}
              cells={(a) => [
                a.started.date,
                `${KIND_LABELS[a.kind]}${a.mode === "tutor" ? " (tutor)" : ""}`,
                a.items,
                <>
                  {a.percent}%{a.scaledScore ? ` · est. ${a.scaledScore}` : ""}
                </>,
                <Link to={`/attempts/${a.id}/results`}>Review</Link>,
              ]}
            />
          </>
        )}
      </Section>
    </div>
  );
}
