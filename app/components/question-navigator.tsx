import { useNavigate } from "@remix-run/react";
import type { MouseEvent } from "react";
import { escapeHtml } from "~/utils/html.ts";
import { useServerRender } from "~/utils/server-markup.ts";

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
  const onServer = useServerRender();
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
  // On the server the cells are written as one string (below): the elements are built in the browser only.
  const cells = onServer
    ? null
    : items.map((item) => {
        const cell = cellAttributes(attemptId, item, current);
        return (
          <li key={item.number}>
            <a
              href={cell.href}
              onClick={follow}
              aria-current={cell.current ? "step" : undefined}
              aria-label={cell.label}
              className={cell.className}
            >
              {item.number}
              {item.flagged ? (
                <span aria-hidden="true" className={FLAG_CLASS}>
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
      {onServer ? (
        // The same elements as one string on the server (server-markup.ts); the browser hydrates them.
        <ol className={grid} dangerouslySetInnerHTML={{ __html: cellsHtml(attemptId, items, current) }} />
      ) : (
        <ol className={grid}>{cells}</ol>
      )}
    </nav>
  );
}

const FLAG_CLASS = "absolute -top-1 -right-1 rounded-full bg-warn px-1 text-[0.65rem] leading-4 text-page";

/** What one cell shows and says, for both renderings below. */
function cellAttributes(attemptId: string, item: NavigatorItem, current: number | undefined) {
  const status = [item.answered ? "answered" : "not answered", item.flagged ? "flagged" : null]
    .filter(Boolean)
    .join(", ");
  const isCurrent = item.number === current;
  return {
    href: `/attempts/${attemptId}/q/${item.number}`,
    current: isCurrent,
    label: `Question ${item.number}, ${status}`,
    className: `relative flex h-11 items-center justify-center rounded-md border text-sm font-semibold no-underline ${
      item.answered ? "border-brand bg-brand text-brand-ink" : "border-line bg-surface text-ink"
    } ${isCurrent ? "ring-2 ring-focus ring-offset-2" : ""}`,
  };
}

// The page shows the grid twice (in the sidebar and behind the Questions button): built once.
const builtCells = new WeakMap<NavigatorItem[], { key: string; html: string }>();

/**
 * The cells' markup exactly as React renders the elements above (question-navigator.test.tsx
 * holds the two equal; no value here has an apostrophe, the one character React escapes in
 * another form), written directly: through React each tag and attribute is encoded on its
 * own, which made this grid a tenth of an exam page's cost.
 */
function cellsHtml(attemptId: string, items: NavigatorItem[], current: number | undefined): string {
  const key = `${attemptId}\0${current}`;
  const built = builtCells.get(items);
  if (built?.key === key) return built.html;
  let html = "";
  for (const item of items) {
    const cell = cellAttributes(attemptId, item, current);
    html += `<li><a href="${escapeHtml(cell.href)}"${cell.current ? ' aria-current="step"' : ""} aria-label="${escapeHtml(
      cell.label,
    )}" class="${escapeHtml(cell.className)}">${item.number}${
      item.flagged ? `<span aria-hidden="true" class="${escapeHtml(FLAG_CLASS)}">⚑</span>` : ""
    }</a></li>`;
  }
  builtCells.set(items, { key, html });
  return html;
}
