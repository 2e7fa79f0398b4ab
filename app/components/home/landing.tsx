import { Link } from "@remix-run/react";
import { BookOpen, ChartColumn, Flag, GraduationCap, Repeat, Timer } from "lucide-react";
import type { ReactNode } from "react";
import type { landingHome } from "~/home/landing.server.ts";
import { OPTION_LETTERS } from "~/content/exam-ids.ts";
import { Section } from "~/components/section.tsx";

type Data = Awaited<ReturnType<typeof landingHome>>;

const ICON = "h-6 w-6 shrink-0 text-brand";
const RATINGS = ["Again", "Hard", "Good", "Easy"] as const;

/** A live preview of a real screen: labelled as a preview, framed, and not a control (the real
 * thing is one sign-up away). */
function Preview({ label, children }: { label: string; children: ReactNode }) {
  return (
    <figure className="min-w-0 rounded-lg border border-line bg-page p-3 shadow-sm sm:p-4">
      <figcaption className="mb-2 text-xs font-semibold tracking-wide text-muted uppercase">{label}</figcaption>
      <div className="rounded-md border border-line bg-surface p-3 sm:p-4">{children}</div>
    </figure>
  );
}

function Feature({
  id,
  icon,
  title,
  children,
  preview,
}: {
  id: string;
  icon: ReactNode;
  title: string;
  children: ReactNode;
  preview: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="card grid min-w-0 gap-4 md:grid-cols-2 md:items-start">
      <div className="min-w-0">
        <h3 id={id} className="mb-2 flex items-center gap-2 text-lg font-semibold">
          {icon}
          {title}
        </h3>
        {children}
      </div>
      {preview}
    </section>
  );
}

/** A feature without a preview: one of a row of three on wide screens. */
function SmallFeature({
  id,
  icon,
  title,
  children,
}: {
  id: string;
  icon: ReactNode;
  title: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="card min-w-0">
      <h3 id={id} className="mb-2 flex items-center gap-2 text-lg font-semibold">
        {icon}
        {title}
      </h3>
      {children}
    </section>
  );
}

