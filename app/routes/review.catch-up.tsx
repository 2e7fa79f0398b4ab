import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, ErrorSummary, TextField } from "~/components/form-controls.tsx";
import { DataTable } from "~/components/data-table.tsx";
import { Section } from "~/components/section.tsx";
import { BACKLOG_DAYS, HISTORY_DAYS, MAX_PLAN_DAYS } from "~/review/catch-up.ts";
import { catchUpAction, catchUpQuery } from "~/review/catch-up-forms.ts";
import { previewCatchUp, startCatchUp, stopCatchUp } from "~/review/catch-up.server.ts";
import { learnerPreferences } from "~/models/preferences.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { formatDate, formatDay } from "~/utils/dates.ts";
import { requestLocale } from "~/utils/locale.server.ts";
import { parseFormData, parseInput } from "~/utils/forms.server.ts";

export const meta: MetaFunction = () => [{ title: "Catch-up plan · Review · Charted" }];

const DONE: Record<string, string> = {
  started: "Your catch-up plan has started. New cards are paused until the backlog is cleared.",
  stopped: "Your catch-up plan has stopped. Your usual daily limits apply again.",
};

const percent = (p: number) => `${Math.round(p * 100)}%`;

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = requestLocale(request);
  const user = await requireUser(request);
  const url = new URL(request.url);
  const query = parseInput({ cap: url.searchParams.get("cap") ?? undefined }, catchUpQuery, new FormData());
  const [preview, prefs] = await Promise.all([
    previewCatchUp(user.id, query.ok ? (query.data.cap ?? null) : null),
    learnerPreferences(user.id),
  ]);
  const done = url.searchParams.get("done");
  return {
    done: done && DONE[done] ? DONE[done] : null,
    capError: query.ok ? null : (query.fieldErrors.cap ?? null),
    capInput: url.searchParams.get("cap") ?? "",
    overdue: preview.status.overdue,
    dailyReviews: preview.status.dailyReviews,
    threshold: preview.status.threshold,
    backlog: preview.status.backlog,
    running: preview.status.plan
      ? { cap: preview.status.plan.cap, since: formatDate(preview.status.plan.since, prefs.timeZone, "date", locale) }
      : null,
    cap: preview.cap,
    suggested: preview.suggested,
    doneToday: preview.doneToday,
    clears: preview.plan.clears,
    days: preview.plan.days.map((d) => ({
      date: formatDay(d.label, "date", locale),
      reviews: d.reviews,
      fromBacklog: d.fromBacklog,
      overdueAfter: d.overdueAfter,
      recall: d.recall ? `${percent(d.recall.lowest)} to ${percent(d.recall.highest)}` : "—",
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const parsed = parseFormData(formData, catchUpAction);
  if (!parsed.ok) return data(parsed, { status: 400 });
  if (parsed.data.intent === "stop") {
    await stopCatchUp(user.id);
    return redirect("/review/catch-up?done=stopped");
  }
  const result = await startCatchUp(user.id, parsed.data.cap);
  if (!result.ok)
    return data(
      {
        ok: false as const,
        formError: undefined,
        fieldErrors: { cap: [result.message] } as Record<string, string[]>,
        values: { cap: String(parsed.data.cap) } as Record<string, string>,
      },
      { status: 400 },
    );
  return redirect("/review/catch-up?done=started");
}

export default function CatchUpPage() {
  const d = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const capErrors = failed?.fieldErrors.cap ?? d.capError ?? undefined;
  const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link to="/review">Review</Link> <span aria-hidden="true">›</span> Catch-up plan
      </nav>
      <h1 className="page-title">Catch-up plan</h1>
      {d.done && !failed ? (
        <p role="status" className="rounded-md border border-success bg-success-soft p-3 font-medium text-success">
          {d.done}
        </p>
      ) : null}
      <Section headingId="backlog-heading" title="Your backlog" className="card">
        <p className="mb-2">
          {d.overdue === 0
            ? "No cards are overdue: you are up to date."
            : `${plural(d.overdue, "card is", "cards are")} overdue (due before today's study day began).`}{" "}
          You usually review about {plural(d.dailyReviews, "card")} a day (your average over the last {HISTORY_DAYS}{" "}
          days, or your daily limit when you have not reviewed lately).
        </p>
        <p className="text-sm text-muted">
          More than {BACKLOG_DAYS} days&apos; work ({d.threshold.toLocaleString("en-US")} cards) overdue counts as a
          backlog. A plan spreads it over several days so no single day is overwhelming.
        </p>
      </Section>

      {d.running ? (
        <Section headingId="running-heading" title="Your plan is running" className="card">
          <p className="mb-2">
            Since {d.running.since}: at most {plural(d.running.cap, "review")} a day, the cards you are most likely to
            have forgotten first. New cards are paused. The plan ends by itself when nothing is overdue.
          </p>
          <div className="flex flex-wrap gap-3">
            <Link to="/review/study" className="btn-primary">
              Study now
            </Link>
            <Form method="post">
              <input type="hidden" name="intent" value="stop" />
              <Button variant="secondary" disabled={busy}>
                Stop the plan
              </Button>
            </Form>
          </div>
        </Section>
      ) : null}

      {d.overdue > 0 ? (
        <Section
          headingId="cap-heading"
          title={d.running ? "Change how many reviews a day" : "Choose how many reviews a day"}
          className="card"
        >
          <ErrorSummary
            message={failed?.formError ?? failed?.fieldErrors.intent?.[0]}
            fieldErrors={capErrors ? { cap: capErrors } : {}}
            labels={{ cap: "Reviews a day" }}
          />
          <Form method="get" className="flex flex-wrap items-end gap-3">
            <TextField
              name="cap"
              label="Reviews a day"
              inputMode="numeric"
              wrapperClassName=""
              className="w-32"
              defaultValue={failed?.values.cap ?? (d.capInput || String(d.cap))}
              hint={`Suggested: ${d.suggested.toLocaleString("en-US")} (your usual work and about a seventh of the backlog).`}
              errors={capErrors}
            />
            <Button variant="secondary" disabled={busy}>
              Show the plan
            </Button>
          </Form>
        </Section>
      ) : null}

      {d.days.length ? (
        <Section headingId="plan-heading" title={`At ${d.cap.toLocaleString("en-US")} reviews a day`} className="card">
          <p className="mb-3">
            {d.clears
              ? `The backlog is cleared in ${plural(d.days.length, "day")}, on ${d.days.at(-1)!.date}.`
              : `At this number the backlog is not cleared within ${MAX_PLAN_DAYS} days: cards come due faster than you clear them. Choose a higher number.`}{" "}
            Each day the cards you are most likely to have forgotten come first (the exam&apos;s domain weights count
            too when your exam is less than a month away). Learning steps due that day come before the plan.
            {d.doneToday ? ` Today's share includes the ${plural(d.doneToday, "review")} you already did.` : ""}
          </p>
          <DataTable
            caption={`Catch-up plan at ${d.cap} reviews a day, day by day`}
            captionClassName="sr-only"
            columns={["Day", "Reviews", "From the backlog", "Recall now of those cards", "Still overdue after"]}
            rows={d.days}
            cells={(day) => [day.date, day.reviews, day.fromBacklog, day.recall, day.overdueAfter]}
            regionLabelledBy="plan-heading"
          />
          {d.clears ? (
            <Form method="post" className="mt-4">
              <input type="hidden" name="intent" value="start" />
              <input type="hidden" name="cap" value={d.cap} />
              <Button disabled={busy}>
                {d.running ? `Change the plan to ${d.cap} a day` : `Start the plan at ${d.cap} a day`}
              </Button>
            </Form>
          ) : null}
        </Section>
      ) : null}
    </div>
  );
}
