import { formatDate } from "~/utils/dates.ts";
import { requestLocale } from "~/utils/locale.server.ts";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { Button, ErrorSummary, SelectField, TextField } from "~/components/form-controls.tsx";
import { DataTable } from "~/components/data-table.tsx";
import { Section } from "~/components/section.tsx";
import { ReviewBalanceSettings } from "~/components/review-balance-settings.tsx";
import { BALANCE_INTENT, balanceSettingsInput, balanceSettingsSchema } from "~/review/balance-settings.ts";
import { parseWeekdays } from "~/review/placement.ts";
import { WorkloadChart } from "~/components/workload-chart.tsx";
import { learnerPreferences, savePreferences } from "~/models/preferences.server.ts";
import { retentionAction, reviewSettingsSchema, settingsIntent, stepsSchema } from "~/review/forms.ts";
import { optimizerStatus, requestOptimization } from "~/review/optimizer.server.ts";
import { formatRetention, RETENTION_MAX, RETENTION_MIN } from "~/review/retention.ts";
import { suggestSteps } from "~/review/steps.server.ts";
import { formatSteps } from "~/review/steps.ts";
import { workloadEstimate } from "~/review/workload.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { parseFormData, parseInput } from "~/utils/forms.server.ts";

export const meta: MetaFunction = () => [{ title: "Review settings · Charted" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = requestLocale(request);
  const user = await requireUser(request);
  const [prefs, optimizer, workload] = await Promise.all([
    learnerPreferences(user.id),
    optimizerStatus(user.id),
    workloadEstimate(user.id),
  ]);
  return {
    prefs: {
      desiredRetention: prefs.desiredRetention,
      newCardsPerDay: prefs.newCardsPerDay,
      reviewsPerDay: prefs.reviewsPerDay,
      timeZone: prefs.timeZone,
      learningSteps: prefs.learningSteps,
      relearningSteps: prefs.relearningSteps,
    },
    workload,
    zones: Intl.supportedValuesOf("timeZone"),
    balance: { loadBalance: prefs.loadBalance, lightWeekdays: [...parseWeekdays(prefs.lightWeekdays)] },
    optimizer: {
      ...optimizer,
      // Formatted here, in the learner's time zone, so server and browser render the same text.
      last: optimizer.last
        ? {
            ...optimizer.last,
            date: formatDate(optimizer.last.createdAt, prefs.timeZone, "date", locale),
          }
        : null,
      // A run finished in the last hour is shown with its outcome; older ones as "Last run".
      job:
        optimizer.job && (optimizer.job.state === "running" || recent(optimizer.job.finishedAt))
          ? {
              state: optimizer.job.state,
              since: formatDate(optimizer.job.since, prefs.timeZone, "dateTime", locale),
              outcome: optimizer.job.outcome,
            }
          : null,
    },
  };
}

const RECENT_MS = 60 * 60_000;
const recent = (at: Date | null) => at !== null && Date.now() - at.getTime() < RECENT_MS;

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  if (formData.get("intent") === BALANCE_INTENT) return saveBalanceSettings(user.id, formData);
  if (!formData.has("intent")) {
    const parsed = parseFormData(formData, reviewSettingsSchema);
    if (!parsed.ok) return data({ kind: "settings" as const, ...parsed }, { status: 400 });
    await savePreferences(user.id, parsed.data);
    return { kind: "settings" as const, ok: true as const };
  }
  const intent = settingsIntent.safeParse(formData.get("intent"));
  if (!intent.success)
    return data(
      { kind: "optimize" as const, ok: false as const, message: intent.error.issues[0].message },
      { status: 400 },
    );
  switch (intent.data) {
    case "optimize": {
      const result = await requestOptimization(user.id);
      if (!result.ok)
        return data(
          { kind: "optimize" as const, ok: false as const, message: result.message },
          { status: result.reason === "running" ? 409 : 400 },
        );
      // Queued: the page (reloaded after this action) shows the run in progress.
      return { kind: "optimize" as const, ok: true as const };
    }
    case "retention": {
      const parsed = parseFormData(formData, retentionAction);
      if (!parsed.ok) return data({ kind: "retention" as const, ...parsed }, { status: 400 });
      await savePreferences(user.id, parsed.data);
      return { kind: "retention" as const, ok: true as const, retention: parsed.data.desiredRetention };
    }
    case "steps": {
      const parsed = parseFormData(formData, stepsSchema);
      if (!parsed.ok) return data({ kind: "steps" as const, ...parsed }, { status: 400 });
      await savePreferences(user.id, parsed.data);
      return { kind: "steps" as const, ok: true as const };
    }
    case "suggest-steps": {
      const suggestion = await suggestSteps(user.id);
      return data(
        { kind: "suggest-steps" as const, suggestion },
        { status: suggestion.ok ? 200 : suggestion.reason === "too-few" ? 400 : 503 },
      );
    }
  }
}

