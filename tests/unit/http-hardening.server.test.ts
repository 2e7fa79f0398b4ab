// HTTP hardening over real HTTP against the production build: return URLs, body size caps,
// text a database refuses, private caching, data-request probes, the public-URL origin check
// and client addresses behind a proxy.
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser, TEST_PASSWORD } from "../factories/users.ts";
import {
  freePort,
  productionBuildExists,
  startProductionServer,
  type RunningServer,
} from "../setup/production-server.ts";
import { startSession } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";

const built = productionBuildExists();
if (!built)
  console.warn("[charted] HTTP hardening tests skipped: run `npm run build` first (npm test builds before it runs).");

let server: RunningServer;
let base: string;
beforeAll(async () => {
  if (!built) return;
  server = await startProductionServer({ COOKIE_SECURE: "false", TRUST_PROXY: "false" });
  base = server.base;
}, 60_000);
afterAll(() => server?.stop());

const form = (body: Record<string, string>, extra: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded", Origin: base, ...extra },
  body: new URLSearchParams(body),
  redirect: "manual" as const,
});

/** A streamed body of `bytes` bytes, generated as it is sent (no Content-Length). */
function streamedBody(bytes: number): ReadableStream<Uint8Array> {
  const chunk = Buffer.alloc(64 * 1024, "a");
  let sent = 0;
  return Readable.toWeb(
    new Readable({
      read() {
        if (sent >= bytes) return this.push(null);
        sent += chunk.length;
        this.push(chunk);
      },
    }),
  ) as ReadableStream<Uint8Array>;
}

/** Posts and returns the status, or "reset" when the server closed the connection mid-upload. */
async function post(path: string, init: RequestInit & { duplex?: "half" }): Promise<number | "reset"> {
  try {
    const res = await fetch(`${base}${path}`, init);
    await res.arrayBuffer().catch(() => undefined);
    return res.status;
  } catch {
    return "reset";
  }
}

