// The workload estimate beside the desired-retention setting: minutes a day against desired
// retention (recharts draws it after hydration), with the learner's current value and the
// suggested one marked, and every number in the table below it for the server and for
// assistive technology.
import { CartesianGrid, Line, LineChart, ReferenceLine, XAxis, YAxis } from "recharts";
import { ChartFigure, Table } from "~/components/progress-charts.tsx";

const axis = { stroke: "var(--muted)", tick: { fill: "var(--muted)", fontSize: 12 } };
const two = (r: number) => r.toFixed(2);

export function WorkloadChart({
  points,
  current,
  suggested,
  horizon,
}: {
  points: { retention: number; reviewsPerDay: number; minutesPerDay: number }[];
  current: number;
  suggested: number | null;
  horizon: string;
}) {
  const near = (r: number) => points.reduce((a, b) => (Math.abs(b.retention - r) < Math.abs(a.retention - r) ? b : a));
  const now = near(current);
  const summary =
    `Average minutes of review a day ${horizon}, at each desired retention. ` +
    `At your ${two(current)}: about ${now.reviewsPerDay.toLocaleString("en-US")} reviews (${now.minutesPerDay.toLocaleString("en-US")} minutes) a day.` +
    (suggested !== null ? ` Suggested: ${two(suggested)}.` : "");
  return (
    <ChartFigure
      id="workload"
      title="Workload by desired retention"
      summary={summary}
      height={240}
      chart={
        <LineChart
          responsive
          style={{ width: "100%", height: 240 }}
          data={points}
          accessibilityLayer={false}
          margin={{ top: 16, right: 16, bottom: 0, left: -8 }}
        >
          <CartesianGrid stroke="var(--line)" vertical={false} />
          <XAxis dataKey="retention" type="number" domain={[0.7, 0.99]} tickFormatter={two} {...axis} />
          <YAxis allowDecimals={false} {...axis} />
          <ReferenceLine
            x={now.retention}
            stroke="var(--brand)"
            strokeDasharray="6 4"
            label={{ value: "You", fill: "var(--brand)", position: "insideTopLeft", fontSize: 12 }}
          />
          {suggested !== null ? (
            <ReferenceLine
              x={suggested}
              stroke="var(--success)"
              strokeDasharray="2 4"
              label={{ value: "Suggested", fill: "var(--success)", position: "insideTopRight", fontSize: 12 }}
            />
          ) : null}
          <Line
            dataKey="minutesPerDay"
            name="Minutes a day"
            stroke="var(--brand)"
            strokeWidth={3}
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      }
      table={
        <Table
          caption={`Estimated workload ${horizon}`}
          head={["Desired retention", "Reviews a day", "Minutes a day"]}
          rows={points.map((p) => [
            two(p.retention) +
              (p.retention === now.retention ? " (yours)" : "") +
              (p.retention === suggested ? " (suggested)" : ""),
            p.reviewsPerDay.toLocaleString("en-US"),
            p.minutesPerDay.toLocaleString("en-US"),
          ])}
        />
      }
    />
  );
}
