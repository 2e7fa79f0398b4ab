import { useNavigate } from "@remix-run/react";
import type { MouseEvent } from "react";
import { useServerMarkup } from "~/utils/server-markup.ts";

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
  const navigate = useNavigate();
  const serverMarkup = useServerMarkup();
  // Plain anchors, not <Link>s: a Link resolves its path twice per render (the exam page shows
  // this grid twice, 80 Links), and it needs the router, which the server's one-string rendering
  // below has not. One handler makes a plain click a client-side navigation, as a Link's would;
  // other clicks (new tab, modifiers) and pages without JavaScript get the browser's own.
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.altKey ||
      event.ctrlKey ||
      event.shiftKey
    )
      return;
    event.preventDefault();
    navigate(event.currentTarget.getAttribute("href")!);
  };
  const answered = items.filter((i) => i.answered).length;
  const flagged = items.filter((i) => i.flagged).length;
  const cells = items.map((item) => {
    const status = [item.answered ? "answered" : "not answered", item.flagged ? "flagged" : null]
      .filter(Boolean)
      .join(", ");
    return (
      <li key={item.number}>
        <a
          href={`/attempts/${attemptId}/q/${item.number}`}
          onClick={follow}
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
        </a>
      </li>
    );
  });
  const grid = "grid grid-cols-[repeat(auto-fill,minmax(2.75rem,1fr))] gap-1";
  return (
    <nav aria-label="Questions">
      <p className="mb-2 text-sm text-muted">
        {answered} of {items.length} answered · {flagged} flagged
      </p>
      {serverMarkup ? (
        // The same elements as one string on the server (server-markup.ts); the browser hydrates them.
        <ol className={grid} dangerouslySetInnerHTML={{ __html: serverMarkup(<>{cells}</>) }} />
      ) : (
        <ol className={grid}>{cells}</ol>
      )}
    </nav>
  );
}
