import type { ReactNode } from "react";

/**
 * A bar fixed at the bottom of the screen, within thumb reach, for the buttons a focused task
 * needs at every moment (an exam's Next and timer, a review card's ratings). The page keeps room
 * under its last line for it (`body:has(.action-bar)` in tailwind.css), so it never covers
 * content, and it stays clear of a phone's home indicator (the safe-area inset).
 */
export function ActionBar({
  label,
  children,
  width = "max-w-5xl",
}: {
  label: string;
  children: ReactNode;
  /** The content's width, to line up with the page's column. */
  width?: string;
}) {
  return (
    <div
      role="region"
      aria-label={label}
      className="action-bar fixed inset-x-0 bottom-0 z-30 border-t border-line bg-surface pb-[env(safe-area-inset-bottom)] shadow-[0_-2px_8px_rgb(0_0_0/0.08)]"
    >
      <div className={`mx-auto ${width} px-2 py-2 sm:px-4`}>{children}</div>
    </div>
  );
}
