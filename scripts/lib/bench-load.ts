// Load generators for npm run bench: autocannon for saturation (connections sending back to back),
// and fetch-based virtual users who wait between requests as learners do.
import autocannon from "autocannon";

export interface BenchRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  /** Response times in ms, sorted ascending. */
  times: number[];
  statuses: Map<number, number>;
  /** Connection errors and timeouts (no HTTP status). */
  failures: number;
  seconds: number;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** autocannon reports p97.5 but not p95: every response time is recorded and ranked here. */
export function percentile(sorted: number[], p: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
}

/** Responses that count as errors: any status >= 400 (2xx and 3xx succeed), plus failures. */
export function errorCount(result: LoadResult) {
  return [...result.statuses].filter(([code]) => code >= 400).reduce((n, [, c]) => n + c, result.failures);
}

/** Saturation: `connections` connections, each one learner (`request(vu)`), for `seconds`. */
export function saturate(
  base: string,
  connections: number,
  seconds: number,
  request: (vu: number) => BenchRequest,
): Promise<LoadResult & { reqPerSec: number }> {
  let nextVu = 0;
  const times: number[] = [];
  const statuses = new Map<number, number>();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections,
        duration: seconds,
        requests: [
          {
            // Each connection keeps its learner (context persists per connection).
            setupRequest: (req, context) => {
              const ctx = context as { vu?: number };
              return { ...req, ...request((ctx.vu ??= nextVu++)) } as autocannon.Request;
            },
          },
        ],
      },
      (error, result) =>
        error
          ? reject(error)
          : resolve({
              times: times.sort((a, b) => a - b),
              statuses,
              failures: result.errors + result.timeouts,
              seconds,
              reqPerSec: Math.round(result.requests.average),
            }),
    );
    // Say what a failure was (a timeout, a reset connection), once per kind, on the bench's stderr.
    const seen = new Set<string>();
    instance.on("reqError", (error: Error) => {
      const kind = (error as { code?: string }).code ?? error.message;
      if (!seen.has(kind)) console.error(`    (a request failed: ${kind})`);
      seen.add(kind);
    });
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      times.push(responseTime);
      statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
    });
  });
}

/**
 * `users` virtual users for `seconds`: each waits `firstWait()` ms, then sends `request(vu)` and
 * waits `think()` ms after each response, until the time is up.
 */
export async function virtualUsers(
  base: string,
  users: number,
  seconds: number,
  request: (vu: number) => BenchRequest,
  think: () => number,
  firstWait = think,
): Promise<LoadResult> {
  const times: number[] = [];
  const statuses = new Map<number, number>();
  let failures = 0;
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: users }, async (_, vu) => {
      await sleep(Math.min(firstWait(), end - Date.now()));
      while (Date.now() < end) {
        const req = request(vu);
        const start = performance.now();
        try {
          const res = await fetch(`${base}${req.path}`, {
            method: req.method,
            headers: req.headers,
            body: req.body,
            redirect: "manual",
          });
          await res.arrayBuffer();
          times.push(performance.now() - start);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        } catch (error) {
          if (!failures) console.error(`    (a request failed: ${(error as Error).cause ?? error})`);
          failures++;
        }
        await sleep(Math.min(think(), Math.max(0, end - Date.now())));
      }
    }),
  );
  return { times: times.sort((a, b) => a - b), statuses, failures, seconds };
}

/** Runs `fn` over `items` with at most `limit` at a time, keeping the order of results. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i], i);
      }
    }),
  );
  return results;
}
