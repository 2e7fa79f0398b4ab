import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, CheckboxGroup, ErrorSummary, TextField } from "~/components/form-controls.tsx";
import { useDates } from "~/components/use-dates.ts";
import { savePreferences } from "~/models/preferences.server.ts";
import { progressDashboard } from "~/progress/dashboard.server.ts";
import { planSettingsInput, planSettingsSchema } from "~/progress/forms.ts";
import { SESSIONS_SHOWN, taskLine } from "~/progress/plan.ts";
import { studyDay } from "~/review/study-day.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { parseInput } from "~/utils/forms.server.ts";
import { Section } from "~/components/section.tsx";

export const meta: MetaFunction = () => [{ title: "Study plan · Progress · Charted" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const d = await progressDashboard(user.id);
  return {
    today: d.today,
    prefs: d.prefs,
    status: d.plan.status,
    notes: d.plan.notes,
    sessions: d.plan.sessions.slice(0, SESSIONS_SHOWN),
    moreSessions: Math.max(0, d.plan.sessions.length - SESSIONS_SHOWN),
    daysLeft: d.plan.status === "ok" ? d.plan.daysLeft : null,
    streak: d.streak,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const today = studyDay(new Date(), user.timeZone).label;
  const parsed = parseInput(planSettingsInput(formData), planSettingsSchema(today), formData);
  if (!parsed.ok) return data({ ...parsed, weekdays: formData.getAll("weekdays").map(String) }, { status: 400 });
  await savePreferences(user.id, {
    examDate: parsed.data.examDate ? new Date(`${parsed.data.examDate}T00:00:00Z`) : null,
    studyWeekdays: parsed.data.weekdays.join(","),
    studyMinutes: parsed.data.minutes,
    studyStartTime: parsed.data.startTime,
  });
  return { ok: true as const };
}

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

export default function StudyPlan() {
  const d = useLoaderData<typeof loader>();
  const dates = useDates();
  const result = useActionData<typeof action>();
  const errors = result && !result.ok ? result : undefined;
  const checkedDays = errors ? new Set(errors.weekdays.map(Number)) : new Set(d.prefs.weekdays);
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link to="/progress">Progress</Link> <span aria-hidden="true">›</span> Study plan
      </nav>
      <h1 className="page-title">Your study plan</h1>
      {result?.ok ? (
        <p role="status" className="rounded-md border border-success bg-success-soft p-3 font-medium text-success">
          Plan updated.
        </p>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[20rem_1fr]">
        <Form method="post" className="card h-fit" noValidate aria-labelledby="settings-heading">
          <h2 id="settings-heading" className="mb-3 text-xl font-semibold">
            Your exam and your week
          </h2>
          <ErrorSummary
            message={errors?.formError}
            fieldErrors={errors?.fieldErrors}
            labels={{
              examDate: "Exam date",
              weekdays: "Days you can study",
              minutes: "Minutes per session (10–240)",
              startTime: "Sessions start at",
            }}
          />
          <TextField
            name="examDate"
            label="Exam date"
            type="date"
            min={d.today}
            defaultValue={errors?.values.examDate ?? d.prefs.examDate ?? ""}
            errors={errors?.fieldErrors.examDate}
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
            errors={errors?.fieldErrors.weekdays}
          />
          <TextField
            name="minutes"
            label="Minutes per session (10–240)"
            type="number"
            min={10}
            max={240}
            defaultValue={errors?.values.minutes ?? d.prefs.minutes}
            errors={errors?.fieldErrors.minutes}
          />
          <TextField
            name="startTime"
            label="Sessions start at"
            type="time"
            defaultValue={errors?.values.startTime ?? d.prefs.startTime}
            errors={errors?.fieldErrors.startTime}
            hint="Used for calendar reminders."
          />
          <Button>Save and rebuild my plan</Button>
        </Form>

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
          <ol className="space-y-3">
            {d.sessions.map((s) => (
              <li key={s.day} className="card">
                <h3 className="font-semibold">
                  {s.day === d.today ? "Today" : dates.day(s.day, "weekdayLong")}
                  <span className="font-normal text-muted">
                    {" "}
                    · about {s.minutes} min{s.finalDay ? " · light review before the exam" : ""}
                  </span>
                </h3>
                <ul className="mt-1 space-y-1">
                  {s.tasks.map((t, i) => (
                    <li key={i}>
                      <Link to={t.href}>{taskLine(t)}</Link>
                      {t.kind === "mock" && t.longerThanSession ? (
                        <span className="text-sm text-muted"> (longer than your usual session: plan the time)</span>
                      ) : null}
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
