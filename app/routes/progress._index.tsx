import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import {
  ActivityCalendar,
  ForecastChart,
  MasteryChart,
  MinutesChart,
  ScoreTrendChart,
  shortDay,
} from "~/components/progress-charts.tsx";
import { useDates } from "~/components/use-dates.ts";
import { gradeExpiredAttempts } from "~/exam/grading.server.ts";
import { SCALE } from "~/exam/scoring.ts";
import { taskLine } from "~/progress/plan.ts";
import { progressDashboard } from "~/progress/dashboard.server.ts";
import { HALF_LIFE_DAYS, PRIOR_ITEMS, QUESTION_SHARE } from "~/progress/mastery.ts";
import { READINESS_WINDOW_DAYS } from "~/progress/readiness.ts";
import { requireUser } from "~/utils/auth.server.ts";
import type { PageCacheHandle } from "~/utils/page-cache.server.ts";
import { MOCK_MIN_ANSWERED_SHARE, MOCK_RULE_TEXT } from "~/progress/mock-rule.ts";
import { Button } from "~/components/form-controls.tsx";
import { Section } from "~/components/section.tsx";
import { ProgressRing } from "~/components/progress-ring.tsx";
import { EmptyState } from "~/components/empty-state.tsx";
import { ClipboardCheck, Layers, Sprout } from "lucide-react";

// The page is a pure function of its data: a reload with nothing new is served from the page cache.
export const handle: PageCacheHandle = { pageCache: "server" };

