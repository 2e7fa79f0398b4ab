// A page section named by its heading: the heading's id, the section's aria-labelledby and the
// heading sizes and spacing the pages use, in one place.
import type { HTMLAttributes, ReactNode } from "react";

const HEADING_SIZE = { xl: "section-title", lg: "subsection-title", base: "font-semibold" } as const;
const HEADING_GAP = { 0: "", 1: "mb-1 ", 2: "mb-2 ", 3: "mb-3 ", 4: "mb-4 " } as const;
const ACTIONS_GAP = {
  0: "flex flex-wrap items-center justify-between gap-3",
  1: "mb-1 flex flex-wrap items-center justify-between gap-3",
  2: "mb-2 flex flex-wrap items-center justify-between gap-3",
  3: "mb-3 flex flex-wrap items-center justify-between gap-3",
  4: "mb-4 flex flex-wrap items-center justify-between gap-3",
} as const;

/**
 * A section named by its heading (`aria-labelledby` → the heading's `headingId`). `actions`
 * (a button, links; null for none today) sit at the heading's end; `gap` is the space under the
 * heading row.
 */
export function Section({
  headingId,
  title,
  level = 2,
  size = "xl",
  gap = 3,
  actions,
  children,
  ...rest
}: Omit<HTMLAttributes<HTMLElement>, "title"> & {
  headingId: string;
  title: ReactNode;
  level?: 2 | 3;
  size?: keyof typeof HEADING_SIZE;
  gap?: keyof typeof HEADING_GAP;
  actions?: ReactNode;
}) {
  const H = level === 2 ? "h2" : "h3";
  const heading = (
    <H id={headingId} className={`${actions === undefined ? HEADING_GAP[gap] : ""}${HEADING_SIZE[size]}`}>
      {title}
    </H>
  );
  return (
    <section aria-labelledby={headingId} {...rest}>
      {actions !== undefined ? (
        <div className={ACTIONS_GAP[gap]}>
          {heading}
          {actions}
        </div>
      ) : (
        heading
      )}
      {children}
    </section>
  );
}
