import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, CheckboxGroup, ErrorSummary, FormError, TextField } from "~/components/form-controls.tsx";
import { useDates } from "~/components/use-dates.ts";
import { progressDashboard } from "~/progress/dashboard.server.ts";
import {
  dayOffSchema,
  planIntentSchema,
  planSettingsInput,
  planSettingsSchema,
  removeDayOffSchema,
} from "~/progress/forms.ts";
import { hoursAndMinutes, LESSON_ORDER_RULE, MOCK_MINUTES, SESSIONS_SHOWN, taskLine } from "~/progress/plan.ts";
import { addDayOff, removeDayOff, savePlanSettings } from "~/progress/plan-settings.server.ts";
import { studyDay } from "~/review/study-day.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { formatDay } from "~/utils/dates.ts";
import { requestLocale } from "~/utils/locale.server.ts";
import { formFailure, parseFormData, parseInput, type FormFailure } from "~/utils/forms.server.ts";
import { Section } from "~/components/section.tsx";

export const meta: MetaFunction = () => [{ title: "Study plan · Progress · Charted" }];

/** "Saturday, December 12" in the reader's locale, for labels made on the server. */
const longDay = (label: string, locale: string) => formatDay(label, "weekdayLong", locale);
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const d = await progressDashboard(user.id);
  const locale = requestLocale(request);
  return {
    today: d.today,
    prefs: d.prefs,
    daysOff: d.prefs.daysOff.map((day) => ({ day, label: longDay(day, locale) })),
    status: d.plan.status,
    notes: d.plan.notes,
    sessions: d.plan.sessions.slice(0, SESSIONS_SHOWN),
    moreSessions: Math.max(0, d.plan.sessions.length - SESSIONS_SHOWN),
    mockProposals: d.plan.mockProposals.map((p) => ({ ...p, label: longDay(p.day, locale) })),
    daysLeft: d.plan.status === "ok" ? d.plan.daysLeft : null,
    streak: d.streak,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const today = studyDay(new Date(), user.timeZone).label;
  const intent = planIntentSchema.safeParse(formData.get("intent") ?? "settings");
  if (!intent.success)
    return data(settingsFailure(formData, formFailure(formData, "Something went wrong: please try again.")), 400);

  if (intent.data === "add-day-off") {
    const parsed = parseFormData(formData, dayOffSchema(today));
    if (!parsed.ok) return data({ form: "day-off" as const, ...parsed }, { status: 400 });
    const added = await addDayOff(user.id, parsed.data.day, today);
    if (!added.ok) return data({ form: "day-off" as const, ...formFailure(formData, added.message) }, { status: 409 });
    return {
      ok: true as const,
      form: "day-off" as const,
      message: `Day off added: ${longDay(parsed.data.day, requestLocale(request))}.`,
    };
  }
  if (intent.data === "remove-day-off") {
    const parsed = parseFormData(formData, removeDayOffSchema);
    if (!parsed.ok) return data({ form: "day-off" as const, ...parsed }, { status: 400 });
    await removeDayOff(user.id, parsed.data.day, today);
    return {
      ok: true as const,
      form: "day-off" as const,
      message: `Day off removed: ${longDay(parsed.data.day, requestLocale(request))}.`,
    };
  }

  const parsed = parseInput(planSettingsInput(formData), planSettingsSchema(today), formData);
  if (!parsed.ok) return data(settingsFailure(formData, parsed), { status: 400 });
  await savePlanSettings(user.id, parsed.data);
  return { ok: true as const, form: "settings" as const, message: "Plan updated." };
}

/** The settings form's failure, with the ticked boxes to tick again. */
function settingsFailure(formData: FormData, failure: FormFailure) {
  // A bad box of a group ("weekdays.1") is the group's error, shown next to it.
  const fieldErrors: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(failure.fieldErrors)) {
    const field = key.split(".")[0];
    fieldErrors[field] = [...new Set([...(fieldErrors[field] ?? []), ...messages])];
  }
  return {
    form: "settings" as const,
    ...failure,
    fieldErrors,
    weekdays: formData.getAll("weekdays").map(String),
    longWeekdays: formData.getAll("longWeekdays").map(String),
  };
}

