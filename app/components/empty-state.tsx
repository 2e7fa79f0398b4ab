// What a page shows when its list is empty: an icon, one line on why, and the next thing to do
// (a link or a form button). One component, so every empty list reads the same way.
import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";

export function EmptyState({
  icon: Icon,
  title,
  children,
  action,
  headingLevel = 2,
  className = "",
}: {
  icon: LucideIcon;
  title: string;
  /** One or two sentences: why it is empty. */
  children?: ReactNode;
  /** The next step: a Link styled as a button, or a small form. */
  action?: ReactNode;
  headingLevel?: 1 | 2 | 3;
  className?: string;
}) {
  const H = (["h1", "h2", "h3"] as const)[headingLevel - 1];
  return (
    <div
      className={`flex flex-col items-start gap-3 rounded-lg border border-dashed border-line bg-surface p-5 sm:flex-row sm:items-center ${className}`}
      data-empty-state
    >
      <span className="grid size-12 flex-none place-items-center rounded-full bg-brand-soft text-brand">
        <Icon aria-hidden="true" className="size-6" />
      </span>
      <div className="min-w-0 flex-1">
        <H className="subsection-title">{title}</H>
        {children ? <div className="mt-1 text-muted">{children}</div> : null}
      </div>
      {action ? <div className="flex flex-wrap gap-2">{action}</div> : null}
    </div>
  );
}