/** The "Spread your reviews" form: load balancing and light days, nothing else. */
async function saveBalanceSettings(userId: string, formData: FormData) {
  const parsed = parseInput(balanceSettingsInput(formData), balanceSettingsSchema, formData);
  if (!parsed.ok) {
    const sent = {
      loadBalance: formData.get("loadBalance") === "on",
      lightWeekdays: formData.getAll("lightWeekdays").map(String),
    };
    return data(
      {
        kind: "balance" as const,
        ok: false as const,
        fieldErrors: parsed.fieldErrors,
        formError: parsed.formError,
        sent,
      },
      { status: 400 },
    );
  }
  await savePreferences(userId, { loadBalance: parsed.data.loadBalance, lightWeekdays: parsed.data.lightWeekdays });
  return { kind: "balance" as const, ok: true as const };
}

const num = (n: number, digits: number) => n.toFixed(digits);
const pct = (n: number) => `${(n * 100).toFixed(2)}%`;

/** Current vs trained parameters on the learner's own log; lower is better for both. */
function Comparison({
  before,
  after,
  caption,
}: {
  before: { logLoss: number; rmse: number };
  after: { logLoss: number; rmse: number };
  caption: string;
}) {
  return (
    <DataTable
      className="mt-3 w-full max-w-md text-left"
      scroll={false}
      dense
      lastRowRule={false}
      caption={caption}
      captionClassName="mb-1 text-left text-sm text-muted"
      columns={["Measure (lower is better)", "Current", "Trained"]}
      rows={[
        ["Log loss", num(before.logLoss, 4), num(after.logLoss, 4)],
        ["RMSE", pct(before.rmse), pct(after.rmse)],
      ]}
      cells={(r) => r}
    />
  );
}

