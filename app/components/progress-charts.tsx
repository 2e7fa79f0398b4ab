// Progress charts (recharts). Recharts 3 draws after hydration: the server sends a box of the
// chart's final size (no layout shift) plus the table alternative, which carries every number.
import type { ReactNode } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  Scatter,
  ScatterChart,
  XAxis,
  YAxis,
  ZAxis,
} from "recharts";
import { DataTable } from "~/components/data-table.tsx";
import { useDates } from "~/components/use-dates.ts";
import { DEFAULT_LOCALE, formatDate, formatDay } from "~/utils/dates.ts";
import { domainColor } from "~/content/domain-colors.ts";

const axis = { stroke: "var(--muted)", tick: { fill: "var(--muted)", fontSize: 12 } };

export function ChartFigure({
  id,
  title,
  summary,
  height,
  chart,
  table,
}: {
  id: string;
  title: string;
  summary: string;
  height: number;
  chart: ReactNode;
  table: ReactNode;
}) {
  return (
    <figure className="card" aria-labelledby={`${id}-title`} data-chart={id}>
      <h2 id={`${id}-title`} className="mb-1 text-xl font-semibold">
        {title}
      </h2>
      <figcaption className="mb-3 text-sm text-muted">{summary}</figcaption>
      {/* The drawing repeats the table below, so assistive technology reads the table instead. */}
      <div aria-hidden="true" style={{ height }} className="w-full overflow-hidden">
        {chart}
      </div>
      <details className="mt-3">
        <summary className="cursor-pointer font-medium">Show {title.toLowerCase()} as a table</summary>
        {/* Scrolls when long, so it takes focus: keyboard users can scroll it too. */}
        <div className="mt-2 max-h-80 overflow-auto" tabIndex={0} role="region" aria-label={`${title} table`}>
          {table}
        </div>
      </details>
    </figure>
  );
}

export function Table({ caption, head, rows }: { caption: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <DataTable
      className="w-full text-left text-sm"
      scroll={false}
      dense
      padLast
      caption={caption}
      columns={head}
      rows={rows}
      cells={(r) => r}
    />
  );
}

/** "Nov 25" (en-GB "25 Nov") from a day label (2026-11-25), in the reader's locale (useDates). */
export function shortDay(label: string, locale = DEFAULT_LOCALE) {
  return formatDay(label, "monthDay", locale);
}

export function MasteryChart({
  domains,
}: {
  domains: {
    id: string;
    name: string;
    mastery: number | null;
    weightPercent: number;
    answers: number;
    cards: number;
  }[];
}) {
  const data = domains.map((d) => ({ id: d.id, mastery: d.mastery ?? 0, weight: d.weightPercent }));
  const known = domains.filter((d) => d.mastery !== null);
  const weakest = [...known].sort((a, b) => a.mastery! - b.mastery!)[0];
  const summary = known.length
    ? `Mastery from 0 to 100 in each domain, beside the domain's share of the exam. Lowest: ${weakest.name} at ${weakest.mastery}.`
    : "No mastery yet: answer questions or review cards and each domain fills in.";
  return (
    <ChartFigure
      id="mastery"
      title="Mastery by domain"
      summary={summary}
      height={260}
      chart={
        <BarChart
          responsive
          style={{ width: "100%", height: 260 }}
          data={data}
          accessibilityLayer={false}
          margin={{ top: 8, right: 8, bottom: 0, left: -16 }}
        >
          <CartesianGrid stroke="var(--line)" vertical={false} />
          <XAxis dataKey="id" {...axis} />
          <YAxis domain={[0, 100]} {...axis} />
          <Legend />
          {/* Each domain's bar in its own colour, the same as its chip and ring. */}
          <Bar dataKey="mastery" name="Mastery" fill="var(--ink)" isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.id} fill={domainColor(d.id)} />
            ))}
          </Bar>
          <Bar dataKey="weight" name="Exam weight %" fill="var(--muted)" isAnimationActive={false} />
        </BarChart>
      }
      table={
        <Table
          caption="Mastery by domain"
          head={["Domain", "Mastery (0–100)", "Exam weight", "Questions answered", "Cards started"]}
          rows={domains.map((d) => [d.name, d.mastery ?? "not enough data", `${d.weightPercent}%`, d.answers, d.cards])}
        />
      }
    />
  );
}

