/** A labelled progress bar; the label is the accessible name and is shown as text too. Inside a
 * [data-domain] element it fills in that domain's colour. */
export function ProgressBar({ value, max, label }: { value: number; max: number; label: string }) {
  const pct = max > 0 ? Math.round((value / max) * 100) : 0;
  return (
    <div className="mt-auto">
      <div
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
        aria-label={label}
        className="h-2 w-full overflow-hidden rounded-full bg-raised"
      >
        <div className="h-full rounded-full" style={{ width: `${pct}%`, background: "var(--domain, var(--brand))" }} />
      </div>
      <p className="mt-1 text-sm text-muted">{label}</p>
    </div>
  );
}
