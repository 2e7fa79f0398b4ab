import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { deckSummaries, studyQueue } from "~/review/review.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { Section } from "~/components/section.tsx";
import { ExamForecast } from "~/components/exam-forecast.tsx";
import { examRecallForecast } from "~/review/exam-forecast.server.ts";
import { formatDate } from "~/utils/dates.ts";

export const meta: MetaFunction = () => [{ title: "Review · Charted" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [decks, all, exam] = await Promise.all([
    deckSummaries(user.id),
    studyQueue(user.id, null),
    examRecallForecast(user.id),
  ]);
  // "Due" counts every card due today by the one rule the statistics page uses too (the study
  // screen then serves them as they come due, within the daily limit).
  return {
    decks,
    today: { ...all.counts, due: decks.reduce((n, d) => n + d.due, 0) },
    // Only with an exam date ahead. The exam date is a calendar date (stored as midnight UTC).
    exam: exam && {
      examDate: formatDate(`${exam.examDay}T00:00:00Z`, "UTC", "date"),
      cards: exam.cards,
      recallPercent: exam.recall === null ? null : Math.round(exam.recall * 100),
      afterTodayPercent: exam.recallAfterToday === null ? null : Math.round(exam.recallAfterToday * 100),
      dueToday: exam.dueToday,
    },
  };
}

export default function ReviewHome() {
  const { decks, today, exam } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <h1 className="page-title">Review</h1>
      <Section headingId="today-heading" title="Today" gap={2} className="card">
        <p className="mb-4">
          {today.due} due · {today.new} new · {today.doneToday} reviewed so far. Charted schedules each card with FSRS
          so you see it just before you would forget it. Your study day starts at 4 a.m.
        </p>
        {exam ? <ExamForecast forecast={exam} /> : null}
        <div className="flex flex-wrap gap-3">
          <Link to="/review/study" className="btn-primary">
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
            <li key={d.id} className="card flex flex-wrap items-center justify-between gap-3">
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