export function ScoreTrendChart({
  points,
  pass,
}: {
  points: { day: string; scaled: number; percent: number }[];
  pass: number;
}) {
  const { locale } = useDates();
  const data = points.map((p, i) => ({ n: i + 1, label: shortDay(p.day, locale), scaled: p.scaled }));
  const last = points.at(-1);
  const summary = last
    ? `Estimated scaled score of your full mocks, oldest to newest; the dashed line is the ${pass} pass mark. Latest: ${last.scaled} (${last.percent}% correct).`
    : "No full mock yet. Take one from Practice to start your trend.";
  return (
    <ChartFigure
      id="scores"
      title="Mock exam scores"
      summary={summary}
      height={220}
      chart={
        <LineChart
          responsive
          style={{ width: "100%", height: 220 }}
          data={data}
          accessibilityLayer={false}
          margin={{ top: 8, right: 16, bottom: 0, left: -8 }}
        >
          <CartesianGrid stroke="var(--line)" vertical={false} />
          <XAxis dataKey="label" {...axis} />
          <YAxis domain={[200, 500]} ticks={[200, 300, 390, 500]} {...axis} />
          <ReferenceLine
            y={pass}
            stroke="var(--success)"
            strokeDasharray="6 4"
            label={{ value: `Pass ${pass}`, fill: "var(--success)", position: "insideTopLeft", fontSize: 12 }}
          />
          <Line
            dataKey="scaled"
            name="Estimated scaled score"
            stroke="var(--brand)"
            strokeWidth={3}
            dot={{ r: 4 }}
            isAnimationActive={false}
          />
        </LineChart>
      }
      table={
        <Table
          caption="Mock exam scores"
          head={["Date", "Estimated scaled score", "Correct"]}
          rows={points.map((p) => [shortDay(p.day, locale), p.scaled, `${p.percent}%`])}
        />
      }
    />
  );
}

/** A bar per day for a month (forecast, minutes studied): the two charts differ only in words. */
function DailyBars({
  id,
  title,
  summary,
  data,
  valueName,
  fill,
  table,
}: {
  id: string;
  title: string;
  summary: string;
  data: { label: string; value: number }[];
  valueName: string;
  fill: string;
  table: ReactNode;
}) {
  return (
    <ChartFigure
      id={id}
      title={title}
      summary={summary}
      height={200}
      chart={
        <BarChart
          responsive
          style={{ width: "100%", height: 200 }}
          data={data}
          accessibilityLayer={false}
          margin={{ top: 8, right: 8, bottom: 0, left: -16 }}
        >
          <CartesianGrid stroke="var(--line)" vertical={false} />
          <XAxis dataKey="label" interval={6} {...axis} />
          <YAxis allowDecimals={false} {...axis} />
          <Bar dataKey="value" name={valueName} fill={fill} isAnimationActive={false} />
        </BarChart>
      }
      table={table}
    />
  );
}

export function ForecastChart({ forecast }: { forecast: { day: string; count: number }[] }) {
  const { locale } = useDates();
  const data = forecast.map((f, i) => ({ label: i === 0 ? "Today" : shortDay(f.day, locale), value: f.count }));
  const total = forecast.reduce((n, f) => n + f.count, 0);
  return (
    <DailyBars
      id="forecast"
      title="Review forecast"
      summary={`Cards coming due each day for the next 30 days: ${forecast[0]?.count ?? 0} today, ${total} in all.`}
      data={data}
      valueName="Cards due"
      fill="var(--brand)"
      table={<Table caption="Review forecast" head={["Day", "Cards due"]} rows={data.map((d) => [d.label, d.value])} />}
    />
  );
}

