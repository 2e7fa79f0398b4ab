// Tables for npm run bench: one per database (every route's figures), then the issue-17 targets,
// each with its measured value and met/missed on SQLite and PostgreSQL side by side.
import type { DatabaseResult, RouteResult } from "./bench-run.ts";

const MiB = 1024 * 1024;
export const RSS_LIMIT_MIB = 300;
/** Soak rule: no growth beyond 10% between the start and end medians. */
export const SOAK_GROWTH = 1.1;
const PG_SCALING = 1.7;

interface Verdict {
  measured: string;
  met: boolean;
}
interface Target {
  name: string;
  judge: (r: DatabaseResult) => Verdict | null | undefined;
}

const pct = (n: number) => `${Math.round(n * 100)}%`;
const mib = (bytes: number) => `${(bytes / MiB).toFixed(0)} MiB`;
const route = (r: DatabaseResult, id: string) => r.routes.find((x) => x.id === id);
const withErrors = (text: string, errors: number) => (errors ? `${text} (${errors} errors)` : text);

function share(id: string, min: number): Target["judge"] {
  return (r) => {
    const x = route(r, id);
    return (
      x && {
        measured: withErrors(`${x.maxReqPerSec} req/s = ${pct(x.vsBaseline)} of ${x.baselineReqPerSec}`, x.errors),
        met: x.vsBaseline >= min && x.errors === 0,
      }
    );
  };
}
function p95(id: string, maxMs: number): Target["judge"] {
  return (r) => {
    const x: RouteResult | undefined = route(r, id);
    return x && { measured: withErrors(`${x.vuP95} ms`, x.errors), met: x.vuP95 < maxMs && x.errors === 0 };
  };
}
const yesNo = (ok: boolean, detail?: string | null): Verdict => ({
  measured: `${ok ? "yes" : "no"}${detail ? ` (${detail})` : ""}`,
  met: ok,
});

export const targets: Target[] = [
  { name: "review rating >= 50% of baseline", judge: share("rating", 0.5) },
  { name: "review rating VU p95 < 25 ms", judge: p95("rating", 25) },
  { name: "answer save >= 50% of baseline", judge: share("answer", 0.5) },
  { name: "answer save VU p95 < 25 ms", judge: p95("answer", 25) },
  { name: "answer save (no JS) >= 20% of baseline", judge: share("answerNoJs", 0.2) },
  { name: "exam page >= 25% of baseline", judge: share("exam", 0.25) },
  { name: "exam page VU p95 < 30 ms", judge: p95("exam", 30) },
  { name: "lesson page >= 60% of baseline", judge: share("lesson", 0.6) },
  { name: "lesson ETag", judge: (r) => r.cache && yesNo(!!r.cache.lessonEtag, r.cache.lessonEtag) },
  {
    name: "lesson Cache-Control (cacheable)",
    judge: (r) =>
      r.cache &&
      yesNo(!!r.cache.lessonCacheControl && !/no-store/.test(r.cache.lessonCacheControl), r.cache.lessonCacheControl),
  },
  {
    name: "lesson revisit If-None-Match -> 304",
    judge: (r) =>
      r.cache && yesNo(r.cache.lessonRevisitStatus === 304, String(r.cache.lessonRevisitStatus ?? "no ETag")),
  },
  {
    name: "static immutable",
    judge: (r) => r.cache && yesNo(/immutable/.test(r.cache.assetCacheControl ?? ""), r.cache.assetCacheControl),
  },
  {
    name: "static compressed (br or gzip)",
    judge: (r) =>
      r.cache && yesNo(/^(br|gzip)$/.test(r.cache.assetContentEncoding ?? ""), r.cache.assetContentEncoding ?? "none"),
  },
  { name: "review queue VU p95 < 20 ms", judge: p95("queue", 20) },
  { name: "review queue .data VU p95 < 20 ms", judge: p95("queueData", 20) },
  { name: "dashboard VU p95 < 50 ms", judge: p95("dashboard", 50) },
  { name: "dashboard >= 20% of baseline", judge: share("dashboard", 0.2) },
  {
    name: `peak RSS < ${RSS_LIMIT_MIB} MiB (whole run)`,
    judge: (r) => ({ measured: mib(r.peakRssBytes), met: r.peakRssBytes < RSS_LIMIT_MIB * MiB }),
  },
  {
    name: `soak: RSS end <= start x ${SOAK_GROWTH.toFixed(2)}`,
    judge: ({ classroom: c }) =>
      c && {
        measured: `${mib(c.rssStartBytes)} -> ${mib(c.rssEndBytes)} (${c.rssEndBytes >= c.rssStartBytes ? "+" : ""}${pct(c.rssEndBytes / c.rssStartBytes - 1)}, ${c.seconds} s)`,
        met: c.rssEndBytes <= c.rssStartBytes * SOAK_GROWTH,
      },
  },
  {
    name: "classroom (1,000 learners) p95 < 100 ms",
    judge: ({ classroom: c }) =>
      c && {
        measured: `p95 ${c.p95} ms, ${c.reqPerSec} req/s, ${c.errors} errors`,
        met: c.p95 < 100 && c.errors === 0,
      },
  },
  ...(["answerSave", "rating"] as const).map((k) => ({
    name: `PG 2 processes: ${k === "answerSave" ? "answer save" : "rating"} >= ${PG_SCALING}x`,
    judge: (r: DatabaseResult) => {
      const c = r.concurrency?.[k];
      return (
        c && {
          measured: withErrors(`${c.one} -> ${c.two} req/s = ${(c.two / c.one).toFixed(2)}x`, c.errors),
          met: c.two >= c.one * PG_SCALING,
        }
      );
    },
  })),
];