export default function ReviewSettings() {
  const { prefs, zones, optimizer, balance, workload } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const optimizing = navigation.state === "submitting" && navigation.formData?.get("intent") === "optimize";
  const settings = result?.kind === "settings" ? result : undefined;
  const errors = settings && !settings.ok ? settings : undefined;
  const refused = result?.kind === "optimize" && !result.ok ? result : undefined;
  const retentionResult = result?.kind === "retention" ? result : undefined;
  const stepsResult = result?.kind === "steps" ? result : undefined;
  const stepErrors = stepsResult && !stepsResult.ok ? stepsResult : undefined;
  const suggestion = result?.kind === "suggest-steps" ? result.suggestion : undefined;
  const job = optimizer.job;
  const running = job?.state === "running";
  const optimized = job?.state === "finished" ? job.outcome : undefined;
  const last = optimizer.last;
  // While a run is going, look again every few seconds (without JavaScript, a link does it).
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 2_000);
    return () => clearInterval(timer);
  }, [running, revalidator]);
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link to="/review">Review</Link> <span aria-hidden="true">›</span> Settings
      </nav>
      <h1 className="page-title">Review settings</h1>
      {settings?.ok || retentionResult?.ok ? (
        <p role="status" className="rounded-md border border-success bg-success-soft p-3 font-medium text-success">
          {retentionResult?.ok
            ? `Desired retention set to ${formatRetention(retentionResult.retention)}.`
            : "Settings saved."}
        </p>
      ) : null}
      {retentionResult && !retentionResult.ok ? (
        <p role="alert" className="rounded-md border border-danger bg-danger-soft p-3 font-medium text-danger">
          {retentionResult.fieldErrors.desiredRetention?.[0] ?? "That retention could not be saved."}
        </p>
      ) : null}
      {/* Keyed by the saved values: after "Use suggested" the fields show what was saved. */}
      <Form
        key={`${prefs.desiredRetention}|${prefs.newCardsPerDay}|${prefs.reviewsPerDay}|${prefs.timeZone}`}
        method="post"
        className="card"
        noValidate
      >
        <ErrorSummary
          message={errors?.formError}
          fieldErrors={errors?.fieldErrors}
          labels={{
            desiredRetention: RETENTION_LABEL,
            newCardsPerDay: "New cards per day",
            reviewsPerDay: "Maximum reviews per day",
            timeZone: "Time zone",
          }}
        />
        <TextField
          name="desiredRetention"
          label={RETENTION_LABEL}
          type="number"
          step="0.01"
          min={RETENTION_MIN}
          max={RETENTION_MAX}
          defaultValue={errors?.values.desiredRetention ?? prefs.desiredRetention}
          errors={errors?.fieldErrors.desiredRetention}
          hint={
            <>
              How likely you want to be to remember a card when it comes back. 0.90 is a good balance; higher means more
              reviews: <a href="#workload-title">see the workload estimate</a>.
            </>
          }
        />
        <TextField
          name="newCardsPerDay"
          label="New cards per day"
          type="number"
          min={0}
          max={500}
          defaultValue={errors?.values.newCardsPerDay ?? prefs.newCardsPerDay}
          errors={errors?.fieldErrors.newCardsPerDay}
        />
        <TextField
          name="reviewsPerDay"
          label="Maximum reviews per day"
          type="number"
          min={1}
          max={5000}
          defaultValue={errors?.values.reviewsPerDay ?? prefs.reviewsPerDay}
          errors={errors?.fieldErrors.reviewsPerDay}
        />
        <SelectField
          name="timeZone"
          label="Time zone"
          defaultValue={errors?.values.timeZone ?? prefs.timeZone}
          options={[...(zones.includes(prefs.timeZone) ? [] : [prefs.timeZone]), ...zones].map((z) => ({
            value: z,
            label: z,
          }))}
          hint="Your study day starts at 4 a.m. here, so late-evening study counts for that day."
          errors={errors?.fieldErrors.timeZone}
        />
        <Button>Save settings</Button>
      </Form>

      <Workload workload={workload} current={prefs.desiredRetention} />

      <Section headingId="steps-heading" title="Learning steps" gap={0} className="card space-y-3">
        <p>
          A new card is shown again after short <em>learning steps</em> the same day before FSRS schedules it in days; a
          forgotten card goes through <em>relearning steps</em>. Write each step as a number and a unit: m (minutes), h
          (hours) or d (days), such as <code>1m 10m</code>.
        </p>
        <p className="text-sm">
          Now: learning <strong>{prefs.learningSteps || "none"}</strong>, relearning{" "}
          <strong>{prefs.relearningSteps || "none"}</strong>.
        </p>
        {stepsResult?.ok ? (
          <p role="status" className="rounded-md border border-success bg-success-soft p-3 font-medium text-success">
            Steps saved.
          </p>
        ) : null}
        <Form key={`${prefs.learningSteps}|${prefs.relearningSteps}`} method="post" noValidate>
          <input type="hidden" name="intent" value="steps" />
          <ErrorSummary
            fieldErrors={stepErrors?.fieldErrors}
            message={stepErrors?.formError}
            labels={{ learningSteps: "Learning steps", relearningSteps: "Relearning steps" }}
          />
          <TextField
            name="learningSteps"
            label="Learning steps"
            defaultValue={stepErrors?.values.learningSteps ?? prefs.learningSteps}
            errors={stepErrors?.fieldErrors.learningSteps}
            hint="1 to 10 steps, each at least 1m and shorter than a day."
            autoComplete="off"
          />
          <TextField
            name="relearningSteps"
            label="Relearning steps"
            defaultValue={stepErrors?.values.relearningSteps ?? prefs.relearningSteps}
            errors={stepErrors?.fieldErrors.relearningSteps}
            hint="0 to 10 steps. Leave empty to let FSRS schedule a forgotten card in days at once."
            autoComplete="off"
          />
          <Button>Save steps</Button>
        </Form>
        <StepsSuggestion suggestion={suggestion} current={prefs} />
        {suggestion ? null : (
          <Form method="post">
            <input type="hidden" name="intent" value="suggest-steps" />
            <Button variant="secondary">Suggest steps from my reviews</Button>
          </Form>
        )}
      </Section>

      <ReviewBalanceSettings settings={balance} result={result?.kind === "balance" ? result : undefined} />

      <Section headingId="optimize-heading" title="Optimize my schedule" gap={0} className="card space-y-3">
        <p>
          FSRS can learn how quickly <em>you</em> forget from your own ratings and schedule your cards to match. Charted
          trains new parameters on your review history, checks how well they predict your ratings against the ones in
          use, and switches only if the new ones are better.
        </p>
        <p className="text-sm text-muted">
          {optimizer.personalized
            ? "Your schedule uses parameters trained on your reviews."
            : "Your schedule uses the FSRS default parameters."}{" "}
          You have {optimizer.ratings.toLocaleString("en-US")} {optimizer.ratings === 1 ? "rating" : "ratings"}.
        </p>
        {refused ? (
          <p role="alert" className="rounded-md border border-warn bg-warn-soft p-3 font-medium text-warn">
            {refused.message}
          </p>
        ) : null}
        {running ? (
          <div role="status" className="rounded-md border border-line p-3">
            <p className="font-medium">Optimizing your schedule: training on your reviews since {job.since}.</p>
            <p className="text-sm">
              This takes a few seconds to a minute. You can keep studying; this page shows the result when it is done.{" "}
              <Link to="/review/settings#optimize-heading">Check again</Link>
            </p>
          </div>
        ) : null}
        {optimized ? (
          optimized.ok ? (
            <div
              role="status"
              className={`rounded-md border p-3 ${optimized.adopted ? "border-success bg-success-soft" : "border-line"}`}
            >
              <p className="font-medium">
                {optimized.adopted
                  ? "Done: the trained parameters predict your ratings better, so your schedule now uses them."
                  : "Done: the trained parameters did not predict your ratings better, so your schedule keeps the current ones."}
              </p>
              <Comparison
                before={optimized.before}
                after={optimized.after}
                caption={`Measured on your ${optimized.ratings.toLocaleString("en-US")} ratings.`}
              />
            </div>
          ) : (
            <p role="alert" className="rounded-md border border-warn bg-warn-soft p-3 font-medium text-warn">
              {optimized.message}
            </p>
          )
        ) : null}
        {optimizer.needed > 0 ? (
          <p>
            Optimizing needs at least {optimizer.minimum.toLocaleString("en-US")} ratings: rate{" "}
            <strong>{optimizer.needed.toLocaleString("en-US")} more</strong> {optimizer.needed === 1 ? "card" : "cards"}{" "}
            first.
          </p>
        ) : running ? null : (
          <Form method="post">
            <input type="hidden" name="intent" value="optimize" />
            <Button disabled={optimizing} aria-describedby="optimize-hint">
              {optimizing ? "Starting…" : "Optimize my schedule"}
            </Button>
            <p id="optimize-hint" className="field-hint" aria-live="polite">
              {optimizing ? "Starting…" : "Training takes a few seconds to a minute and runs in the background."}
            </p>
          </Form>
        )}
        {last && !optimized ? (
          <div>
            <p className="text-sm">
              Last run on {last.date}:{" "}
              {last.adopted
                ? "the trained parameters were better and were adopted."
                : "the current parameters were kept."}
            </p>
            <Comparison
              before={{ logLoss: last.logLossBefore, rmse: last.rmseBefore }}
              after={{ logLoss: last.logLossAfter, rmse: last.rmseAfter }}
              caption={`Measured on ${last.reviewCount.toLocaleString("en-US")} ratings.`}
            />
          </div>
        ) : null}
      </Section>
    </div>
  );
}

