// One database's bench run (npm run bench runs this in a child process per database, because the
// app's Prisma client reads DATABASE_URL once, at import): fresh scratch database, seed, production
// server, then the routes (saturation and virtual users), cache headers, the classroom soak and,
// on PostgreSQL, one process against two.
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import pg from "pg";
import { migratePostgres, migrateSqlite, pgConfig } from "./migrate.ts";
import { quoteIdent } from "../../app/utils/pg-analyze.ts";
import { errorCount, percentile, saturate, virtualUsers, type BenchRequest, type LoadResult } from "./bench-load.ts";
import { startServer, type BenchServer } from "./bench-server.ts";
import type { Fixture } from "./bench-seed.ts";

export type DatabaseKind = "sqlite" | "postgres";

export interface RunOptions {
  kind: DatabaseKind;
  /** SQLite: ignored (data/bench.db); PostgreSQL: the server's URL (a fresh schema is made in it). */
  url: string;
  port: number;
  seconds: number;
  soakSeconds: number;
  thinkMs: number;
  only?: string[];
  reuse: boolean;
  profile: boolean;
}

export interface RouteResult {
  id: string;
  route: string;
  users: number;
  maxReqPerSec: number;
  /** The baseline's saturated req/s measured just before this route (its share's denominator). */
  baselineReqPerSec: number;
  vsBaseline: number;
  satP95: number;
  vuReqPerSec: number;
  vuP50: number;
  vuP95: number;
  vuP99: number;
  errors: number;
  statuses: Record<string, number>;
  target: string;
}

export interface DatabaseResult {
  kind: DatabaseKind;
  version: string;
  location: string;
  seedSeconds: number | null;
  reused: boolean;
  connections: number;
  seconds: number;
  thinkMs: number;
  baseline: number;
  routes: RouteResult[];
  cache?: CacheChecks;
  classroom?: ClassroomResult;
  peakRssBytes: number;
  concurrency?: ConcurrencyResult;
  profiles: string[];
}

export interface CacheChecks {
  lessonEtag: string | null;
  lessonCacheControl: string | null;
  lessonRevisitStatus: number | null;
  asset: string | null;
  assetCacheControl: string | null;
  assetContentEncoding: string | null;
}

export interface ClassroomResult {
  users: number;
  seconds: number;
  reqPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  statuses: Record<string, number>;
  rssStartBytes: number;
  rssEndBytes: number;
  rssSamples: number;
}

export interface ConcurrencyResult {
  answerSave: { one: number; two: number; errors: number };
  rating: { one: number; two: number; errors: number };
}

export const CONNECTIONS = 50;
const DASHBOARD_USERS = 20;
const SOAK_WARMUP_S = 30;
const SOAK_WINDOW_S = 60;

interface Scenario {
  id: string;
  name: string;
  target?: string;
  /** Concurrent connections / virtual users for this route (default CONNECTIONS). */
  connections?: number;
  /** One request as learner `vu` would send it. */
  request: (vu: number) => BenchRequest;
}

const form = { "content-type": "application/x-www-form-urlencoded" };
const randomQuestion = () => 1 + Math.floor(Math.random() * 40);
const randomChoice = () => Math.floor(Math.random() * 4);
const randomGrade = () => 1 + Math.floor(Math.random() * 4);
const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)];

function scenarios(f: Fixture, base: string): Scenario[] {
  const origin = { Origin: base };
  const learner = (vu: number) => f.active[vu % f.active.length];
  const heavy = { cookie: f.heavyCookie };
  return [
    { id: "baseline", name: "baseline (/healthz)", request: () => ({ method: "GET", path: "/healthz" }) },
    {
      id: "lesson",
      name: "lesson page",
      target: ">= 60%",
      request: () => ({ method: "GET", path: f.lessonPath }),
    },
    {
      id: "exam",
      name: "exam page",
      target: ">= 25%, p95 < 30 ms",
      request: (vu) => ({
        method: "GET",
        path: `/attempts/${learner(vu).attemptId}/q/${randomQuestion()}`,
        headers: { cookie: learner(vu).cookie },
      }),
    },
    {
      // The browser saves an answer with a fetcher POST to the route's .data URL.
      id: "answer",
      name: "answer save",
      target: ">= 50%, p95 < 25 ms",
      request: (vu) => answerSave(learner(vu), origin),
    },
    {
      // Without JavaScript the page's form posts to the page itself, as a browser sends it: the
      // hidden `from`, the chosen option and the pressed button (Next saves, then moves on). The
      // app answers with a redirect.
      id: "answerNoJs",
      name: "answer save (no JS)",
      target: ">= 20%",
      request: (vu) => ({
        method: "POST",
        path: `/attempts/${learner(vu).attemptId}/q/${randomQuestion()}`,
        headers: { cookie: learner(vu).cookie, ...origin, ...form },
        body: `from=page&choice=${randomChoice()}&intent=next`,
      }),
    },
    {
      id: "queue",
      name: "review queue (heavy learner)",
      target: "p95 < 20 ms",
      request: () => ({ method: "GET", path: "/review/study", headers: heavy }),
    },
    {
      // What the browser fetches when it moves to the next card (single fetch: every loader's data).
      id: "queueData",
      name: "review queue .data (heavy learner)",
      target: "p95 < 20 ms",
      request: () => ({ method: "GET", path: "/review/study.data", headers: heavy }),
    },
    {
      id: "rating",
      name: "review rating (heavy learner)",
      target: ">= 50%, p95 < 25 ms",
      request: () => heavyRating(f, origin),
    },
    {
      id: "dashboard",
      name: `dashboard (heavy learner, ${DASHBOARD_USERS} users)`,
      target: ">= 20%, p95 < 50 ms",
      connections: DASHBOARD_USERS,
      request: () => ({ method: "GET", path: "/progress", headers: heavy }),
    },
  ];
}

