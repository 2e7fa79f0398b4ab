import { Form, Link } from "@remix-run/react";
import { BookOpen, Calendar, CircleCheck, Circle, Clock, Flame } from "lucide-react";
import type { learnerHome } from "~/home/learner.server.ts";
import { AssignmentList } from "~/components/assignment-list.tsx";
import { Button, ErrorSummary, SelectField } from "~/components/form-controls.tsx";
import { Section } from "~/components/section.tsx";

type Today = Awaited<ReturnType<typeof learnerHome>>;

/** What the weekly-goal form's action answered (the home route passes it down). */
export interface GoalResult {
  ok: boolean;
  fieldErrors?: Record<string, string[]>;
  formError?: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The learner's Today: what to do now, in the order they would do it. */
export function LearnerHome({ data, goalResult }: { data: Today; goalResult?: GoalResult }) {
  const { assignments, catchUp } = data;
  return (
    <div className="space-y-6">
      <header>
        <h1 className="page-title mb-1">Today</h1>
        <p className="text-muted">
          {data.date} · Hello, <span className="break-words">{data.name}</span>.
        </p>
      </header>

      <div className="grid gap-4 md:grid-cols-2">
        <ReviewsCard reviews={data.reviews} />
        {data.resume ? (
          <section className="card" aria-labelledby="resume-heading">
            <h2 id="resume-heading" className="mb-2 text-xl font-semibold">
              Pick up where you left off
            </h2>
            <p className="mb-3">
              {data.resume.name} in progress: {plural(data.resume.items, "question")}.
              {data.resume.timeLeft ? ` ${data.resume.timeLeft} left on the clock.` : " Untimed."}
            </p>
            <Link to={`/attempts/${data.resume.id}`} className="btn-primary">
              Resume
            </Link>
          </section>
        ) : null}
        <section className="card" aria-labelledby="lesson-heading">
          <h2 id="lesson-heading" className="mb-2 flex items-center gap-2 text-xl font-semibold">
            <BookOpen aria-hidden="true" className="size-5 shrink-0" /> Next lesson
          </h2>
          {data.nextLesson ? (
            <>
              <p className="mb-3">
                <Link to={data.nextLesson.href} className="font-semibold">
                  {data.nextLesson.title}
                </Link>{" "}
                <span className="text-muted">(about {data.nextLesson.minutes} min to read)</span>
              </p>
              <Link to={data.nextLesson.href} className="btn-secondary">
                Read the lesson
              </Link>
            </>
          ) : data.lessonsLeft === 0 ? (
            <p>You have read every lesson. Keep your memory fresh with reviews and quizzes.</p>
          ) : (
            <p>
              No lesson is planned before your exam. <Link to="/learn">Browse the lessons</Link>.
            </p>
          )}
        </section>
        <ExamCard exam={data.exam} />
      </div>

      <Section headingId="plan-heading" title="Today's plan" className="card">
        {data.plan.tasks.length ? (
          <ul className="space-y-2">
            {data.plan.tasks.map((t, i) => (
              <li key={`${t.kind}-${i}`} className="flex items-start gap-2">
                {t.done ? (
                  <CircleCheck aria-hidden="true" className="mt-1 size-5 shrink-0 text-success" />
                ) : (
                  <Circle aria-hidden="true" className="mt-1 size-5 shrink-0 text-muted" />
                )}
                <span className="min-w-0">
                  <span
                    className={`mr-2 rounded px-1.5 py-0.5 text-sm font-semibold ${
                      t.done ? "bg-success-soft text-success" : "bg-raised text-ink"
                    }`}
                  >
                    {t.done ? "Done" : "To do"}
                  </span>
                  <Link to={t.href} className={t.done ? "text-muted" : undefined}>
                    {t.text}
                  </Link>
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p>
            {data.plan.nextSession
              ? `Today is not one of your study days. Your next session is ${data.plan.nextSession}.`
              : "Nothing is planned for today."}{" "}
            <Link to="/progress/plan">See your study plan</Link>.
          </p>
        )}
      </Section>

      <WeekCard data={data} goalResult={goalResult} />

      {catchUp ? (
        <p className="card">
          {catchUp === "offer"
            ? "Review cards have piled up while you were away. "
            : "Your catch-up plan is running: a steady number of reviews a day until the backlog is gone. "}
          <Link to="/review/catch-up">{catchUp === "offer" ? "Plan a catch-up" : "See your catch-up plan"}</Link>
        </p>
      ) : null}
      {assignments.length ? (
        <Section headingId="assignments-heading" title="Your assignments" className="card">
          <AssignmentList items={assignments} />
        </Section>
      ) : null}
    </div>
  );
}

function ReviewsCard({ reviews }: { reviews: Today["reviews"] }) {
  const waiting = reviews.due + reviews.newCards;
  return (
    <section className="card" aria-labelledby="reviews-heading">
      <h2 id="reviews-heading" className="mb-2 flex items-center gap-2 text-xl font-semibold">
        <Clock aria-hidden="true" className="size-5 shrink-0" /> Reviews
      </h2>
      {waiting > 0 ? (
        <>
          <p className="mb-3">
            {[
              reviews.due ? `${plural(reviews.due, "card")} due` : "",
              reviews.newCards ? plural(reviews.newCards, "new card") : "",
            ]
              .filter(Boolean)
              .join(" and ")}
            : about {plural(reviews.minutes, "minute")}
            {reviews.measuredPace ? " at your usual pace" : ""}.
          </p>
          <Link to="/review/study" className="btn-primary">
            Start
          </Link>
        </>
      ) : (
        <p>
          {reviews.limitReached
            ? "You reached today's review limit. "
            : reviews.doneToday
              ? `All done for now: ${plural(reviews.doneToday, "card")} reviewed today. `
              : "No reviews due now. "}
          {reviews.next
            ? `Next reviews: ${reviews.next.when} (${plural(reviews.next.cards, "card")}).`
            : "Add cards from a lesson or a quiz to start reviewing."}
        </p>
      )}
    </section>
  );
}

function ExamCard({ exam }: { exam: Today["exam"] }) {
  return (
    <section className="card" aria-labelledby="exam-heading">
      <h2 id="exam-heading" className="mb-2 flex items-center gap-2 text-xl font-semibold">
        <Calendar aria-hidden="true" className="size-5 shrink-0" /> Your exam
      </h2>
      {exam.status === "ok" && exam.daysLeft !== null ? (
        <p className="mb-2">
          <span className="text-2xl font-bold">{plural(exam.daysLeft, "day")}</span> to go ({exam.date}).
        </p>
      ) : exam.status === "exam-today" ? (
        <p className="mb-2 font-semibold">Your exam is today. Good luck!</p>
      ) : exam.status === "passed" ? (
        <p className="mb-2">
          Your exam date ({exam.date}) has passed. <Link to="/progress/plan">Set your next exam date</Link>.
        </p>
      ) : (
        <p className="mb-2">
          <Link to="/progress/plan">Set your exam date</Link> to count down to it and plan each session.
        </p>
      )}
      <p>
        {exam.passChance !== null ? (
          <>
            Chance of passing: <strong>{exam.passChance}%</strong>.{" "}
          </>
        ) : (
          "Answer more questions across the domains for an estimate of your chance of passing. "
        )}
        <Link to="/progress">Your progress</Link>
      </p>
    </section>
  );
}

function WeekCard({ data, goalResult }: { data: Today; goalResult?: GoalResult }) {
  const { streak, weeklyGoal: goal } = data;
  const errors = goalResult && !goalResult.ok ? goalResult : undefined;
  return (
    <Section headingId="week-heading" title="Your week" className="card">
      <div className="mb-4 grid gap-3 sm:grid-cols-2">
        <p className="flex items-center gap-2">
          <Flame aria-hidden="true" className="size-5 shrink-0" />
          <span>
            Streak: <strong>{plural(streak.current, "day")}</strong>
            {streak.studiedToday ? "" : streak.current ? " (study today to keep it)" : ""}. Longest:{" "}
            {plural(streak.longest, "day")}.
          </span>
        </p>
        <p>
          Weekly goal:{" "}
          <strong>
            {goal.done} of {plural(goal.goal, "study day")}
          </strong>{" "}
          this week{goal.met ? ": goal met." : "."}
        </p>
      </div>
      <Form method="post" action="/?index" noValidate aria-label="Weekly goal" className="max-w-md">
        <ErrorSummary
          message={errors?.formError}
          fieldErrors={errors?.fieldErrors}
          labels={{ goalDays: "Study days a week" }}
        />
        {goalResult?.ok ? (
          <p role="status" className="mb-2 font-medium text-success">
            Weekly goal saved.
          </p>
        ) : null}
        <input type="hidden" name="intent" value="weekly-goal" />
        <div className="flex flex-wrap items-end gap-3">
          <SelectField
            name="goalDays"
            label="Study days a week"
            wrapperClassName=""
            className="w-auto"
            defaultValue={goal.custom ? String(goal.goal) : ""}
            errors={errors?.fieldErrors?.goalDays}
            options={[
              { value: "", label: "As many as my study days" },
              ...[1, 2, 3, 4, 5, 6, 7].map((n) => ({ value: String(n), label: plural(n, "day") })),
            ]}
          />
          <Button variant="secondary">Save goal</Button>
        </div>
      </Form>
    </Section>
  );
}
