// A small server-rendered line chart of scores over time (fixed size: no layout shift), with
// a text summary as its accessible name. The table beside it carries the full numbers.
export function ScoreTrend({ points }: { points: { label: string; percent: number }[] }) {
  if (points.length === 0) return null;
  const last = points.slice(-12);
  const width = 320;
  const height = 120;
  const pad = 16;
  const x = (i: number) => (last.length === 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (last.length - 1));
  const y = (p: number) => height - pad - (p / 100) * (height - 2 * pad);
  const change = last.length > 1 ? last[last.length - 1].percent - last[last.length - 2].percent : 0;
  const summary =
    last.length > 1
      ? `Latest score ${last[last.length - 1].percent}%, ${change === 0 ? "the same as" : change > 0 ? `up ${change} points from` : `down ${-change} points from`} the attempt before.`
      : `First score: ${last[0].percent}%.`;
  return (
    <figure className="card max-w-md">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        role="img"
        aria-label={summary}
        className="h-auto w-full"
      >
        <line
          x1={pad}
          x2={width - pad}
          y1={y(70)}
          y2={y(70)}
          stroke="currentColor"
          strokeDasharray="4 4"
          className="text-muted"
        />
        <polyline
          fill="none"
          stroke="var(--brand)"
          strokeWidth={3}
          points={last.map((p, i) => `${x(i)},${y(p.percent)}`).join(" ")}
        />
        {last.map((p, i) => (
          <circle key={i} cx={x(i)} cy={y(p.percent)} r={4} fill="var(--brand)" />
        ))}
      </svg>
      <figcaption className="mt-2 text-sm">
        {summary} The dashed line marks 70%, roughly the passing level our estimate assumes.
      </figcaption>
    </figure>
  );
}