function answerSave(l: { cookie: string; attemptId: string }, origin: { Origin: string }): BenchRequest {
  return {
    method: "POST",
    path: `/attempts/${l.attemptId}/q/${randomQuestion()}.data`,
    headers: { cookie: l.cookie, ...origin, ...form },
    body: `intent=answer&choice=${randomChoice()}`,
  };
}

// A rating as the browser posts it (to the route's .data URL), on a random card of the heavy learner.
function heavyRating(f: Fixture, origin: { Origin: string }): BenchRequest {
  return {
    method: "POST",
    path: "/review/study.data",
    headers: { cookie: f.heavyCookie, ...origin, ...form },
    body: `intent=rate&ref=card:${pick(f.heavyCardIds)}&grade=${randomGrade()}&requestId=${randomUUID()}`,
  };
}

const round1 = (n: number) => +n.toFixed(1);
const statusRecord = (...results: LoadResult[]) => {
  const out: Record<string, number> = {};
  for (const r of results) for (const [code, n] of r.statuses) out[code] = (out[code] ?? 0) + n;
  return out;
};

/**
 * Saturation, then virtual users with exponential think time (mean thinkMs): the latency felt.
 * A route's share is against the baseline saturated just before it (`baseline`, null for the
 * baseline itself): on a shared two-core machine the speed on offer drifts within a run (the
 * baseline moved between 576 and 1,122 req/s across runs), and a share of a baseline measured
 * minutes earlier swung with it (the exam page read 19% and 40% in two runs of the same code).
 */
async function measureRoute(base: string, s: Scenario, o: RunOptions, baseline: Scenario | null): Promise<RouteResult> {
  const users = s.connections ?? CONNECTIONS;
  const before = baseline ? (await saturate(base, CONNECTIONS, o.seconds, baseline.request)).reqPerSec : 0;
  const saturated = await saturate(base, users, o.seconds, s.request);
  const paced = await virtualUsers(base, users, o.seconds, s.request, () => -Math.log(1 - Math.random()) * o.thinkMs);
  const max = saturated.reqPerSec;
  return {
    id: s.id,
    route: s.name,
    users,
    maxReqPerSec: max,
    baselineReqPerSec: baseline ? before : max,
    vsBaseline: baseline ? max / before : 1,
    satP95: round1(percentile(saturated.times, 95)),
    vuReqPerSec: Math.round(paced.times.length / o.seconds),
    vuP50: round1(percentile(paced.times, 50)),
    vuP95: round1(percentile(paced.times, 95)),
    vuP99: round1(percentile(paced.times, 99)),
    errors: errorCount(saturated) + errorCount(paced),
    statuses: statusRecord(saturated, paced),
    target: s.target ?? "",
  };
}

