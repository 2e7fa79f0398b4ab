// npm run bench: builds the app, seeds a realistic data set on a scratch database, starts the
// production server and drives it with autocannon. Prints req/s and p50/p95/p99 per route,
// each route's throughput as a share of a trivial route's, peak server memory, and writes the
// same to bench/results/<date>.json. SQLite by default; PostgreSQL when BENCH_DATABASE_URL is set.
// These are numbers to read against the targets, never pass/fail tests.
import { execFileSync, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { migratePostgres, migrateSqlite } from "./lib/migrate.ts";

const PORT = Number(process.env.BENCH_PORT ?? 3290);
const BASE = `http://127.0.0.1:${PORT}`;
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const pgUrl = process.env.BENCH_DATABASE_URL;

// 1. Database: fresh, migrated.
let url: string;
if (pgUrl) {
  const u = new URL(pgUrl);
  u.searchParams.set("schema", `bench_${Date.now()}`);
  url = u.toString();
  await migratePostgres(url);
} else {
  mkdirSync("data", { recursive: true });
  const file = path.resolve("data/bench.db");
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  migrateSqlite(file);
  url = `file:${file}`;
}
process.env.DATABASE_URL = url;
const { db } = await import("../app/utils/db.server.ts");
const { startSession } = await import("../app/utils/auth.server.ts");
const { hashPassword } = await import("../app/auth/password.server.ts");
const { syncContent } = await import("./lib/content-sync.ts");
const { startPractice } = await import("../app/exam/attempts.server.ts");
const { getContentIndex } = await import("../app/content/index.server.ts");

console.log(`Seeding (${pgUrl ? "PostgreSQL" : "SQLite"})…`);
const t0 = Date.now();
await syncContent();
const passwordHash = await hashPassword(randomUUID());
const LEARNERS = 1000;
await db.user.createMany({
  data: Array.from({ length: LEARNERS }, (_, i) => ({ email: `learner${i}@bench.test`, name: `Learner ${i}`, passwordHash, timeZone: "America/New_York" })),
});
const learners = await db.user.findMany({ where: { email: { endsWith: "@bench.test" } }, select: { id: true }, orderBy: { email: "asc" } });

// 50 active learners, each in the middle of a 40-question timed practice.
const active = learners.slice(0, CONNECTIONS);
const activeSessions: { cookie: string; attemptId: string }[] = [];
for (const user of active) {
  const started = await startPractice(user.id, { domains: ["LAW", "COM", "ENC"], weakest: false, count: 40, timed: true, minutes: 135, mode: "exam", only: "all" });
  if (!started.ok) throw new Error(started.message);
  activeSessions.push({ cookie: (await startSession(user.id)).split(";")[0], attemptId: started.attemptId });
}

// One heavy learner: two years of history, 20,000 cards and 200,000 review logs, 300 attempts.
const heavy = learners[LEARNERS - 1];
const now = Date.now();
const DAY = 86_400_000;
const cards = Array.from({ length: 20_000 }, (_, i) => {
  const state = i % 10 === 0 ? 1 : 2;
  return {
    id: `heavycard${String(i).padStart(16, "0")}`,
    userId: heavy.id,
    source: "own",
    domainId: ["FND", "COM", "LAW", "SCH", "ENC", "BIL", "ADM"][i % 7],
    front: `Heavy card ${i} front`,
    back: `Heavy card ${i} back`,
    // Spread over ±60 days: a realistic few hundred due today.
    due: new Date(now + ((i * 7919) % (120 * DAY)) - 60 * DAY + (i % 3) * 3600_000),
    stability: 5 + (i % 50),
    difficulty: 3 + (i % 6),
    scheduledDays: 1 + (i % 40),
    reps: 5 + (i % 20),
    lapses: i % 4,
    state,
    lastReview: new Date(now - ((i * 31) % (30 * DAY))),
  };
});
for (let i = 0; i < cards.length; i += 2000) await db.reviewCard.createMany({ data: cards.slice(i, i + 2000) });
const LOGS = 200_000;
for (let i = 0; i < LOGS; i += 5000) {
  await db.reviewLog.createMany({
    data: Array.from({ length: Math.min(5000, LOGS - i) }, (_, k) => {
      const n = i + k;
      const review = new Date(now - 2 * 365 * DAY + Math.floor((n / LOGS) * 2 * 365 * DAY));
      return {
        cardId: cards[n % cards.length].id,
        userId: heavy.id,
        requestId: `seed-${n}`,
        rating: 1 + (n % 4),
        state: n % 5 === 0 ? 1 : 2,
        due: new Date(review.getTime() + DAY),
        stability: 5,
        difficulty: 5,
        elapsedDays: 3,
        lastElapsedDays: 2,
        scheduledDays: 4,
        learningSteps: 0,
        review,
        previousCard: "{}",
      };
    }),
  });
}
const heavyCookie = (await startSession(heavy.id)).split(";")[0];
console.log(`Seeded ${LEARNERS} learners, ${cards.length} cards, ${LOGS} review logs in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
const lessonSlug = [...getContentIndex().lessons.values()][0];
await db.$disconnect();

// 2. Production server.
if (!existsSync("build/server/index.js") || process.argv.includes("--build")) execFileSync("npm", ["run", "-s", "build"], { stdio: "inherit" });
const server = spawn("node", ["server.js"], { env: { ...process.env, DATABASE_URL: url, NODE_ENV: "production", PORT: String(PORT), HOST: "127.0.0.1" }, stdio: ["ignore", "pipe", "inherit"] });
server.stdout!.resume();
server.on("exit", (code) => code && console.error(`server exited (${code})`));
// Ready when /healthz answers (with WEB_CONCURRENCY > 1, when a worker listens).
for (let i = 0; ; i++) {
  const ok = await fetch(`${BASE}/healthz`).then((r) => r.ok, () => false);
  if (ok) break;
  if (i > 100) throw new Error("the server did not start");
  await new Promise((r) => setTimeout(r, 200));
}
// Peak memory: the server process plus any cluster workers (its children), summed per sample.
let peakRss = 0;
const rssOf = (pid: number) => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;
  } catch {
    return 0; // Not Linux: no memory figure.
  }
};
const childrenOf = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
};
const sampler = setInterval(() => {
  const pids = [server.pid!, ...childrenOf(server.pid!)];
  peakRss = Math.max(peakRss, pids.reduce((n, pid) => n + rssOf(pid), 0));
}, 250);

// 3. Scenarios. Each connection plays one learner.
type Scenario = {
  name: string;
  target?: string;
  setup: () => autocannon.Request[];
  /** One request as learner `vu` would send it, for the virtual-user run. */
  request: (vu: number) => { method: string; path: string; headers?: Record<string, string>; body?: string };
};
const origin = { Origin: BASE };
let answerCounter = 0;
// A rating as the browser posts it (to the route's .data URL), on a random card of the heavy learner.
const ratingRequest = () => ({
  method: "POST" as const,
  path: "/review/study.data",
  headers: { cookie: heavyCookie, ...origin, "content-type": "application/x-www-form-urlencoded" },
  body: `intent=rate&ref=card:${cards[Math.floor(Math.random() * cards.length)].id}&grade=${1 + Math.floor(Math.random() * 4)}&requestId=${randomUUID()}`,
});
const scenarios: Scenario[] = [
  { name: "baseline (/healthz)", setup: () => [{ method: "GET", path: "/healthz" }], request: () => ({ method: "GET", path: "/healthz" }) },
  {
    name: "lesson page",
    setup: () => [{ method: "GET", path: `/learn/${lessonSlug.domainSlug}/${lessonSlug.slug}` }],
    request: () => ({ method: "GET", path: `/learn/${lessonSlug.domainSlug}/${lessonSlug.slug}` }),
  },
  {
    name: "exam page",
    target: "p95 < 50 ms",
    setup: () => [
      {
        method: "GET",
        setupRequest: (req, context) => {
          const ctx = context as { learner?: number };
          const s = activeSessions[(ctx.learner ??= answerCounter++ % activeSessions.length)];
          return { ...req, path: `/attempts/${s.attemptId}/q/${1 + Math.floor(Math.random() * 40)}`, headers: { cookie: s.cookie } };
        },
      },
    ],
    request: (vu) => {
      const s = activeSessions[vu % activeSessions.length];
      return { method: "GET", path: `/attempts/${s.attemptId}/q/${1 + Math.floor(Math.random() * 40)}`, headers: { cookie: s.cookie } };
    },
  },
  {
    name: "answer save",
    target: "p95 < 25 ms",
    setup: () => [
      {
        method: "POST",
        setupRequest: (req, context) => {
          const ctx = context as { learner?: number };
          const s = activeSessions[(ctx.learner ??= answerCounter++ % activeSessions.length)];
          return {
            ...req,
            path: `/attempts/${s.attemptId}/q/${1 + Math.floor(Math.random() * 40)}.data`,
            headers: { cookie: s.cookie, ...origin, "content-type": "application/x-www-form-urlencoded" },
            body: `intent=answer&choice=${Math.floor(Math.random() * 4)}`,
          };
        },
      },
    ],
    // The browser saves an answer with a fetcher POST to the route's .data URL.
    request: (vu) => {
      const s = activeSessions[vu % activeSessions.length];
      return {
        method: "POST",
        path: `/attempts/${s.attemptId}/q/${1 + Math.floor(Math.random() * 40)}.data`,
        headers: { cookie: s.cookie, ...origin, "content-type": "application/x-www-form-urlencoded" },
        body: `intent=answer&choice=${Math.floor(Math.random() * 4)}`,
      };
    },
  },
  {
    name: "review queue (heavy learner)",
    target: "p95 < 20 ms",
    setup: () => [{ method: "GET", path: "/review/study", headers: { cookie: heavyCookie } }],
    request: () => ({ method: "GET", path: "/review/study", headers: { cookie: heavyCookie } }),
  },
  {
    // What the browser fetches when it moves to the next card (single fetch: every loader's data).
    name: "review queue .data (heavy learner)",
    target: "p95 < 20 ms",
    setup: () => [{ method: "GET", path: "/review/study.data", headers: { cookie: heavyCookie } }],
    request: () => ({ method: "GET", path: "/review/study.data", headers: { cookie: heavyCookie } }),
  },
  {
    name: "review rating (heavy learner)",
    target: "p95 < 25 ms",
    setup: () => [
      {
        method: "POST",
        setupRequest: (req) => ({ ...req, ...ratingRequest() }),
      },
    ],
    request: () => ratingRequest(),
  },
];

// autocannon reports p97.5 but not p95: record every response time and compute percentiles.
function percentile(sorted: number[], p: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
}
// Two runs per route: saturation (50 connections sending back to back: the route's throughput)
// and 50 virtual users, each waiting a random think time (mean THINK_MS, exponential) between
// requests, as learners do: the latency they feel. THINK_MS = 2 s is faster than anyone answers
// an exam question or rates a card.
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 2000);
async function virtualUsers(scenario: Scenario) {
  const times: number[] = [];
  const statuses = new Map<number, number>();
  const end = Date.now() + DURATION * 1000;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, vu) => {
      await sleep(Math.random() * THINK_MS);
      while (Date.now() < end) {
        const req = scenario.request(vu);
        const start = performance.now();
        const res = await fetch(`${BASE}${req.path}`, { method: req.method, headers: req.headers, body: req.body, redirect: "manual" });
        await res.arrayBuffer();
        times.push(performance.now() - start);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        await sleep(-Math.log(1 - Math.random()) * THINK_MS);
      }
    }),
  );
  return { times, statuses };
}
function runScenario(scenario: Scenario) {
  return new Promise<{ result: autocannon.Result; times: number[]; statuses: Map<number, number> }>((resolve, reject) => {
    const times: number[] = [];
    const statuses = new Map<number, number>();
    const instance = autocannon({ url: BASE, connections: CONNECTIONS, duration: DURATION, requests: scenario.setup() }, (error, result) =>
      error ? reject(error) : resolve({ result, times, statuses }),
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      times.push(responseTime);
      statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
    });
  });
}

// --only <text> (or BENCH_ONLY): run the baseline plus the routes whose name contains the text,
// e.g. `npm run bench -- --only review`.
const onlyArg = process.argv.indexOf("--only");
const only = (onlyArg >= 0 ? process.argv[onlyArg + 1] : process.env.BENCH_ONLY)?.toLowerCase();
const selected = scenarios.filter((s, i) => i === 0 || !only || s.name.toLowerCase().includes(only));
const results: Record<string, unknown>[] = [];
let baseline = 0;
for (const scenario of selected) {
  const saturated = await runScenario(scenario);
  const paced = await virtualUsers(scenario);
  const sorted = paced.times.sort((a, b) => a - b);
  const reqPerSec = Math.round(saturated.result.requests.average);
  if (!baseline) baseline = reqPerSec;
  const bad = (statuses: Map<number, number>) => [...statuses].filter(([code]) => code >= 400).reduce((n, [, c]) => n + c, 0);
  results.push({
    route: scenario.name,
    "max req/s": reqPerSec,
    "vs baseline": `${Math.round((reqPerSec / baseline) * 100)}%`,
    "sat. p95": +percentile(saturated.times.sort((a, b) => a - b), 95).toFixed(1),
    "VU req/s": Math.round(paced.times.length / DURATION),
    "VU p50": +percentile(sorted, 50).toFixed(1),
    "VU p95": +percentile(sorted, 95).toFixed(1),
    "VU p99": +percentile(sorted, 99).toFixed(1),
    errors: saturated.result.errors + saturated.result.timeouts + bad(saturated.statuses) + bad(paced.statuses),
    target: scenario.target ?? "",
  });
}
clearInterval(sampler);
server.kill("SIGTERM");

console.log(`\n${CONNECTIONS} connections / virtual users (think time ${THINK_MS} ms), ${DURATION} s per run, ${pgUrl ? "PostgreSQL" : "SQLite"}, ${new Date().toISOString()}. Latencies in ms.`);
console.table(results);
console.log(`Peak server memory (RSS, all processes): ${(peakRss / 1024 / 1024).toFixed(0)} MiB; WEB_CONCURRENCY=${process.env.WEB_CONCURRENCY ?? 1}`);
mkdirSync("bench/results", { recursive: true });
const out = `bench/results/${new Date().toISOString().slice(0, 19).replace(/:/g, "-")}-${pgUrl ? "pg" : "sqlite"}.json`;
writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), database: pgUrl ? "postgres" : "sqlite", connections: CONNECTIONS, thinkMs: THINK_MS, seconds: DURATION, peakRssBytes: peakRss, results }, null, 2));
console.log(`Wrote ${out}`);
