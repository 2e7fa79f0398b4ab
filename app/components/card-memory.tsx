// A card's memory (difficulty, stability, recall now) and what the three numbers mean, shown on
// the study page after the answer and in Browse cards.
import type { ReactNode } from "react";

export function MemoryExplanation() {
  return (
    <div className="mt-2 space-y-1 text-sm">
      <p>
        <strong>Difficulty</strong> (1 to 10): how hard this card is for you. It rises when you press Again or Hard and
        falls when you press Easy; harder cards grow their intervals more slowly.
      </p>
      <p>
        <strong>Stability</strong>: how long your memory of the card lasts. After that many days without review, the
        chance of recalling it has fallen to 90%. Each successful review makes it longer.
      </p>
      <p>
        <strong>Recall now</strong>: the estimated chance that you remember the card right now. It falls day by day
        since your last review; cards come due when it reaches your target recall.
      </p>
      <p className="text-muted">
        These are the FSRS model&apos;s estimates from your own ratings, not a grade. New cards have none until you rate
        them once.
      </p>
    </div>
  );
}

export function MemoryFacts({
  memory,
  children,
}: {
  memory: { difficulty: string; stability: string; recall: string } | null;
  children?: ReactNode;
}) {
  return (
    <section aria-labelledby="card-memory-title" className="rounded-md border border-line p-3">
      <h2 id="card-memory-title" className="text-sm font-semibold">
        Your memory of this card
      </h2>
      {memory ? (
        <dl className="mt-1 grid grid-cols-3 gap-2 text-sm">
          <div>
            <dt className="text-muted">Difficulty</dt>
            <dd className="font-semibold">{memory.difficulty}</dd>
          </div>
          <div>
            <dt className="text-muted">Stability</dt>
            <dd className="font-semibold">{memory.stability}</dd>
          </div>
          <div>
            <dt className="text-muted">Recall now</dt>
            <dd className="font-semibold">{memory.recall}</dd>
          </div>
        </dl>
      ) : (
        <p className="mt-1 text-sm">New card: your first rating gives it a memory estimate.</p>
      )}
      {children}
    </section>
  );
}