const RETENTION_LABEL = `Desired retention (${formatRetention(RETENTION_MIN)}–${formatRetention(RETENTION_MAX)})`;

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/** The workload estimate and the suggested retention, or what the estimate needs. */
function Workload({ workload, current }: { workload: LoaderData["workload"]; current: number }) {
  if (!workload.ok)
    return (
      <Section headingId="workload-title" title="Workload by desired retention" gap={2} className="card">
        <p>
          The estimate needs cards: once you have started some cards, or allow new cards per day while unstarted ones
          are left, this shows how many reviews and minutes a day each desired retention would ask of you.
        </p>
      </Section>
    );
  const horizon = workload.untilExam
    ? `until your exam (${workload.horizonDays} days)`
    : `over the next ${workload.horizonDays} days`;
  const suggested = workload.suggested;
  return (
    <div className="space-y-3">
      <WorkloadChart points={workload.points} current={current} suggested={suggested} horizon={horizon} />
      <div className="card space-y-3">
        {suggested !== null ? (
          <>
            <p className="text-lg font-semibold">Suggested: {formatRetention(suggested)}</p>
            {Math.abs(suggested - current) < 0.005 ? (
              <p>You are using the suggested value.</p>
            ) : (
              <Form method="post">
                <input type="hidden" name="intent" value="retention" />
                <input type="hidden" name="desiredRetention" value={formatRetention(suggested)} />
                <Button variant="secondary">Use suggested ({formatRetention(suggested)})</Button>
              </Form>
            )}
          </>
        ) : null}
        <details>
          <summary className="cursor-pointer font-medium">How this is estimated</summary>
          <div className="mt-2 space-y-2 text-sm">
            <p>
              Charted replays your deck {horizon} with FSRS and your own parameters: your{" "}
              {workload.startedCards.toLocaleString("en-US")} started {workload.startedCards === 1 ? "card" : "cards"}{" "}
              from their current memory state, and your {workload.newCards.toLocaleString("en-US")} new{" "}
              {workload.newCards === 1 ? "card" : "cards"} at your limit of {workload.newCardsPerDay} a day. Each card
              is reviewed when it falls due; it is remembered with the chance FSRS gives it then (your desired
              retention, or less for an overdue card) and forgotten otherwise, and both outcomes are followed, weighted
              by their chance, so the numbers are averages rather than one lucky or unlucky run. A forgotten card also
              goes through your relearning steps; a new card through your learning steps on its first day. The daily
              review limit is left out: this is the work the schedule would ask for.
            </p>
            <p>
              Minutes assume{" "}
              {workload.paceMeasured
                ? `${workload.secondsPerReview} seconds a review, your usual time between two ratings (the median over your recent ratings).`
                : `${workload.secondsPerReview} seconds a review, a typical pace: you have too few ratings yet to measure your own.`}
            </p>
            <p>
              The suggestion is the highest retention before one more point (+0.01) costs more than twice what a point
              costs on average between 0.70 and 0.85: past it, extra memory gets expensive.
            </p>
          </div>
        </details>
      </div>
    </div>
  );
}