export default function StudyPlan() {
  const d = useLoaderData<typeof loader>();
  const dates = useDates();
  const result = useActionData<typeof action>();
  const settingsErrors = result && !result.ok && result.form === "settings" ? result : undefined;
  const dayOffErrors = result && !result.ok && result.form === "day-off" ? result : undefined;
  const checkedDays = new Set(settingsErrors ? settingsErrors.weekdays.map(Number) : d.prefs.weekdays);
  const longDays = new Set(settingsErrors ? settingsErrors.longWeekdays.map(Number) : d.prefs.longWeekdays);
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link to="/progress">Progress</Link> <span aria-hidden="true">›</span> Study plan
      </nav>
      <h1 className="page-title">Your study plan</h1>
      {result?.ok ? (
        <p role="status" className="rounded-md border border-success bg-success-soft p-3 font-medium text-success">
          {result.message}
        </p>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[20rem_1fr]">
        <div className="space-y-6">
          <Form method="post" className="card h-fit" noValidate aria-labelledby="settings-heading">
            <h2 id="settings-heading" className="mb-3 text-xl font-semibold">
              Your exam and your week
            </h2>
            <input type="hidden" name="intent" value="settings" />
            <ErrorSummary
              message={settingsErrors?.formError}
              fieldErrors={settingsErrors?.fieldErrors}
              labels={{
                examDate: "Exam date",
                weekdays: "Days you can study",
                longWeekdays: "Days with time for a full mock",
                minutes: "Minutes per session (10–240)",
                startTime: "Sessions start at",
              }}
            />
            <TextField
              name="examDate"
              label="Exam date"
              type="date"
              min={d.today}
              defaultValue={settingsErrors?.values.examDate ?? d.prefs.examDate ?? ""}
              errors={settingsErrors?.fieldErrors.examDate}
              hint="Leave empty if you have not booked it yet."
            />
            <CheckboxGroup
              name="weekdays"
              legend="Days you can study"
              className="mb-4"
              options={WEEKDAYS.map((name, i) => ({
                value: String(i + 1),
                label: name,
                defaultChecked: checkedDays.has(i + 1),
              }))}
              errors={settingsErrors?.fieldErrors.weekdays}
            />
            <TextField
              name="minutes"
              label="Minutes per session (10–240)"
              type="number"
              min={10}
              max={240}
              defaultValue={settingsErrors?.values.minutes ?? d.prefs.minutes}
              errors={settingsErrors?.fieldErrors.minutes}
              hint="Every session fits in this time."
            />
            <CheckboxGroup
              name="longWeekdays"
              legend="Days with time for a full mock"
              hint={`A full mock takes ${hoursAndMinutes(MOCK_MINUTES)}. Mocks go only on these days; with none, the plan proposes a block for you to place.`}
              className="mb-4"
              options={WEEKDAYS.map((name, i) => ({
                value: String(i + 1),
                label: name,
                defaultChecked: longDays.has(i + 1),
              }))}
              errors={settingsErrors?.fieldErrors.longWeekdays}
            />
            <TextField
              name="startTime"
              label="Sessions start at"
              type="time"
              defaultValue={settingsErrors?.values.startTime ?? d.prefs.startTime}
              errors={settingsErrors?.fieldErrors.startTime}
              hint="Used for calendar reminders."
            />
            <Button>Save and rebuild my plan</Button>
          </Form>

          <Section headingId="days-off-heading" title="Days off" className="card h-fit">
            <p className="mb-3 text-sm">No sessions are planned on your days off.</p>
            {d.daysOff.length ? (
              <ul className="mb-4 space-y-2" aria-label="Upcoming days off">
                {d.daysOff.map((off) => (
                  <li key={off.day} className="flex flex-wrap items-center justify-between gap-2">
                    <span>{off.label}</span>
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove-day-off" />
                      <input type="hidden" name="day" value={off.day} />
                      <Button variant="secondary">
                        Remove<span className="sr-only"> day off {off.label}</span>
                      </Button>
                    </Form>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mb-4 text-sm text-muted">No upcoming days off.</p>
            )}
            <Form method="post" noValidate aria-label="Add a day off">
              <input type="hidden" name="intent" value="add-day-off" />
              <FormError message={dayOffErrors?.formError} />
              <TextField
                name="day"
                id="day-off"
                label="Day off"
                type="date"
                min={d.today}
                required
                defaultValue={dayOffErrors?.values.day ?? ""}
                errors={dayOffErrors?.fieldErrors.day}
              />
              <Button variant="secondary">Add day off</Button>
            </Form>
          </Section>
        </div>

        <Section
          headingId="plan-heading"
          title={
            d.daysLeft !== null ? `${d.daysLeft} day${d.daysLeft === 1 ? "" : "s"} to your exam` : "Upcoming sessions"
          }
          gap={0}
          className="space-y-4"
          actions={
            d.sessions.length ? (
              <a href="/progress/plan.ics" className="btn-secondary" download>
                Add to my calendar (.ics)
              </a>
            ) : null
          }
        >
          {d.notes.map((n) => (
            <p key={n} className="rounded-md border border-warn bg-warn-soft p-3">
              {n}
            </p>
          ))}
          <p className="text-sm text-muted">
            The plan is rebuilt from your progress each time you open it: finished lessons drop out, quizzes follow your
            weakest domains and review time follows your due cards. Streak: {d.streak.current} day
            {d.streak.current === 1 ? "" : "s"}.
          </p>
          <p className="text-sm text-muted">{LESSON_ORDER_RULE}</p>
          {d.mockProposals.length ? (
            <ul className="space-y-3" aria-label="Full mocks to place">
              {d.mockProposals.map((p) => (
                <li key={p.day} className="card border-dashed">
                  <h3 className="font-semibold">Full mock: set aside {hoursAndMinutes(p.minutes)} — pick a day</h3>
                  <p className="mt-1">
                    Suggested: {p.label}. None of your long days falls in time, so this is not in a session.{" "}
                    <Link to={p.href}>Take a full mock</Link>
                  </p>
                </li>
              ))}
            </ul>
          ) : null}
          <ol className="space-y-3" aria-label="Sessions">
            {d.sessions.map((s) => (
              <li key={s.day} className="card" data-day={s.day}>
                <h3 className="font-semibold">
                  {s.day === d.today ? "Today" : dates.day(s.day, "weekdayLong")}
                  <span className="font-normal text-muted">
                    {" "}
                    · about {s.minutes} min{s.finalDay ? " · light review before the exam" : ""}
                    {s.tasks.some((t) => t.kind === "mock") ? " · your long day" : ""}
                  </span>
                </h3>
                <ul className="mt-1 space-y-1">
                  {s.tasks.map((t, i) => (
                    <li key={i}>
                      <Link to={t.href}>{taskLine(t)}</Link>
                    </li>
                  ))}
                  {s.tasks.length === 0 ? <li>Nothing due: a short review or a rest day.</li> : null}
                </ul>
              </li>
            ))}
          </ol>
          {d.moreSessions ? (
            <p>
              And {d.moreSessions} more session{d.moreSessions === 1 ? "" : "s"} until{" "}
              {d.prefs.examDate ? dates.day(d.prefs.examDate, "monthDay") : "the end of the plan"} (all in the calendar
              file).
            </p>
          ) : null}
        </Section>
      </div>
    </div>
  );
}