const rss = async () =>
  Number(
    (await import("node:fs")).readFileSync(`/proc/${server.process.pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)![1],
  ) * 1024;

describe.skipIf(!built)("HTTP hardening", () => {
  it("sends a login's redirect only to a same-site path", async () => {
    const user = await makeUser();
    for (const [redirectTo, expected] of [
      ["/progress", "/progress"],
      ["//evil.example", "/"],
      ["/\\evil.example", "/"],
      ["/\t/evil.example", "/"],
      ["/%09/evil.example", "/"],
      ["/%5Cevil.example", "/"],
      ["/\u3000/evil.example", "/"],
      ["https://evil.example", "/"],
    ]) {
      const res = await fetch(`${base}/login`, form({ email: user.email, password: TEST_PASSWORD, redirectTo }));
      expect(res.status, redirectTo).toBe(302);
      expect(res.headers.get("location"), redirectTo).toBe(expected);
    }
  });

  it("refuses oversized bodies with 413 before parsing, signed in or not, declared or streamed", async () => {
    const big = "x".repeat(70 * 1024);
    expect(await post("/login", form({ email: "a@b.c", password: big }))).toBe(413);
    const cookie = (await startSession((await makeUser()).id)).split(";")[0];
    expect(await post("/review/new", form({ front: big, back: "b" }, { cookie }))).toBe(413);
    const streamed = await post("/register", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", Origin: base },
      body: streamedBody(5 * 1024 * 1024),
      duplex: "half",
    });
    expect([413, "reset"]).toContain(streamed);
    expect(await db.user.count({ where: { email: "a@b.c" } })).toBe(0);
  });

  it("keeps memory flat and other users served under a flood of 100 MB posts", async () => {
    const before = await rss();
    const flood = Array.from({ length: 20 }, () =>
      post("/login", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", Origin: base },
        body: streamedBody(100 * 1024 * 1024),
        duplex: "half",
      }),
    );
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    const results = await Promise.all(flood);
    for (const r of results) expect([413, "reset"]).toContain(r);
    // Generous: twenty 100 MB bodies buffered would add 2 GB; capped ones add nearly nothing.
    expect((await rss()) - before).toBeLessThan(100 * 1024 * 1024);
  }, 120_000);

  it("answers NUL and other control characters in any form with a 400 and changes nothing", async () => {
    for (const [path, body] of [
      ["/register", { name: "Ann\u0000", email: "nul@example.test", password: "a long enough password" }],
      ["/login", { email: "nul@example.test\u0000", password: "whatever123" }],
      ["/register", { name: "Ann", email: "nul2@example.test", password: "a long \u0001enough password" }],
    ] as const) {
      const res = await fetch(`${base}${path}`, form(body));
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/character we cannot store/);
    }
    expect(await db.user.count({ where: { email: { startsWith: "nul" } } })).toBe(0);
  });

  it("marks signed-in pages and data private and uncacheable; public pages stay cacheable", async () => {
    const cookie = (await startSession((await makeUser()).id)).split(";")[0];
    for (const path of ["/", "/progress", "/review", "/learn", "/_root.data", "/progress.data"]) {
      const res = await fetch(`${base}${path}`, { headers: { cookie }, redirect: "manual" });
      expect(res.status, path).toBeLessThan(400);
      expect(res.headers.get("cache-control"), path).toBe("private, no-store");
    }
    const anonymous = await fetch(`${base}/learn`);
    expect(anonymous.headers.get("cache-control") ?? "").not.toContain("no-store");
  });

  it("turns away ?_data probes without a stack trace in the log", async () => {
    const logged = server.stderr().length;
    for (const probe of ["/?_data=root", "/login?_data=routes%2Flogin", "/review?_data=routes%2Freview._index"]) {
      const res = await fetch(`${base}${probe}`);
      expect(res.status, probe).toBe(400);
    }
    const res = await fetch(`${base}/login?_data=routes%2Flogin`, form({ email: "x@y.z", password: "p" }));
    expect(res.status).toBe(400);
    expect(server.stderr().slice(logged)).not.toMatch(/\n\s+at /);
  });
});

describe.skipIf(!built)("behind configuration", () => {
  it("with APP_URL, the origin check compares scheme and host", async () => {
    const own = await startProductionServer({ APP_URL: "https://charted.example.org", COOKIE_SECURE: "false" });
    try {
      const attempt = (origin: string) =>
        fetch(`${own.base}/login`, {
          ...form({ email: "o@example.test", password: "x" }),
          headers: { "content-type": "application/x-www-form-urlencoded", Origin: origin },
        });
      expect((await attempt("http://charted.example.org")).status).toBe(403);
      expect((await attempt("https://charted.example.org.evil.example")).status).toBe(403);
      expect((await attempt(own.base)).status).toBe(403);
      expect((await attempt("https://charted.example.org")).status).not.toBe(403);
    } finally {
      await own.stop();
    }
  }, 60_000);

  it("behind a proxy, the client address is read from the right of X-Forwarded-For", async () => {
    const proxied = await startProductionServer({ TRUST_PROXY: "1", COOKIE_SECURE: "false" });
    try {
      const email = `xff-${Date.now()}@example.test`;
      await fetch(`${proxied.base}/login`, {
        ...form({ email, password: "wrong password" }),
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          Origin: proxied.base,
          "X-Forwarded-For": "6.6.6.6, 203.0.113.9",
        },
      });
      const failures = await db.loginFailure.findMany({ where: { email } });
      expect(failures.map((f) => f.ip)).toEqual(["203.0.113.9"]);
    } finally {
      await proxied.stop();
    }
  }, 60_000);
});

describe("file serving", () => {
  const probes = (root: string) => [
    "/data/charted-probe.db",
    "/data/charted-probe.db-wal",
    "/data/charted-probe.db?raw",
    "/data/../data/charted-probe.db",
    "/app/../data/charted-probe.db",
    "/%64ata/charted-probe.db",
    `/@fs${root}/data/charted-probe.db`,
    `/@fs${root}/data/charted-probe.db?import&raw`,
    "/.env",
    "/prisma/schema.prisma",
    "/package.json",
    "/server.js",
    "/tests/factories/users.ts",
  ];

  it("the development server serves no project file outside the app and public assets", async () => {
    const { mkdirSync, writeFileSync, rmSync } = await import("node:fs");
    mkdirSync("data", { recursive: true });
    const secret = "SQLite format 3 probe-session-id-0123456789";
    for (const f of ["data/charted-probe.db", "data/charted-probe.db-wal"]) writeFileSync(f, secret);
    // Vite optimizes dependencies on a first start: give it time.
    const dev = await startProductionServer(
      // VITEST (inherited) would turn off the Remix plugin in vite.config.ts.
      { NODE_ENV: "development", VITEST: "", HMR_PORT: String(await freePort()) },
      120,
    );
    try {
      for (const probe of probes(process.cwd())) {
        const res = await fetch(`${dev.base}${probe}`);
        const text = await res.text();
        expect(text, probe).not.toContain("probe-session-id");
        expect(res.status, probe).toBeGreaterThanOrEqual(400);
      }
      // The app itself still works in development.
      expect((await fetch(`${dev.base}/login`)).status).toBe(200);
    } finally {
      await dev.stop();
      for (const f of ["data/charted-probe.db", "data/charted-probe.db-wal"]) rmSync(f, { force: true });
    }
  }, 240_000);

  it.skipIf(!built)("the production server serves only the built client assets", async () => {
    const { mkdirSync, writeFileSync, rmSync } = await import("node:fs");
    mkdirSync("data", { recursive: true });
    writeFileSync("data/charted-probe.db", "probe-session-id");
    try {
      for (const probe of probes(process.cwd())) {
        const res = await fetch(`${base}${probe}`);
        expect(await res.text(), probe).not.toContain("probe-session-id");
        expect(res.status, probe).toBeGreaterThanOrEqual(400);
      }
    } finally {
      rmSync("data/charted-probe.db", { force: true });
    }
  });
});