export function Landing({ data }: { data: Data }) {
  const { exam, question, card } = data;
  const heaviest = Math.max(1, ...exam.domains.map((d) => d.percent));
  return (
    <div className="space-y-8">
      {data.accountDeleted ? (
        <p role="status" className="rounded-md border border-success bg-success-soft p-3 font-medium text-success">
          Your account has been deleted and you are signed out. Your answers remain only as anonymous responses in
          question statistics.
        </p>
      ) : null}
      <section className="card" aria-labelledby="landing-heading">
        <h1 id="landing-heading" className="page-title">
          Prepare for the CMAA exam, one evening at a time
        </h1>
        <p className="mb-3 max-w-2xl text-lg">
          Charted is a free, open-source study companion for the NHA Certified Medical Administrative Assistant exam:
          mock exams like the real one, spaced-repetition review, and a clear view of how ready you are in each of the{" "}
          {exam.domains.length} domains.
        </p>
        <p className="mb-4 max-w-2xl text-muted">
          No fees and no ads. Read all {data.lessonCount} lessons and the glossary without an account; create one to
          take exams and keep your progress.
        </p>
        <div className="flex flex-wrap gap-3">
          <Link to="/register" className="btn-primary">
            Create a free account
          </Link>
          <Link to="/learn" className="btn-secondary">
            Start with the lessons
          </Link>
        </div>
      </section>

      <Section headingId="features-heading" title="What you can do here" className="space-y-4">
        <Feature
          id="feature-exams"
          icon={<Timer aria-hidden="true" className={ICON} />}
          title="Mock exams like the real one"
          preview={
            question ? (
              <Preview label="Preview: a question from the bank">
                <p className="mb-1 text-xs font-medium text-muted">{question.domainName}</p>
                <p className="mb-3 font-medium break-words">{question.stem}</p>
                <ol className="space-y-2" aria-label="Answer options">
                  {question.options.map((text, i) => (
                    <li key={i} className="flex gap-2 rounded-md border border-line px-3 py-2 break-words">
                      <span className="font-semibold" aria-hidden="true">
                        {OPTION_LETTERS[i]}.
                      </span>
                      <span className="min-w-0">{text}</span>
                    </li>
                  ))}
                </ol>
                <p className="mt-3 flex items-center gap-1 text-sm text-muted">
                  <Flag aria-hidden="true" className="h-4 w-4" /> Flag for review, then check it before you submit.
                </p>
              </Preview>
            ) : null
          }
        >
          <p className="mb-3">
            {exam.totalItems} questions in {exam.minutes} minutes, drawn by the exam&apos;s blueprint so each domain
            weighs what it weighs on test day. Flag questions, review them before you submit, and get a score report by
            domain. Shorter practice quizzes, with answers explained as you go, fit a lunch break.
          </p>
          <h4 className="mb-1 font-semibold">How the exam is weighted</h4>
          <ul className="space-y-1 text-sm">
            {exam.domains.map((d) => (
              <li key={d.id} className="flex items-center gap-2">
                <span className="w-9 shrink-0 text-right font-semibold tabular-nums">{d.percent}%</span>
                <span aria-hidden="true" className="h-2 w-16 shrink-0 overflow-hidden rounded-full bg-raised">
                  <span
                    className="block h-full rounded-full bg-brand"
                    style={{ width: `${(d.percent / heaviest) * 100}%` }}
                  />
                </span>
                <span className="min-w-0 break-words">{d.name}</span>
              </li>
            ))}
          </ul>
        </Feature>

        <Feature
          id="feature-review"
          icon={<Repeat aria-hidden="true" className={ICON} />}
          title="Spaced repetition that remembers for you"
          preview={
            card ? (
              <Preview label="Preview: a review card">
                <p className="mb-1 text-xs font-medium text-muted">{card.domainName}</p>
                <p className="mb-3 text-xl font-semibold break-words">{card.front}</p>
                <details className="group">
                  <summary className="btn-secondary cursor-pointer list-none">Show answer</summary>
                  <p className="mt-3 break-words">{card.back}</p>
                  <p className="mt-3 text-sm text-muted">Then you rate how well you remembered:</p>
                  <ul className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-4" aria-label="Ratings">
                    {RATINGS.map((r) => (
                      <li key={r} className="rounded-md border border-line px-2 py-1 text-center text-sm font-semibold">
                        {r}
                      </li>
                    ))}
                  </ul>
                </details>
              </Preview>
            ) : null
          }
        >
          <p>
            Terms, facts and every question you miss become review cards. The FSRS scheduler brings each one back just
            before you would forget it, so a few minutes a day keeps hundreds of facts fresh, and it keeps working
            offline on your phone.
          </p>
        </Feature>

        <div className="grid gap-4 md:grid-cols-3">
          <SmallFeature
            id="feature-progress"
            icon={<ChartColumn aria-hidden="true" className={ICON} />}
            title="Progress and readiness per domain"
          >
            <p>
              See your mastery of each domain, your chance of passing with its uncertainty, your study streak, and a
              study plan that fits the days and minutes you have until your exam date.
            </p>
          </SmallFeature>

          <SmallFeature
            id="feature-lessons"
            icon={<BookOpen aria-hidden="true" className={ICON} />}
            title="Short lessons and a glossary"
          >
            <p>
              Plain-language lessons for every domain, written for career changers, with worked front-desk examples, and
              a glossary of word parts, abbreviations, billing and legal terms. Search forgives typos.
            </p>
            <p className="mt-3">
              <Link to="/learn">Browse the lessons</Link> · <Link to="/glossary">Open the glossary</Link>
            </p>
          </SmallFeature>

          <SmallFeature
            id="feature-classes"
            icon={<GraduationCap aria-hidden="true" className={ICON} />}
            title="Classes for instructors"
          >
            <p>
              Instructors create classes, invite students with a code or a roster, set timed assignments from the bank
              or their own questions, and see results, a gradebook and item analysis. Charted also plugs into a learning
              platform through LTI 1.3.
            </p>
            <p className="mt-3">
              <Link to="/instructor-access">Request instructor access</Link>
            </p>
          </SmallFeature>
        </div>
      </Section>

      <section className="card text-center" aria-labelledby="start-heading">
        <h2 id="start-heading" className="mb-2 text-xl font-semibold">
          Free, open and ready when you are
        </h2>
        <p className="mx-auto mb-4 max-w-xl">
          Charted is open source and costs nothing. Start with a lesson tonight, or create an account and take your
          first quiz.
        </p>
        <div className="flex flex-wrap justify-center gap-3">
          <Link to="/register" className="btn-primary">
            Create a free account
          </Link>
          <Link to="/learn" className="btn-secondary">
            Start with the lessons
          </Link>
        </div>
      </section>
    </div>
  );
}
