// npm run bench: builds the app, seeds a realistic data set on a scratch database, starts the
// production server and drives it with autocannon. Prints req/s and p50/p95/p99 per route,
// each route's throughput as a share of a trivial route's, peak server memory, and writes the
// same to bench/results/<date>.json. SQLite by default (a scratch data/bench.db); PostgreSQL when
// DATABASE_URL (or BENCH_DATABASE_URL, which wins) is a postgres:// URL: the bench then works in a
// fresh schema of that database and drops it afterwards, so point it at a scratch database.
// These are numbers to read against the targets, never pass/fail tests.
import "./lib/env.mjs";
import { execFileSync, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { databaseKind } from "../app/utils/database-url.ts";
import { migratePostgres, migrateSqlite, pgConfig } from "./lib/migrate.ts";

const PORT = Number(process.env.BENCH_PORT ?? 3290);
const BASE = `http://127.0.0.1:${PORT}`;
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const pgUrl = [process.env.BENCH_DATABASE_URL, process.env.DATABASE_URL]
  .find((u) => u?.trim() && databaseKind(u.trim()) === "postgres")
  ?.trim();

// 1. Database: fresh, migrated.
let url: string;
let database: { kind: "sqlite" | "postgres"; version: string; location: string };
if (pgUrl) {
  const u = new URL(pgUrl);
  u.searchParams.set("schema", `bench_${Date.now()}`);
  url = u.toString();
  await migratePostgres(url);
  database = {
    kind: "postgres",
    version: await postgresVersion(url),
    location: `${u.host}${u.pathname} (schema ${u.searchParams.get("schema")})`,
  };
} else {
  mkdirSync("data", { recursive: true });
  const file = path.resolve("data/bench.db");
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  migrateSqlite(file);
  url = `file:${file}`;
  const { default: Database } = await import("better-sqlite3");
  const sqlite = new Database(file, { readonly: true });
  database = {
    kind: "sqlite",
    version: `SQLite ${(sqlite.prepare("select sqlite_version() as v").get() as { v: string }).v}`,
    location: file,
  };
  sqlite.close();
}

async function withPg<T>(pgUrlWithSchema: string, run: (client: pg.Client, schema: string) => Promise<T>) {
  const { schema, ...config } = pgConfig(pgUrlWithSchema);
  const client = new pg.Client(config);
  await client.connect();
  try {
    return await run(client, schema);
  } finally {
    await client.end();
  }
}
function postgresVersion(pgUrlWithSchema: string) {
  return withPg(
    pgUrlWithSchema,
    async (client) => (await client.query<{ v: string }>("select version() as v")).rows[0].v.split(" on ")[0],
  );
}
process.env.DATABASE_URL = url;
const { db } = await import("../app/utils/db.server.ts");
const { startSession } = await import("../app/utils/auth.server.ts");
const { hashPassword } = await import("../app/auth/password.server.ts");
const { syncContent } = await import("./lib/content-sync.ts");
const { startPractice } = await import("../app/exam/attempts.server.ts");
const { getContentIndex } = await import("../app/content/index.server.ts");
const { seedHeavyAttempts } = await import("./lib/heavy-attempts.ts");
const { rollUpActivity } = await import("../app/progress/rollup.server.ts");

console.log(`Seeding ${database.version} at ${database.location}…`);
const t0 = Date.now();
await syncContent();
const passwordHash = await hashPassword(randomUUID());
const LEARNERS = 1000;
await db.user.createMany({
  data: Array.from({ length: LEARNERS }, (_, i) => ({
    email: `learner${i}@bench.test`,
    name: `Learner ${i}`,
    passwordHash,
    timeZone: "America/New_York",
    onboardedAt: new Date(),
  })),
});
const learners = await db.user.findMany({
  where: { email: { endsWith: "@bench.test" } },
  select: { id: true },
  orderBy: { email: "asc" },
});
await db.preferences.createMany({ data: learners.map((l) => ({ userId: l.id })) });

// 50 active learners, each in the middle of a 40-question timed practice.
const active = learners.slice(0, CONNECTIONS);
const activeSessions: { cookie: string; attemptId: string }[] = [];
for (const user of active) {
  const started = await startPractice(user.id, {
    domains: ["LAW", "COM", "ENC"],
    weakest: false,
    count: 40,
    timed: true,
    minutes: 135,
    mode: "exam",
    only: "all",
  });
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
    // Due dates a learner who keeps up would have: spread over the next four months, with a
    // day's worth overdue (about 170 due now, a few hundred by the end of today).
    due: new Date(now + (((i * 7919) % 121) - 1) * DAY + (i % 24) * 3600_000),
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
// 4,000 rows x 14 columns stays under PostgreSQL's 65,535 bind parameters: above it Prisma
// splits the insert and sends the parts concurrently on one connection (a pg deprecation).
const LOG_BATCH = 4000;
for (let i = 0; i < LOGS; i += LOG_BATCH) {
  await db.reviewLog.createMany({
    data: Array.from({ length: Math.min(LOG_BATCH, LOGS - i) }, (_, k) => {
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
// 300 submitted attempts over the same two years (30 full mocks), and the activity roll-up a
// learner who has used the app would already have.
await seedHeavyAttempts(heavy.id, 300);
await rollUpActivity(heavy.id, "America/New_York");
const heavyCookie = (await startSession(heavy.id)).split(";")[0];
console.log(
  `Seeded ${LEARNERS} learners, ${cards.length} cards, ${LOGS} review logs in ${((Date.now() - t0) / 1000).toFixed(1)} s.`,
);
const lessonSlug = [...getContentIndex().lessons.values()][0];
await db.$disconnect();

// 2. Production server.
if (!existsSync("build/server/index.js") || process.argv.includes("--build"))
  execFileSync("npm", ["run", "-s", "build"], { stdio: "inherit" });
// APP_URL is this server's own address: a public one from .env would refuse the bench's form posts.
const server = spawn("node", ["server.js"], {
  env: {
    ...process.env,
    DATABASE_URL: url,
    NODE_ENV: "production",
    PORT: String(PORT),
    HOST: "127.0.0.1",
    APP_URL: BASE,
  },
  stdio: ["ignore", "pipe", "inherit"],
});
server.stdout!.resume();
server.on("exit", (code) => code && console.error(`server exited (${code})`));
// If the bench itself fails, do not leave the server running on BENCH_PORT.
process.on("exit", () => server.exitCode === null && server.kill("SIGKILL"));
// Ready when /healthz answers (with WEB_CONCURRENCY > 1, when a worker listens).
for (let i = 0; ; i++) {
  const ok = await fetch(`${BASE}/healthz`).then(
    (r) => r.ok,
    () => false,
  );
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
  peakRss = Math.max(
    peakRss,
    pids.reduce((n, pid) => n + rssOf(pid), 0),
  );
}, 250);

// 3. Scenarios. Each connection plays one learner.
type Scenario = {
  name: string;
  target?: string;
  /** Concurrent connections / virtual users for this route (default CONNECTIONS). */
  connections?: number;
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
  {
    name: "baseline (/healthz)",
    setup: () => [{ method: "GET", path: "/healthz" }],
    request: () => ({ method: "GET", path: "/healthz" }),
  },
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
          return {
            ...req,
            path: `/attempts/${s.attemptId}/q/${1 + Math.floor(Math.random() * 40)}`,
            headers: { cookie: s.cookie },
          };
        },
      },
    ],
    request: (vu) => {
      const s = activeSessions[vu % activeSessions.length];
      return {
        method: "GET",
        path: `/attempts/${s.attemptId}/q/${1 + Math.floor(Math.random() * 40)}`,
        headers: { cookie: s.cookie },
      };
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
  {
    name: "dashboard (heavy learner, 20 users)",
    target: "p95 < 50 ms",
    connections: 20,
    setup: () => [{ method: "GET", path: "/progress", headers: { cookie: heavyCookie } }],
    request: () => ({ method: "GET", path: "/progress", headers: { cookie: heavyCookie } }),
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
    Array.from({ length: scenario.connections ?? CONNECTIONS }, async (_, vu) => {
      await sleep(Math.random() * THINK_MS);
      while (Date.now() < end) {
        const req = scenario.request(vu);
        const start = performance.now();
        const res = await fetch(`${BASE}${req.path}`, {
          method: req.method,
          headers: req.headers,
          body: req.body,
          redirect: "manual",
        });
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
  return new Promise<{ result: autocannon.Result; times: number[]; statuses: Map<number, number> }>(
    (resolve, reject) => {
      const times: number[] = [];
      const statuses = new Map<number, number>();
      const instance = autocannon(
        { url: BASE, connections: scenario.connections ?? CONNECTIONS, duration: DURATION, requests: scenario.setup() },
        (error, result) => (error ? reject(error) : resolve({ result, times, statuses })),
      );
      instance.on("response", (_client, statusCode, _bytes, responseTime) => {
        times.push(responseTime);
        statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
      });
    },
  );
}

// --only <words> (or BENCH_ONLY): run the baseline plus the routes whose name contains one of the
// comma-separated words, e.g. `npm run bench -- --only review,dashboard`.
const onlyArg = process.argv.indexOf("--only");
const only = (onlyArg >= 0 ? process.argv[onlyArg + 1] : process.env.BENCH_ONLY)
  ?.toLowerCase()
  .split(",")
  .map((w) => w.trim())
  .filter(Boolean);
const selected = scenarios.filter(
  (s, i) => i === 0 || !only?.length || only.some((w) => s.name.toLowerCase().includes(w)),
);
const results: Record<string, unknown>[] = [];
let baseline = 0;
for (const scenario of selected) {
  const saturated = await runScenario(scenario);
  const paced = await virtualUsers(scenario);
  const sorted = paced.times.sort((a, b) => a - b);
  const reqPerSec = Math.round(saturated.result.requests.average);
  if (!baseline) baseline = reqPerSec;
  const bad = (statuses: Map<number, number>) =>
    [...statuses].filter(([code]) => code >= 400).reduce((n, [, c]) => n + c, 0);
  results.push({
    route: scenario.name,
    users: scenario.connections ?? CONNECTIONS,
    "max req/s": reqPerSec,
    "vs baseline": `${Math.round((reqPerSec / baseline) * 100)}%`,
    "sat. p95": +percentile(
      saturated.times.sort((a, b) => a - b),
      95,
    ).toFixed(1),
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
// The PostgreSQL scratch schema holds 200,000+ rows: drop it (SQLite's data/bench.db is reused).
if (pgUrl) await withPg(url, (client, schema) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));

console.log(
  `\n${CONNECTIONS} connections / virtual users (think time ${THINK_MS} ms), ${DURATION} s per run, ${database.version}, ${new Date().toISOString()}. Latencies in ms.`,
);
console.table(results);
console.log(
  `Peak server memory (RSS, all processes): ${(peakRss / 1024 / 1024).toFixed(0)} MiB; WEB_CONCURRENCY=${process.env.WEB_CONCURRENCY ?? 1}`,
);
mkdirSync("bench/results", { recursive: true });
const out = `bench/results/${new Date().toISOString().slice(0, 19).replace(/:/g, "-")}-${pgUrl ? "pg" : "sqlite"}.json`;
const webConcurrency = Number(process.env.WEB_CONCURRENCY ?? 1);
writeFileSync(
  out,
  JSON.stringify(
    {
      date: new Date().toISOString(),
      database: database.kind,
      databaseVersion: database.version,
      databaseLocation: database.location,
      webConcurrency,
      cpus: os.cpus().length,
      connections: CONNECTIONS,
      thinkMs: THINK_MS,
      seconds: DURATION,
      peakRssBytes: peakRss,
      results,
    },
    null,
    2,
  ),
);
console.log(`Wrote ${out}`);
