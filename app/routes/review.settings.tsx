import { formatDate } from "~/utils/dates.ts";
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
import { learnerPreferences, savePreferences } from "~/models/preferences.server.ts";
import { optimizeAction, reviewSettingsSchema } from "~/review/forms.ts";
import { optimizerStatus, requestOptimization } from "~/review/optimizer.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { parseFormData, parseInput } from "~/utils/forms.server.ts";

export const meta: MetaFunction = () => [{ title: "Review settings · Charted" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [prefs, optimizer] = await Promise.all([learnerPreferences(user.id), optimizerStatus(user.id)]);
  return {
    prefs: {
      desiredRetention: prefs.desiredRetention,
      newCardsPerDay: prefs.newCardsPerDay,
      reviewsPerDay: prefs.reviewsPerDay,
      timeZone: prefs.timeZone,
    },
    zones: Intl.supportedValuesOf("timeZone"),
    balance: { loadBalance: prefs.loadBalance, lightWeekdays: [...parseWeekdays(prefs.lightWeekdays)] },
    optimizer: {
      ...optimizer,
      // Formatted here, in the learner's time zone, so server and browser render the same text.
      last: optimizer.last
        ? {
            ...optimizer.last,
            date: formatDate(optimizer.last.createdAt, prefs.timeZone, "date"),
          }
        : null,
      // A run finished in the last hour is shown with its outcome; older ones as "Last run".
      job:
        optimizer.job && (optimizer.job.state === "running" || recent(optimizer.job.finishedAt))
          ? {
              state: optimizer.job.state,
              since: formatDate(optimizer.job.since, prefs.timeZone, "dateTime"),
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
  if (formData.has("intent")) {
    const parsed = optimizeAction.safeParse(Object.fromEntries(formData));
    if (!parsed.success)
      return data(
        { kind: "optimize" as const, ok: false as const, message: parsed.error.issues[0].message },
        { status: 400 },
      );
    const result = await requestOptimization(user.id);
    if (!result.ok)
      return data(
        { kind: "optimize" as const, ok: false as const, message: result.message },
        { status: result.reason === "running" ? 409 : 400 },
      );
    // Queued: the page (reloaded after this action) shows the run in progress.
    return { kind: "optimize" as const, ok: true as const };
  }
  const parsed = parseFormData(formData, reviewSettingsSchema);
  if (!parsed.ok) return data({ kind: "settings" as const, ...parsed }, { status: 400 });
  await savePreferences(user.id, parsed.data);
  return { kind: "settings" as const, ok: true as const };
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
  const { prefs, zones, optimizer, balance } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const optimizing = navigation.state === "submitting" && navigation.formData?.get("intent") === "optimize";
  const settings = result?.kind === "settings" ? result : undefined;
  const errors = settings && !settings.ok ? settings : undefined;
  const refused = result?.kind === "optimize" && !result.ok ? result : undefined;
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
      {settings?.ok ? (
        <p role="status" className="rounded-md border border-success bg-success-soft p-3 font-medium text-success">
          Settings saved.
        </p>
      ) : null}
      <Form method="post" className="card" noValidate>
        <ErrorSummary
          message={errors?.formError}
          fieldErrors={errors?.fieldErrors}
          labels={{
            desiredRetention: "Desired retention (0.70–0.97)",
            newCardsPerDay: "New cards per day",
            reviewsPerDay: "Maximum reviews per day",
            timeZone: "Time zone",
          }}
        />
        <TextField
          name="desiredRetention"
          label="Desired retention (0.70–0.97)"
          type="number"
          step="0.01"
          min={0.7}
          max={0.97}
          defaultValue={errors?.values.desiredRetention ?? prefs.desiredRetention}
          errors={errors?.fieldErrors.desiredRetention}
          hint="How likely you want to be to remember a card when it comes back. 0.90 is a good balance; higher means more reviews."
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
