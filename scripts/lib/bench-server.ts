// The production server under test: started as `node server.js` (optionally with --cpu-prof),
// watched for memory, and stopped with SIGTERM so it exits cleanly (and writes its profile).
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { sleep } from "./bench-load.ts";

export const PROFILE_DIR = "bench/profiles";

export interface BenchServer {
  /** Resident memory of the server and its cluster workers, in bytes (0 where /proc is missing). */
  rss(): number;
  /** Highest rss() seen since start, sampled every 250 ms. */
  peakRss(): number;
  /** SIGTERM, wait for exit; returns the .cpuprofile files written (when profiling). */
  stop(): Promise<string[]>;
}

const rssOf = (pid: number) => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;
  } catch {
    return 0; // Not Linux, or the process is gone.
  }
};
const childrenOf = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
};

/** Node's flags from `npm start` (the heap cap): the bench measures the server as it is deployed. */
function startFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
  const flags = /\bnode\s+(.*?)\s*server\.js/.exec(scripts.start)?.[1] ?? "";
  return flags.split(/\s+/).filter(Boolean);
}

export async function startServer(options: {
  port: number;
  databaseUrl: string;
  webConcurrency: number;
  profile: boolean;
}): Promise<BenchServer> {
  const base = `http://127.0.0.1:${options.port}`;
  const startedAt = Date.now();
  if (options.profile) mkdirSync(PROFILE_DIR, { recursive: true });
  const args = [
    ...startFlags(),
    ...(options.profile ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : []),
    "server.js",
  ];
  // APP_URL is this server's own address: a public one from .env would refuse the bench's form posts.
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      NODE_ENV: "production",
      PORT: String(options.port),
      HOST: "127.0.0.1",
      APP_URL: base,
      WEB_CONCURRENCY: String(options.webConcurrency),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  child.stdout!.resume();
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  let stopping = false;
  child.on("exit", (code, signal) => !stopping && console.error(`server exited (${signal ?? code})`));
  // If the bench itself fails, do not leave the server running on the port.
  process.on("exit", () => child.exitCode === null && child.kill("SIGKILL"));

  // Ready when /healthz answers (with WEB_CONCURRENCY > 1, when a worker listens).
  for (let i = 0; ; i++) {
    const ok = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i > 150 || child.exitCode !== null) throw new Error("the server did not start");
    await sleep(200);
  }

  const rss = () => [child.pid!, ...childrenOf(child.pid!)].reduce((n, pid) => n + rssOf(pid), 0);
  let peak = rss();
  const sampler = setInterval(() => (peak = Math.max(peak, rss())), 250);
  return {
    rss,
    peakRss: () => peak,
    async stop() {
      clearInterval(sampler);
      stopping = true;
      child.kill("SIGTERM");
      const timeout = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timeout);
      if (!options.profile || !existsSync(PROFILE_DIR)) return [];
      return readdirSync(PROFILE_DIR)
        .filter((f) => f.endsWith(".cpuprofile"))
        .map((f) => path.join(PROFILE_DIR, f))
        .filter((f) => statSync(f).mtimeMs >= startedAt);
    },
  };
}
