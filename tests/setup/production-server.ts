// Starts the production build (`node server.js`) on the test file's database, on a free port,
// for server tests that need real HTTP: cookies, headers, several processes.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";

export const productionBuildExists = () => existsSync("build/server/index.js");

export interface RunningServer {
  base: string;
  process: ChildProcess;
  /** SIGTERM (the cluster primary stops its workers), then SIGKILL after 5 s. */
  stop(): Promise<void>;
  /** Everything the server has written to stderr so far. */
  stderr(): string;
}

export function freePort() {
  return new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Resolves once /healthz answers 200; rejects with the server's stderr if it exits or never answers. */
export async function startProductionServer(
  env: Record<string, string> = {},
  readySeconds = 30,
): Promise<RunningServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let stderr = "";
  const child = spawn("node", ["server.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      WEB_CONCURRENCY: "1",
      DATABASE_POOL_SIZE: "4",
      ...env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  for (let i = 0; i < readySeconds * 10; i++) {
    if (child.exitCode !== null) throw new Error(`server on port ${port} exited (${child.exitCode}): ${stderr}`);
    if (
      await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { base, process: child, stop, stderr: () => stderr };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`server on port ${port} did not answer /healthz within ${readySeconds} s: ${stderr}`);
}