/** Lesson page validators and cache headers, and how one built asset is served. */
async function cacheChecks(base: string, lessonPath: string): Promise<CacheChecks> {
  const page = await fetch(`${base}${lessonPath}`);
  const html = await page.text();
  const etag = page.headers.get("etag");
  const revisit = etag ? await fetch(`${base}${lessonPath}`, { headers: { "If-None-Match": etag } }) : null;
  await revisit?.arrayBuffer();
  // The page's largest script or stylesheet: files under 1 KiB are rightly sent as they are.
  let asset: string | null = null;
  let largest = 0;
  for (const [path] of html.matchAll(/\/assets\/[^"'\s>?#]+\.(?:js|css)/g)) {
    const size = (await (await fetch(`${base}${path}`)).arrayBuffer()).byteLength;
    if (size > largest) [asset, largest] = [path, size];
  }
  const assetRes = asset ? await fetch(`${base}${asset}`, { headers: { "Accept-Encoding": "gzip, br" } }) : null;
  await assetRes?.arrayBuffer();
  return {
    lessonEtag: etag,
    lessonCacheControl: page.headers.get("cache-control"),
    lessonRevisitStatus: revisit?.status ?? null,
    asset,
    assetCacheControl: assetRes?.headers.get("cache-control") ?? null,
    assetContentEncoding: assetRes?.headers.get("content-encoding") ?? null,
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : NaN;
};

/**
 * The classroom, run as the memory soak: every learner saves an answer or rates a content card
 * every 5-15 s. RSS is sampled each second; "start" is the median over the first 60 s after a
 * 30 s warm-up, "end" the median over the last 60 s.
 */
async function classroomSoak(base: string, f: Fixture, server: BenchServer, seconds: number): Promise<ClassroomResult> {
  const origin = { Origin: base };
  const samples: { t: number; rss: number }[] = [];
  const t0 = Date.now();
  const sampler = setInterval(() => samples.push({ t: (Date.now() - t0) / 1000, rss: server.rss() }), 1000);
  const request = (vu: number): BenchRequest => {
    const l = f.classroom[vu];
    if (Math.random() < 0.5) return answerSave(l, origin);
    return {
      method: "POST",
      path: "/review/study.data",
      headers: { cookie: l.cookie, ...origin, ...form },
      body: `intent=rate&ref=content:${pick(f.contentCardIds)}&grade=${randomGrade()}&requestId=${randomUUID()}`,
    };
  };
  const result = await virtualUsers(
    base,
    f.classroom.length,
    seconds,
    request,
    () => 5000 + Math.random() * 10_000,
    () => Math.random() * 15_000,
  );
  clearInterval(sampler);
  const startWindow = samples.filter((s) => s.t >= SOAK_WARMUP_S && s.t < SOAK_WARMUP_S + SOAK_WINDOW_S);
  const endWindow = samples.filter((s) => s.t >= seconds - SOAK_WINDOW_S);
  return {
    users: f.classroom.length,
    seconds,
    reqPerSec: round1(result.times.length / seconds),
    p50: round1(percentile(result.times, 50)),
    p95: round1(percentile(result.times, 95)),
    p99: round1(percentile(result.times, 99)),
    errors: errorCount(result),
    statuses: statusRecord(result),
    rssStartBytes: median((startWindow.length ? startWindow : samples.slice(0, SOAK_WINDOW_S)).map((s) => s.rss)),
    rssEndBytes: median(endWindow.map((s) => s.rss)),
    rssSamples: samples.length,
  };
}

/** PostgreSQL: answer save and rating throughput from a fresh server with one process, then two. */
async function concurrency(base: string, f: Fixture, o: RunOptions, url: string): Promise<ConcurrencyResult> {
  const origin = { Origin: base };
  const measure = async (webConcurrency: number) => {
    const server = await startServer({ port: o.port, databaseUrl: url, webConcurrency, profile: false });
    // A fresh server is cold (JIT, connection pools): warm every worker up before measuring.
    await saturate(base, CONNECTIONS, 2, (vu) => answerSave(f.active[vu % f.active.length], origin));
    await saturate(base, CONNECTIONS, 2, () => heavyRating(f, origin));
    const answer = await saturate(base, CONNECTIONS, o.seconds, (vu) =>
      answerSave(f.active[vu % f.active.length], origin),
    );
    const rating = await saturate(base, CONNECTIONS, o.seconds, () => heavyRating(f, origin));
    await server.stop();
    return { answer, rating };
  };
  console.log("PostgreSQL: one process, then WEB_CONCURRENCY=2…");
  const one = await measure(1);
  const two = await measure(2);
  const entry = (a: typeof one.answer, b: typeof one.answer) => ({
    one: a.reqPerSec,
    two: b.reqPerSec,
    errors: errorCount(a) + errorCount(b),
  });
  return { answerSave: entry(one.answer, two.answer), rating: entry(one.rating, two.rating) };
}

/** A fresh, migrated scratch database; its URL, description, and how to clean up. */
async function prepareDatabase(o: RunOptions) {
  if (o.kind === "postgres") {
    const u = new URL(o.url);
    u.searchParams.set("schema", `bench_${Date.now()}`);
    const url = u.toString();
    await migratePostgres(url);
    const { schema, ...config } = pgConfig(url);
    const client = new pg.Client(config);
    await client.connect();
    const version = (await client.query<{ v: string }>("select version() as v")).rows[0].v.split(" on ")[0];
    return {
      url,
      reuse: false,
      version,
      location: `${u.host}${u.pathname} (schema ${schema})`,
      // The scratch schema holds 200,000+ rows: drop it (SQLite's data/bench.db is kept for --reuse),
      // unless BENCH_KEEP_SCHEMA=1 keeps it to look into (EXPLAIN on the seeded data).
      cleanup: async () => {
        if (process.env.BENCH_KEEP_SCHEMA === "1")
          console.log(`Kept PostgreSQL schema ${schema} (BENCH_KEEP_SCHEMA=1).`);
        else {
          await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
          console.log(`Dropped PostgreSQL schema ${schema}.`);
        }
        await client.end();
      },
    };
  }
  mkdirSync("data", { recursive: true });
  const file = path.resolve("data/bench.db");
  const { default: Sqlite } = await import("better-sqlite3");
  const reuse = o.reuse && existsSync(file) && sqliteSeeded(Sqlite, file);
  if (o.reuse && !reuse) console.log("--reuse: data/bench.db does not hold the seed; seeding afresh.");
  if (!reuse) for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  migrateSqlite(file);
  const sqlite = new Sqlite(file, { readonly: true });
  const version = `SQLite ${(sqlite.prepare("select sqlite_version() as v").get() as { v: string }).v}`;
  sqlite.close();
  return { url: `file:${file}`, reuse, version, location: file, cleanup: async () => {} };
}

function sqliteSeeded(Sqlite: typeof Database, file: string) {
  const sqlite = new Sqlite(file, { readonly: true });
  try {
    const row = sqlite
      .prepare(
        `select (select count(*) from "User" where email like '%@bench.test') as users,
                (select count(*) from "ReviewCard" where id like 'heavycard%') as cards,
                (select count(*) from "ReviewLog" where requestId like 'seed-%') as logs`,
      )
      .get() as { users: number; cards: number; logs: number };
    return row.users === 1000 && row.cards === 20_000 && row.logs === 200_000;
  } catch {
    return false; // No tables yet.
  } finally {
    sqlite.close();
  }
}

const selectedBy = (only: string[] | undefined, name: string) =>
  !only?.length || only.some((w) => name.toLowerCase().includes(w));

export async function runDatabase(o: RunOptions): Promise<DatabaseResult> {
  const database = await prepareDatabase(o);
  try {
    process.env.DATABASE_URL = database.url;
    const { prepareFixture } = await import("./bench-seed.ts");
    console.log(`${database.reuse ? "Reusing" : "Seeding"} ${database.version} at ${database.location}…`);
    const fixture = await prepareFixture({ reuse: database.reuse, activeLearners: CONNECTIONS });
    if (fixture.seedSeconds !== null) console.log(`Seeded in ${fixture.seedSeconds.toFixed(1)} s.`);
    return await measureAll(o, database, fixture);
  } finally {
    await database.cleanup();
  }
}

async function measureAll(
  o: RunOptions,
  database: { url: string; version: string; location: string; reuse: boolean },
  fixture: Fixture,
): Promise<DatabaseResult> {
  const base = `http://127.0.0.1:${o.port}`;
  const server = await startServer({ port: o.port, databaseUrl: database.url, webConcurrency: 1, profile: o.profile });
  const routes: RouteResult[] = [];
  let baseline = 0;
  let baselineScenario: Scenario | null = null;
  for (const s of scenarios(fixture, base).filter((s, i) => i === 0 || selectedBy(o.only, s.name))) {
    console.log(`  ${s.name}…`);
    const r = await measureRoute(base, s, o, baselineScenario);
    if (!baselineScenario) [baseline, baselineScenario] = [r.maxReqPerSec, s];
    routes.push(r);
  }
  const cache = selectedBy(o.only, "lesson page") ? await cacheChecks(base, fixture.lessonPath) : undefined;
  let classroom: ClassroomResult | undefined;
  if (selectedBy(o.only, "classroom soak")) {
    console.log(`  classroom soak (${fixture.classroom.length} learners, ${o.soakSeconds} s)…`);
    classroom = await classroomSoak(base, fixture, server, o.soakSeconds);
  }
  const peakRssBytes = server.peakRss();
  const profiles = await server.stop();
  const twoProcesses =
    o.kind === "postgres" && selectedBy(o.only, "two processes")
      ? await concurrency(base, fixture, o, database.url)
      : undefined;
  return {
    kind: o.kind,
    version: database.version,
    location: database.location,
    seedSeconds: fixture.seedSeconds,
    reused: database.reuse,
    connections: CONNECTIONS,
    seconds: o.seconds,
    thinkMs: o.thinkMs,
    baseline,
    routes,
    cache,
    classroom,
    peakRssBytes,
    concurrency: twoProcesses,
    profiles,
  };
}
