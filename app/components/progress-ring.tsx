// A ring that fills to a percentage (domain mastery), in the domain's colour. The number is
// printed inside and the whole ring is one image named with the label and the value, so neither
// colour nor the drawing alone carries the meaning.
import { domainColor } from "~/content/domain-colors.ts";

export function ProgressRing({
  value,
  label,
  domainId,
  size = 88,
  stroke = 9,
}: {
  /** 0 to 100, or null when there is no evidence yet. */
  value: number | null;
  label: string;
  domainId?: string;
  size?: number;
  stroke?: number;
}) {
  const pct = value === null ? 0 : Math.max(0, Math.min(100, Math.round(value)));
  const r = (size - stroke) / 2;
  const circumference = 2 * Math.PI * r;
  const color = domainId ? domainColor(domainId) : "var(--brand)";
  const name = value === null ? `${label}: not enough data yet` : `${label}: ${pct} out of 100`;
  return (
    <svg
      role="img"
      aria-label={name}
      width={size}
      height={size}
      viewBox={`0 0 ${size} ${size}`}
      className="flex-none"
      data-progress-ring={pct}
    >
      <circle cx={size / 2} cy={size / 2} r={r} fill="none" stroke="var(--raised)" strokeWidth={stroke} />
      {/* The track's edge keeps the ring visible against the card where it is empty. */}
      <circle cx={size / 2} cy={size / 2} r={r + stroke / 2} fill="none" stroke="var(--line)" strokeWidth={1} />
      {pct > 0 ? (
        <circle
          cx={size / 2}
          cy={size / 2}
          r={r}
          fill="none"
          stroke={color}
          strokeWidth={stroke}
          strokeLinecap="round"
          strokeDasharray={`${(pct / 100) * circumference} ${circumference}`}
          transform={`rotate(-90 ${size / 2} ${size / 2})`}
        />
      ) : null}
      <text
        x="50%"
        y="50%"
        dominantBaseline="central"
        textAnchor="middle"
        fill="var(--ink)"
        fontWeight={700}
        fontSize={value === null ? size * 0.2 : size * 0.26}
      >
        {value === null ? "–" : pct}
      </text>
    </svg>
  );
}