/** The optimizer's steps beside the current ones, with "Apply suggested steps". */
function StepsSuggestion({
  suggestion,
  current,
}: {
  suggestion: Awaited<ReturnType<typeof suggestSteps>> | undefined;
  current: { learningSteps: string; relearningSteps: string };
}) {
  if (!suggestion) return null;
  if (!suggestion.ok)
    return (
      <p role="alert" className="rounded-md border border-warn bg-warn-soft p-3 font-medium text-warn">
        {suggestion.message}
      </p>
    );
  const learning = suggestion.learning ? formatSteps(suggestion.learning) : null;
  const relearning = suggestion.relearning ? formatSteps(suggestion.relearning) : null;
  if (learning === null && relearning === null)
    return (
      <p role="status" className="rounded-md border border-line p-3">
        Your {suggestion.ratings.toLocaleString("en-US")} ratings gave no recommendation: each kind of step needs at
        least 100 examples in your log (a first rating followed by another, or a forgotten card followed by its next
        rating), and a step that would be 12 hours or longer is not recommended. Your steps stay as they are.
      </p>
    );
  const same =
    (learning ?? current.learningSteps) === current.learningSteps &&
    (relearning ?? current.relearningSteps) === current.relearningSteps;
  return (
    <div role="status" className="space-y-2 rounded-md border border-line p-3">
      <p className="font-medium">From your {suggestion.ratings.toLocaleString("en-US")} ratings:</p>
      <DataTable
        className="w-full max-w-md text-left text-sm"
        scroll={false}
        dense
        lastRowRule={false}
        columns={["Steps", "Now", "Suggested"]}
        rows={[
          ["Learning", current.learningSteps || "none", learning ?? "no recommendation"],
          ["Relearning", current.relearningSteps || "none", relearning ?? "no recommendation"],
        ]}
        cells={(r) => r}
      />
      {same ? (
        <p>Your steps already match the suggestion.</p>
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value="steps" />
          <input type="hidden" name="learningSteps" value={learning ?? current.learningSteps} />
          <input type="hidden" name="relearningSteps" value={relearning ?? current.relearningSteps} />
          <Button>Apply suggested steps</Button>
        </Form>
      )}
    </div>
  );
}
