import { Link } from "@remix-run/react";

export interface NavigatorItem {
  number: number;
  answered: boolean;
  flagged: boolean;
}

/** Grid of every question: answered, unanswered, flagged, current. Each state is in words too. */
export function QuestionNavigator({
  attemptId,
  items,
  current,
}: {
  attemptId: string;
  items: NavigatorItem[];
  current?: number;
}) {
  const answered = items.filter((i) => i.answered).length;
  const flagged = items.filter((i) => i.flagged).length;
  return (
    <nav aria-label="Questions">
      <p className="mb-2 text-sm text-muted">
        {answered} of {items.length} answered · {flagged} flagged
      </p>
      <ol className="grid grid-cols-[repeat(auto-fill,minmax(2.75rem,1fr))] gap-1">
        {items.map((item) => {
          const status = [item.answered ? "answered" : "not answered", item.flagged ? "flagged" : null]
            .filter(Boolean)
            .join(", ");
          return (
            <li key={item.number}>
              <Link
                to={`/attempts/${attemptId}/q/${item.number}`}
                aria-current={item.number === current ? "step" : undefined}
                aria-label={`Question ${item.number}, ${status}`}
                className={`relative flex h-11 items-center justify-center rounded-md border text-sm font-semibold no-underline ${
                  item.answered ? "border-brand bg-brand text-brand-ink" : "border-line bg-surface text-ink"
                } ${item.number === current ? "ring-2 ring-focus ring-offset-2" : ""}`}
              >
                {item.number}
                {item.flagged ? (
                  <span
                    aria-hidden="true"
                    className="absolute -top-1 -right-1 rounded-full bg-warn px-1 text-[0.65rem] leading-4 text-page"
                  >
                    ⚑
                  </span>
                ) : null}
              </Link>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