export function MinutesChart({ days }: { days: { day: string; minutes: number }[] }) {
  const { locale } = useDates();
  const total = days.reduce((n, d) => n + d.minutes, 0);
  return (
    <DailyBars
      id="minutes"
      title="Minutes studied"
      summary={`Estimated minutes of study per day over the last 30 days: ${total} minutes in all. Time counts while you answer, review or read without a break over five minutes.`}
      data={days.map((d) => ({ label: shortDay(d.day, locale), value: d.minutes }))}
      valueName="Minutes"
      fill="var(--success)"
      table={
        <Table
          caption="Minutes studied per day"
          head={["Day", "Minutes"]}
          rows={days.filter((d) => d.minutes > 0).map((d) => [shortDay(d.day, locale), d.minutes])}
        />
      }
    />
  );
}

/** "Mon" … "Sun" in the reader's locale: the days of a week that starts on a Monday (2026-11-30). */
const weekdayNames = (locale: string) =>
  Array.from({ length: 7 }, (_, i) =>
    formatDate(new Date(Date.UTC(2026, 10, 30 + i, 12)), "UTC", "weekdayShort", locale),
  );

export function ActivityCalendar({
  days,
  streak,
}: {
  days: { day: string; minutes: number; reviews: number; answers: number; lessons: number }[];
  streak: { current: number; longest: number };
}) {
  const { locale } = useDates();
  const weekdays = weekdayNames(locale);
  // Columns are weeks (Monday first), rows weekdays; the last column ends today.
  const firstWeekday = (new Date(`${days[0].day}T12:00:00Z`).getUTCDay() + 6) % 7;
  const cells = days.map((d, i) => ({
    week: Math.floor((i + firstWeekday) / 7),
    weekday: (i + firstWeekday) % 7,
    minutes: d.minutes,
    studied: d.reviews + d.answers + d.lessons > 0,
  }));
  const studied = days.filter((d) => d.reviews + d.answers + d.lessons > 0);
  const level = (m: number, s: boolean) => (!s ? 0 : m < 15 ? 1 : m < 45 ? 2 : 3);
  const fills = [
    "var(--raised)",
    "color-mix(in srgb, var(--brand) 35%, transparent)",
    "color-mix(in srgb, var(--brand) 65%, transparent)",
    "var(--brand)",
  ];
  const weeks = Math.ceil((days.length + firstWeekday) / 7);
  return (
    <ChartFigure
      id="calendar"
      title="Activity calendar"
      summary={`Days you studied in the last ${weeks} weeks: ${studied.length}. Current streak ${streak.current} day${streak.current === 1 ? "" : "s"}, longest ${streak.longest}. Darker squares mean more minutes.`}
      height={170}
      chart={
        <ScatterChart
          responsive
          style={{ width: "100%", height: 170 }}
          accessibilityLayer={false}
          margin={{ top: 8, right: 8, bottom: 0, left: -20 }}
        >
          <XAxis type="number" dataKey="week" domain={[-0.5, weeks - 0.5]} hide />
          <YAxis
            type="number"
            dataKey="weekday"
            domain={[-0.5, 6.5]}
            reversed
            ticks={[0, 2, 4, 6]}
            tickFormatter={(v: number) => weekdays[v]}
            {...axis}
          />
          <ZAxis range={[60, 60]} />
          <Scatter
            data={cells}
            isAnimationActive={false}
            shape={(props: { cx?: number; cy?: number; payload?: (typeof cells)[number] }) => (
              <rect
                x={(props.cx ?? 0) - 8}
                y={(props.cy ?? 0) - 8}
                width={16}
                height={16}
                rx={3}
                fill={fills[level(props.payload?.minutes ?? 0, props.payload?.studied ?? false)]}
              />
            )}
          />
        </ScatterChart>
      }
      table={
        <Table
          caption="Days studied"
          head={["Day", "Minutes", "Reviews", "Questions answered", "Lessons finished"]}
          rows={[...studied]
            .reverse()
            .map((d) => [shortDay(d.day, locale), d.minutes, d.reviews, d.answers, d.lessons])}
        />
      }
    />
  );
}
