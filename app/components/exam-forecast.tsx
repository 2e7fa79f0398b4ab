// The review home's exam-day prediction: mean recall on exam day over the learner's started
// cards, and what today's due reviews would change. Shown only with an exam date ahead.

export interface ExamForecastView {
  /** The exam day as people read it ("Dec 20, 2026"). */
  examDate: string;
  cards: number;
  /** Whole percents, null with no started cards. */
  recallPercent: number | null;
  afterTodayPercent: number | null;
  dueToday: number;
}

export function ExamForecast({ forecast }: { forecast: ExamForecastView }) {
  const { examDate, cards, recallPercent, afterTodayPercent, dueToday } = forecast;
  if (recallPercent === null)
    return (
      <p className="mb-4">
        Your exam is on {examDate}. Once you have studied some cards, this shows how many of them you are predicted to
        recall on exam day.
      </p>
    );
  return (
    <p className="mb-4" data-testid="exam-forecast">
      On exam day ({examDate}) you are predicted to recall <strong>{recallPercent}%</strong> of your{" "}
      {cards.toLocaleString("en-US")} {cards === 1 ? "card" : "cards"}.{" "}
      {dueToday > 0 && afterTodayPercent !== null
        ? `Reviewing today's ${dueToday.toLocaleString("en-US")} due ${dueToday === 1 ? "card" : "cards"} ${
            afterTodayPercent > recallPercent ? "raises" : "keeps"
          } it ${afterTodayPercent > recallPercent ? "to" : "at"} about ${afterTodayPercent}%.`
        : "No cards are due today."}
    </p>
  );
}
