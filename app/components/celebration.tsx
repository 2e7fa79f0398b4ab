// A short celebration for a finished review session or a submitted quiz: a check that pops in
// with a ring of dots in the domain colours bursting once (app/tailwind.css .celebrate-burst).
// Plays once, never flashes, makes no sound, and under prefers-reduced-motion stays still.
// The message is a status, so screen readers hear the numbers.
import { Check } from "lucide-react";
import type { ReactNode } from "react";
import { DOMAIN_IDS } from "~/content/exam-ids.ts";
import { domainColor } from "~/content/domain-colors.ts";

const DOTS = DOMAIN_IDS.flatMap((id, i) => [
  { color: domainColor(id), angle: (i * 360) / DOMAIN_IDS.length },
  { color: domainColor(id), angle: (i * 360) / DOMAIN_IDS.length + 180 / DOMAIN_IDS.length },
]);

export function Celebration({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div role="status" className="flex items-center gap-4" data-celebration>
      <span className="celebrate-burst" aria-hidden="true">
        {DOTS.map((d, i) => (
          <span
            key={i}
            className="celebrate-dot"
            style={{ ["--dot" as string]: d.color, ["--angle" as string]: `${d.angle}deg` }}
          />
        ))}
        <span className="celebrate-check">
          <Check className="size-7" strokeWidth={3} />
        </span>
      </span>
      <div className="min-w-0">
        <p className="subsection-title">{title}</p>
        {children ? <div className="text-muted">{children}</div> : null}
      </div>
    </div>
  );
}
