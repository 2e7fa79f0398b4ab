import { Link, useMatches } from "@remix-run/react";

/**
 * A route that wants the whole screen (an exam question, a review card) exports
 * `handle = { focus: { exitTo, exitLabel } }`: the root then shows this one-line bar instead of
 * the site header, so the task, its timer and its buttons fit a phone.
 */
export interface FocusMode {
  exitTo: string;
  exitLabel: string;
  /** A full page load for the exit link (the offline review page is served by the service worker). */
  reloadDocument?: boolean;
}

/** The deepest matched route's focus mode, if it asks for one. */
export function useFocusMode(): FocusMode | null {
  const matches = useMatches();
  for (let i = matches.length - 1; i >= 0; i--) {
    const handle = matches[i].handle as { focus?: FocusMode } | undefined;
    if (handle?.focus) return handle.focus;
  }
  return null;
}

export function FocusHeader({ focus }: { focus: FocusMode }) {
  return (
    <header className="border-b border-line bg-surface">
      <div className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-4 py-1">
        <Link to="/" reloadDocument={focus.reloadDocument} className="text-lg font-bold text-ink no-underline">
          <span aria-hidden="true">◆ </span>Charted
        </Link>
        <Link
          to={focus.exitTo}
          reloadDocument={focus.reloadDocument}
          className="inline-flex min-h-11 items-center rounded-md px-2 font-medium"
        >
          {focus.exitLabel}
        </Link>
      </div>
    </header>
  );
}
