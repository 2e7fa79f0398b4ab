// How Remix encodes single-fetch data, with Charted's patch to @remix-run/server-runtime
// (scripts/patches/): the stream timeout starts only for data that holds promises.
import { createRequire } from "node:module";
import { decode } from "turbo-stream";
import { afterEach, describe, expect, it, vi } from "vitest";

type Encode = (
  data: unknown,
  requestSignal: AbortSignal,
  streamTimeout: number | undefined,
  mode: string,
) => ReadableStream;
// Not part of the package's API: the file the server runtime uses.
const { encodeViaTurboStream } = createRequire(import.meta.url)("@remix-run/server-runtime/dist/single-fetch.js") as {
  encodeViaTurboStream: Encode;
};

async function read(stream: ReadableStream<Uint8Array>) {
  const decoded = await decode(stream);
  await decoded.done;
  return decoded.value;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("single-fetch encoding (patched)", () => {
  it("leaves no timer behind for data without promises", async () => {
    vi.useFakeTimers();
    const stream = encodeViaTurboStream(
      { data: { a: 1, b: [2, "three"] } },
      new AbortController().signal,
      undefined,
      "production",
    );
    expect(vi.getTimerCount()).toBe(0);
    vi.useRealTimers();
    expect(await read(stream)).toEqual({ data: { a: 1, b: [2, "three"] } });
  });

  it("still times out a promise that never settles: the stream ends with its error", async () => {
    const never = new Promise(() => {});
    const stream = encodeViaTurboStream({ data: { later: never } }, new AbortController().signal, 30, "development");
    const text = await new Response(stream).text();
    // The first line is the data; the second the promise's rejection (its error, by Remix's plugin).
    const lines = text.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^E\d+:/);
    expect(lines[1]).toContain("Server Timeout");
  });

  it("streams a promise's value once it settles, and the request's abort clears the timer", async () => {
    vi.useFakeTimers();
    const request = new AbortController();
    let resolve!: (v: string) => void;
    const pending = new Promise<string>((r) => (resolve = r));
    const stream = encodeViaTurboStream({ data: { later: pending } }, request.signal, 5000, "production");
    expect(vi.getTimerCount()).toBe(1);
    request.abort();
    expect(vi.getTimerCount()).toBe(0);
    vi.useRealTimers();
    const decoded = (await decode(stream)) as { value: { data: { later: Promise<string> } } };
    resolve("done");
    await expect(decoded.value.data.later).resolves.toBe("done");
  });
});