export const meta: MetaFunction = () => [{ title: "Progress · Charted" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // Answers in attempts whose time ran out count once graded: a bounded few per load.
  await gradeExpiredAttempts({ userId: user.id });
  const d = await progressDashboard(user.id);
  const next = d.plan.sessions[0] ?? null;
  return {
    domains: d.domains,
    weakest: d.weakest,
    readiness: d.readiness,
    forecast: d.forecast,
    calendar: d.calendar,
    minutesPerDay: d.minutesPerDay,
    streak: d.streak,
    scoreTrend: d.scoreTrend,
    uncountedMocks: d.uncountedMocks,
    lessons: { done: d.lessonsDone, total: d.lessonsTotal },
    plan: { status: d.plan.status, notes: d.plan.notes, next, examDate: d.prefs.examDate, today: d.today },
  };
}

export default function ProgressPage() {
  const d = useLoaderData<typeof loader>();
  const { locale } = useDates();
  return (
    <div className="space-y-6">
      <h1 className="page-title">Your progress</h1>
      <div className="grid gap-4 md:grid-cols-3">
        <ReadinessCard readiness={d.readiness} />
        <Section headingId="streak-heading" title="Streak" gap={1} className="card">
          <p className="text-3xl font-bold">
            {d.streak.current} day{d.streak.current === 1 ? "" : "s"}
          </p>
          <p className="text-sm text-muted">
            Longest: {d.streak.longest}.{" "}
            {d.streak.studiedToday ? "You have studied today." : "Study today to keep it going."}
          </p>
          <p className="mt-2 text-sm">
            Lessons finished: {d.lessons.done} of {d.lessons.total}
          </p>
        </Section>
        <NextSession plan={d.plan} />
      </div>

      <DomainRings domains={d.domains} />

      <Section headingId="weakest-heading" title="Work on these next" gap={2} className="card">
        <p className="mb-3 text-sm text-muted">
          The three knowledge areas where your mastery is lowest (areas you have not practised yet count as zero).
        </p>
        <ul className="grid gap-3 md:grid-cols-3">
          {d.weakest.map((a) => (
            <li key={a.id} className="rounded-md border border-line p-3">
              <p className="font-semibold">{a.name}</p>
              <p className="mb-2 text-sm text-muted">
                {a.id} · {a.mastery === null ? "not practised yet" : `mastery ${a.mastery}`}
              </p>
              <div className="flex flex-wrap gap-2">
                {/* One click starts a 10-question tutor-mode quiz on this area (a plain form post). */}
                <Form method="post" action="/practice">
                  <input type="hidden" name="intent" value="practice" />
                  <input type="hidden" name="areas" value={a.id} />
                  <input type="hidden" name="count" value="10" />
                  <input type="hidden" name="mode" value="tutor" />
                  <input type="hidden" name="only" value="all" />
                  <Button aria-label={`Practise ${a.name}`}>Practise these</Button>
                </Form>
                {a.lesson ? (
                  <Link to={a.lesson.href} className="btn-secondary" aria-label={`Read ${a.lesson.title}`}>
                    Read this
                  </Link>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
        <p className="mt-3">
          <Link to={`/practice?areas=${d.weakest.map((a) => a.id).join(",")}`}>
            Practise all three together (choose how many questions)
          </Link>
        </p>
      </Section>

      <div className="grid gap-4 lg:grid-cols-2">
        <MasteryChart domains={d.domains} />
        <div>
          <ScoreTrendChart points={d.scoreTrend} pass={SCALE.pass} />
          {d.uncountedMocks.length ? (
            <ul className="mt-2 space-y-1 text-sm text-muted" aria-label="Mocks not counted">
              {d.uncountedMocks.map((m, i) => (
                <li key={i}>
                  Your mock on {shortDay(m.day, locale)} is not counted: you answered {m.answered} of {m.items}{" "}
                  questions. A mock counts once you answer at least {Math.round(MOCK_MIN_ANSWERED_SHARE * 100)}%.
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        <ForecastChart forecast={d.forecast} />
        <MinutesChart days={d.minutesPerDay} />
      </div>
      <ActivityCalendar days={d.calendar} streak={d.streak} />

      <Section headingId="method-heading" title="How these numbers are worked out" gap={2} className="card">
        <ul className="list-disc space-y-2 pl-6 text-sm">
          <li>
            <strong>Mastery</strong> (0–100) is {Math.round(QUESTION_SHARE * 100)}% question accuracy and{" "}
            {Math.round((1 - QUESTION_SHARE) * 100)}% card memory. Accuracy counts recent answers more: an answer loses
            half its weight every {HALF_LIFE_DAYS} days. Card memory is the chance FSRS gives that you would recall each
            card you have started, right now. Both start with {PRIOR_ITEMS} imaginary misses so a few lucky answers
            cannot look like mastery. With only one kind of evidence, mastery uses that one.
          </li>
          <li>
            <strong>Chance of passing</strong> uses your answers from the last {READINESS_WINDOW_DAYS} days (full mocks
            and exam-mode practice count fully, tutor mode half), with your card memory as a weak starting point. It
            estimates your accuracy in each domain, weights the domains as the exam does, and works out how likely you
            are to get at least 70% of the {110} scored questions right, which our scaled-score estimate puts at the{" "}
            {SCALE.pass} pass mark. The range is where your chance lies if your true accuracy is at the low or high end
            of what your answers allow. It is an estimate, not NHA&apos;s scoring.
          </li>
          <li>
            <strong>Unanswered questions</strong>: {MOCK_RULE_TEXT}
          </li>
          <li>
            <strong>Minutes studied</strong> are estimated from the times of your answers, reviews and finished lessons:
            gaps of up to five minutes count as study.
          </li>
        </ul>
      </Section>
    </div>
  );
}

type Domains = ReturnType<typeof useLoaderData<typeof loader>>["domains"];

/** A ring per domain, filled to its mastery in the domain's colour; each ring names its value. */
function DomainRings({ domains }: { domains: Domains }) {
  const started = domains.some((d) => d.mastery !== null);
  return (
    <Section headingId="rings-heading" title="Each domain at a glance" gap={2} className="card">
      {started ? null : (
        <EmptyState
          icon={Sprout}
          title="No mastery yet"
          headingLevel={3}
          className="mb-4"
          action={
            <>
              <Link to="/practice" className="btn-primary">
                <ClipboardCheck aria-hidden="true" className="size-5" />
                Start a practice quiz
              </Link>
              <Link to="/review" className="btn-secondary">
                <Layers aria-hidden="true" className="size-5" />
                Review cards
              </Link>
            </>
          }
        >
          Answer a few questions or review cards and each ring fills in.
        </EmptyState>
      )}
      <ul className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4" aria-label="Mastery of each domain">
        {domains.map((d) => (
          <li key={d.id} data-domain={d.id} className="flex flex-col items-center gap-2 text-center">
            <ProgressRing value={d.mastery} label={`${d.name} mastery`} domainId={d.id} />
            <span className="text-small font-semibold" style={{ color: "var(--domain)" }}>
              {d.name}
            </span>
            <span className="text-small text-muted">{d.weightPercent}% of the exam</span>
          </li>
        ))}
      </ul>
    </Section>
  );
}

function ReadinessCard({ readiness }: { readiness: ReturnType<typeof useLoaderData<typeof loader>>["readiness"] }) {
  return (
    <Section headingId="readiness-heading" title="Chance of passing" gap={1} className="card">
      {readiness.status === "estimate" ? (
        <>
          <p className="text-3xl font-bold">{readiness.probability}%</p>
          <p className="text-sm">
            Likely between {readiness.low}% and {readiness.high}%. Expected score about {readiness.expectedPercent}%
            correct.
          </p>
          <p className="mt-1 text-xs text-muted">
            An estimate from your recent answers; see how it is worked out below.
          </p>
        </>
      ) : (
        <>
          <p className="font-semibold">Not enough data yet</p>
          <ul className="mt-1 list-disc pl-5 text-sm">
            {readiness.needs.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
          <Link to="/practice#sim-heading" className="btn-primary mt-3">
            Take a full mock
          </Link>
        </>
      )}
    </Section>
  );
}

function NextSession({ plan }: { plan: ReturnType<typeof useLoaderData<typeof loader>>["plan"] }) {
  const { locale } = useDates();
  return (
    <Section headingId="next-heading" title="Next study session" gap={1} className="card">
      {plan.next ? (
        <>
          <p className="font-medium">{plan.next.day === plan.today ? "Today" : shortDay(plan.next.day, locale)}</p>
          <ul className="list-disc pl-5 text-sm">
            {plan.next.tasks.map((t, i) => (
              <li key={i}>{taskLine(t)}</li>
            ))}
          </ul>
        </>
      ) : (
        <p className="text-sm">{plan.notes[0]}</p>
      )}
      <p className="mt-2 text-sm">
        {plan.examDate ? `Exam date: ${shortDay(plan.examDate, locale)}.` : "No exam date set yet."}
      </p>
      <Link to="/progress/plan" className="btn-secondary mt-2">
        Your study plan
      </Link>
    </Section>
  );
}
