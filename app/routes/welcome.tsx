import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Button, CheckboxGroup, ErrorSummary, FormError, TextField } from "~/components/form-controls.tsx";
import { getContentIndex } from "~/content/index.server.ts";
import { DIAGNOSTIC_QUESTIONS, finishOnboarding, startDiagnostic } from "~/home/onboarding.server.ts";
import { learnerPreferences, savePreferences } from "~/models/preferences.server.ts";
import { parseWeekdays } from "~/progress/dashboard.server.ts";
import { planSettingsInput, planSettingsSchema } from "~/progress/forms.ts";
import { MINUTES_PER_QUESTION } from "~/progress/plan.ts";
import { studyDay } from "~/review/study-day.ts";
import { hasRole, requireUser, type AuthUser } from "~/utils/auth.server.ts";
import { parseInput } from "~/utils/forms.server.ts";

export const meta: MetaFunction = () => [{ title: "Welcome · Charted" }];

// The first-visit onboarding, for learners only: step 1 the exam date and study week (the study
// plan's own settings), step 2 an optional diagnostic quiz. "Skip" is on every step.
const stepParam = z.enum(["plan", "diagnostic"]).catch("plan");
const intentField = z.enum(["plan", "diagnostic", "skip"], { error: "Choose one of the buttons on the page." });

/** Learners who have not finished the onboarding; everyone else goes home. */
async function requireNewLearner(request: Request): Promise<AuthUser> {
  const user = await requireUser(request);
  if (hasRole(user, "instructor") || user.onboarded) throw redirect("/");
  return user;
}

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireNewLearner(request);
  const prefs = await learnerPreferences(user.id);
  return {
    name: user.name,
    step: stepParam.parse(new URL(request.url).searchParams.get("step") ?? undefined),
    today: studyDay(new Date(), user.timeZone).label,
    prefs: {
      examDate: prefs.examDate ? prefs.examDate.toISOString().slice(0, 10) : null,
      weekdays: parseWeekdays(prefs.studyWeekdays),
      minutes: prefs.studyMinutes,
      startTime: prefs.studyStartTime,
    },
    diagnostic: {
      questions: DIAGNOSTIC_QUESTIONS,
      minutes: Math.ceil(DIAGNOSTIC_QUESTIONS * MINUTES_PER_QUESTION),
      domains: getContentIndex().domains.length,
    },
  };
}

type ActionData =
  | {
      form: "plan";
      fieldErrors: Record<string, string[]>;
      formError?: string;
      values: Record<string, string>;
      weekdays: string[];
    }
  | { form: "diagnostic"; message: string };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireNewLearner(request);
  const formData = await request.formData();
  const intent = intentField.safeParse(formData.get("intent"));
  if (!intent.success)
    return data<ActionData>({ form: "diagnostic", message: "Choose one of the buttons on the page." }, { status: 400 });
  switch (intent.data) {
    case "skip":
      await finishOnboarding(user.id);
      return redirect("/");
    case "plan": {
      const today = studyDay(new Date(), user.timeZone).label;
      const parsed = parseInput(planSettingsInput(formData), planSettingsSchema(today), formData);
      if (!parsed.ok) {
        // A bad day in the list ("weekdays.0") is the day group's error.
        const fieldErrors: Record<string, string[]> = {};
        for (const [key, messages] of Object.entries(parsed.fieldErrors))
          (fieldErrors[key.split(".")[0]] ??= []).push(...messages);
        return data<ActionData>(
          { form: "plan", ...parsed, fieldErrors, weekdays: formData.getAll("weekdays").map(String) },
          { status: 400 },
        );
      }
      await savePreferences(user.id, {
        examDate: parsed.data.examDate ? new Date(`${parsed.data.examDate}T00:00:00Z`) : null,
        studyWeekdays: parsed.data.weekdays.join(","),
        studyMinutes: parsed.data.minutes,
        studyStartTime: parsed.data.startTime,
      });
      return redirect("/welcome?step=diagnostic");
    }
    case "diagnostic": {
      const result = await startDiagnostic(user.id);
      if (result.ok) return redirect(`/attempts/${result.attemptId}/q/1`);
      return data<ActionData>(
        { form: "diagnostic", message: result.message },
        { status: result.reason === "throttled" ? 429 : 409 },
      );
    }
  }
}

function SkipForm({ label }: { label: string }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="skip" />
      <Button variant="secondary">{label}</Button>
    </Form>
  );
}

export default function Welcome() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const planErrors = result?.form === "plan" ? result : undefined;
  const checkedDays = planErrors ? new Set(planErrors.weekdays.map(Number)) : new Set(d.prefs.weekdays);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <header>
        <p className="text-muted">Step {d.step === "plan" ? 1 : 2} of 2</p>
        <h1 className="page-title">
          {d.step === "plan" ? `Welcome to Charted, ${d.name}` : "Find out where you stand"}
        </h1>
      </header>
      {d.step === "plan" ? (
        <>
          <p className="text-lg">
            Tell us about your exam and your week, and Charted plans each study session for you: reviews, lessons,
            quizzes and mock exams. You can change this any time in your study plan.
          </p>
          <Form method="post" className="card" noValidate aria-label="Your exam and your week">
            <ErrorSummary
              message={planErrors?.formError}
              fieldErrors={planErrors?.fieldErrors}
              labels={{
                examDate: "Exam date",
                weekdays: "Days you can study",
                minutes: "Minutes per session (10–240)",
                startTime: "Sessions start at",
              }}
            />
            <input type="hidden" name="intent" value="plan" />
            <TextField
              name="examDate"
              label="Exam date"
              type="date"
              min={d.today}
              defaultValue={planErrors?.values.examDate ?? d.prefs.examDate ?? ""}
              errors={planErrors?.fieldErrors.examDate}
              hint="Optional: leave it empty if you have not booked your exam yet."
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
              errors={planErrors?.fieldErrors.weekdays}
            />
            <TextField
              name="minutes"
              label="Minutes per session (10–240)"
              type="number"
              min={10}
              max={240}
              defaultValue={planErrors?.values.minutes ?? d.prefs.minutes}
              errors={planErrors?.fieldErrors.minutes}
            />
            <TextField
              name="startTime"
              label="Sessions start at"
              type="time"
              defaultValue={planErrors?.values.startTime ?? d.prefs.startTime}
              errors={planErrors?.fieldErrors.startTime}
              hint="Used for calendar reminders."
            />
            <Button>Save and continue</Button>
          </Form>
          <SkipForm label="Skip for now" />
        </>
      ) : (
        <>
          <p className="text-lg">
            Take a {d.diagnostic.questions}-question diagnostic across all {d.diagnostic.domains} exam domains, in the
            exam&apos;s proportions. It is untimed and takes about {d.diagnostic.minutes} minutes. Your answers show
            your strong and weak domains, start your chance-of-passing estimate and steer your plan; the questions you
            miss become review cards.
          </p>
          {result?.form === "diagnostic" ? <FormError message={result.message} /> : null}
          <div className="flex flex-wrap gap-3">
            <Form method="post">
              <input type="hidden" name="intent" value="diagnostic" />
              <Button>Start the diagnostic</Button>
            </Form>
            <SkipForm label="Skip, go to Today" />
          </div>
          <p className="text-muted">
            You can take one later from <Link to="/practice">Practice</Link>.
          </p>
        </>
      )}
    </div>
  );
}
