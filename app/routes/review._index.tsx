import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { backlogStatus, setFinalReview } from "~/review/catch-up.server.ts";
import { finalReviewAction } from "~/review/catch-up-forms.ts";
import { NEAR_DUE_DAYS } from "~/review/catch-up.ts";
import { deckSummaries, studyQueue } from "~/review/review.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { Button, FormError } from "~/components/form-controls.tsx";
import { Section } from "~/components/section.tsx";
import { ExamForecast } from "~/components/exam-forecast.tsx";
import { examRecallForecast } from "~/review/exam-forecast.server.ts";
import { formatDay } from "~/utils/dates.ts";
import { requestLocale } from "~/utils/locale.server.ts";
import { Play } from "lucide-react";

export const meta: MetaFunction = () => [{ title: "Review · Charted" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = requestLocale(request);
  const user = await requireUser(request);
  // The queue first: it ends a catch-up plan whose backlog is cleared, which the status then shows.
  const all = await studyQueue(user.id, null);
  const [decks, backlog, exam] = await Promise.all([
    deckSummaries(user.id),
    backlogStatus(user.id, { exact: true }),
    examRecallForecast(user.id),
  ]);
  // "Due" counts every card due today by the one rule the statistics page uses too (the study
  // screen then serves them as they come due, within the daily limit).
  return {
    decks,
    today: { ...all.counts, due: decks.reduce((n, d) => n + d.due, 0) },
    // Only with an exam date ahead. The exam date is a calendar date (stored as midnight UTC).
    exam: exam && {
      examDate: formatDay(exam.examDay, "date", locale),
      cards: exam.cards,
      recallPercent: exam.recall === null ? null : Math.round(exam.recall * 100),
      afterTodayPercent: exam.recallAfterToday === null ? null : Math.round(exam.recallAfterToday * 100),
      dueToday: exam.dueToday,
    },
    backlog: {
      overdue: backlog.overdue,
      offer: backlog.backlog && !backlog.plan,
      plan: backlog.plan ? { cap: backlog.plan.cap } : null,
    },
    finalReview: backlog.finalReview,
  };
}

/** The final-review switch (its own small form; the settings page has the rest). */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = finalReviewAction.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ error: parsed.error.issues[0].message }, { status: 400 });
  const result = await setFinalReview(user.id, parsed.data.finalReview === "on");
  if (!result.ok) return data({ error: result.message }, { status: 409 });
  return { error: null };
}

export default function ReviewHome() {
  const { decks, today, exam, backlog, finalReview } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="space-y-6">
      <h1 className="page-title">Review</h1>
      {backlog.offer ? (
        <Section headingId="backlog-heading" title="Catch up without the pile-up" className="card border-warn">
          <p className="mb-3">
            {backlog.overdue.toLocaleString("en-US")} cards are overdue, more than a few days&apos; work. A catch-up
            plan spreads them over several days, the ones you are most likely to have forgotten first, and pauses new
            cards until you are back on track.
          </p>
          <Link to="/review/catch-up" className="btn-primary">
            Plan my catch-up
          </Link>
        </Section>
      ) : null}
      {backlog.plan ? (
        <p className="rounded-md border border-line p-3">
          Catch-up plan running: at most {backlog.plan.cap} reviews a day, new cards paused,{" "}
          {backlog.overdue.toLocaleString("en-US")} cards still overdue. <Link to="/review/catch-up">See the plan</Link>
        </p>
      ) : null}
      {finalReview.available ? (
        <Section headingId="final-review-heading" title="Final review" className="card">
          <FormError message={failed?.error ?? undefined} />
          <p className="mb-3">
            {finalReview.on
              ? `Final review is on: cards due in the next ${NEAR_DUE_DAYS} days come now too, the exam's heaviest domains and the cards you are most likely to have forgotten first. It switches off after your exam date.`
              : `Your exam is less than a week away. Final review brings forward cards due in the next ${NEAR_DUE_DAYS} days and serves the exam's heaviest domains and your weakest cards first.`}
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="final-review" />
            <input type="hidden" name="finalReview" value={finalReview.on ? "off" : "on"} />
            <Button variant={finalReview.on ? "secondary" : "primary"} disabled={busy}>
              {finalReview.on ? "Turn final review off" : "Turn final review on"}
            </Button>
          </Form>
        </Section>
      ) : null}
      <Section headingId="today-heading" title="Today" gap={2} className="card">
        <p className="mb-4">
          {today.due} due · {today.new} new · {today.doneToday} reviewed so far. Charted schedules each card with FSRS
          so you see it just before you would forget it. Your study day starts at 4 a.m.
        </p>
        {exam ? <ExamForecast forecast={exam} /> : null}
        <div className="flex flex-wrap gap-3">
          <Link to="/review/study" className="btn-primary">
            <Play aria-hidden="true" className="size-5" />
            {today.due + today.new > 0 ? "Study all decks" : "Nothing due: study anyway"}
          </Link>
          <Link to="/review/cards" className="btn-secondary">
            Browse cards
          </Link>
          <Link to="/review/new" className="btn-secondary">
            Add a card
          </Link>
          <Link to="/review/stats" className="btn-secondary">
            Statistics
          </Link>
          <Link to="/review/settings" className="btn-secondary">
            Settings
          </Link>
        </div>
        <p className="mt-4 text-sm text-muted">
          No connection? <Link to="/review/offline">Review offline</Link>: this device keeps today&apos;s and
          tomorrow&apos;s cards, and your ratings are sent when you are back online.
        </p>
      </Section>
      <Section headingId="decks-heading" title="Decks">
        <ul className="grid gap-3 sm:grid-cols-2">
          {decks.map((d) => (
            <li
              key={d.id}
              data-domain={d.id}
              className="card flex flex-wrap items-center justify-between gap-3 border-l-4 border-l-(--domain)"
            >
              <div>
                <h3 className="font-semibold">{d.name}</h3>
                <p className="text-sm text-muted">
                  {d.due} due · {d.newCards} not yet studied
                </p>
              </div>
              <Link to={`/review/study?deck=${d.id}`} className="btn-secondary" aria-label={`Study ${d.name}`}>
                Study
              </Link>
            </li>
          ))}
        </ul>
        <p className="mt-3 text-sm text-muted">
          Questions you miss in practice join their domain&apos;s deck automatically.
        </p>
      </Section>
    </div>
  );
}