/** One database's routes, as the bench has always printed them. */
export function printDatabase(r: DatabaseResult) {
  console.log(
    `\n${r.version} (${r.location}): ${r.connections} connections / virtual users (think time ${r.thinkMs} ms), ${r.seconds} s per run. Baseline ${r.baseline} req/s. Latencies in ms.`,
  );
  console.table(
    r.routes.map((x) => ({
      route: x.route,
      users: x.users,
      "max req/s": x.maxReqPerSec,
      "baseline just before": x.baselineReqPerSec,
      "vs baseline": pct(x.vsBaseline),
      "sat. p95": x.satP95,
      "VU req/s": x.vuReqPerSec,
      "VU p50": x.vuP50,
      "VU p95": x.vuP95,
      "VU p99": x.vuP99,
      errors: x.errors,
      target: x.target,
    })),
  );
  const c = r.classroom;
  if (c)
    console.log(
      `Classroom soak: ${c.users} learners, ${c.seconds} s, ${c.reqPerSec} req/s, p50/p95/p99 ${c.p50}/${c.p95}/${c.p99} ms, ${c.errors} errors; statuses ${JSON.stringify(c.statuses)}.`,
    );
  console.log(`Peak server memory (RSS, whole run): ${mib(r.peakRssBytes)}`);
  if (r.profiles.length) console.log(`CPU profiles: ${r.profiles.join(", ")}`);
}

/** The targets table: measured and met/missed per database; `null` = database not run. */
export function printTargets(sqlite: DatabaseResult | null, pgResult: DatabaseResult | null, pgNote: string) {
  const baselines = [
    `SQLite ${sqlite ? `${sqlite.baseline} req/s` : "n/a"}`,
    `PostgreSQL ${pgResult ? `${pgResult.baseline} req/s` : "n/a"}`,
  ].join(", ");
  console.log(
    `\nTargets (baseline = /healthz max req/s in the same run, first measured: ${baselines}; a share is of the baseline saturated just before its route, shown after "of"; met/missed judged on SQLite)`,
  );
  console.log(
    `Soak rule: RSS sampled each second during the classroom; start = median of the first 60 s after a 30 s warm-up, end = median of the last 60 s; met when end <= start x ${SOAK_GROWTH.toFixed(2)}.`,
  );
  const cell = (r: DatabaseResult | null, t: Target) => {
    const v = r && t.judge(r);
    return v ? [v.measured, v.met ? "met" : "missed"] : ["n/a", "n/a"];
  };
  console.table(
    targets.map((t) => {
      const [sm, sq] = cell(sqlite, t);
      const [pm, pq] = cell(pgResult, t);
      return {
        target: t.name,
        "SQLite measured": sm,
        "SQLite met?": sq,
        "PostgreSQL measured": pm,
        "PostgreSQL met?": pq,
      };
    }),
  );
  if (pgNote) console.log(pgNote);
}

/** Targets as JSON, for bench/results. */
export function targetRecords(sqlite: DatabaseResult | null, pgResult: DatabaseResult | null) {
  return targets.map((t) => ({
    target: t.name,
    sqlite: sqlite && t.judge(sqlite),
    postgres: pgResult && t.judge(pgResult),
  }));
}
