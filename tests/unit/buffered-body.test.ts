// server/buffered-body.js: a Request and a Response that keep their body as bytes. They must
// read like standard ones in every way, and Remix's single fetch (patched, scripts/patches/) must
// hand a request on, and answer, without building a body stream.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import {
  BODY_BYTES,
  BufferedRequest,
  BufferedResponse,
  SignalledRequest,
  WITH_URL,
} from "../../server/buffered-body.js";
import { singleFetchBuild } from "./remix-build.ts";

const FORM = "application/x-www-form-urlencoded";

function pair(body: string | Buffer, contentType = FORM, url = "http://localhost/review/study.data") {
  const bytes = Buffer.from(body);
  const headers = () => new Headers({ "content-type": contentType });
  return {
    buffered: new BufferedRequest(url, { method: "POST", headers: headers(), bytes }),
    standard: new Request(url, { method: "POST", headers: headers(), body: bytes }),
  };
}

const entries = async (form: Promise<FormData>) =>
  [...(await form).entries()].map(([k, v]) => [k, typeof v === "string" ? v : `file:${v.name}`]);

describe("BufferedRequest", () => {
  it("reads a urlencoded form as a standard Request does", async () => {
    for (const body of [
      "intent=rate&ref=card%3Aabc&grade=3&requestId=7f1c",
      "a=1&a=2&b=&c",
      "name=Jos%C3%A9+Mar%C3%ADa&note=caf%C3%A9%20%E2%9C%93&plus=%2B&pct=100%25",
      "",
      "%FF=bad&ok=yes",
    ]) {
      const { buffered, standard } = pair(body);
      expect(await entries(buffered.formData())).toEqual(await entries(standard.formData()));
    }
  });

  it("reads a multipart form (with a file) as a standard Request does", async () => {
    const form = new FormData();
    form.append("intent", "import");
    form.append("file", new Blob(["::Q1:: 1+1 {=2 ~3}"], { type: "text/plain" }), "bank.gift");
    const source = new Request("http://localhost/x", { method: "POST", body: form });
    const contentType = source.headers.get("content-type")!;
    const { buffered, standard } = pair(Buffer.from(await source.arrayBuffer()), contentType);
    expect(await entries(buffered.formData())).toEqual([
      ["intent", "import"],
      ["file", "file:bank.gift"],
    ]);
    expect(await entries(buffered.formData().catch(() => Promise.resolve(new FormData())))).toEqual([]);
    expect(await entries(standard.formData())).toEqual([
      ["intent", "import"],
      ["file", "file:bank.gift"],
    ]);
  });

  it("gives text, JSON and bytes, with a leading byte-order mark dropped from text", async () => {
    expect(await pair('{"cards":[1,2],"é":true}', "application/json").buffered.json()).toEqual({
      cards: [1, 2],
      é: true,
    });
    expect(await pair("\uFEFFhello ✓", "text/plain").buffered.text()).toBe("hello ✓");
    const bytes = new Uint8Array(await pair("abc", "text/plain").buffered.arrayBuffer());
    expect([...bytes]).toEqual([97, 98, 99]);
    expect(await (await pair("abc", "text/plain").buffered.blob()).text()).toBe("abc");
  });

  it("is read once: a second read fails and bodyUsed says so, whichever way it was read", async () => {
    const reads: ((r: Request) => Promise<unknown>)[] = [
      (r) => r.text(),
      (r) => r.formData(),
      (r) => r.arrayBuffer(),
      (r) => new Response(r.body).text(),
    ];
    for (const first of reads) {
      for (const second of reads.slice(0, 3)) {
        const { buffered } = pair("a=1");
        expect(buffered.bodyUsed).toBe(false);
        await first(buffered);
        expect(buffered.bodyUsed).toBe(true);
        await expect(second(buffered)).rejects.toThrow(TypeError);
        expect(() => buffered.clone()).toThrow(TypeError);
      }
    }
  });

  it("streams its bytes when asked for the body", async () => {
    const { buffered } = pair("grade=4");
    expect(await new Response(buffered.body).text()).toBe("grade=4");
  });

  it("copies itself, unread, to another URL: same method, headers, body and abort signal", async () => {
    const controller = new AbortController();
    const original = new BufferedRequest("http://localhost/review/study.data", {
      method: "POST",
      headers: new Headers({ "content-type": FORM, cookie: "charted_session=x" }),
      signal: controller.signal,
      bytes: Buffer.from("intent=rate"),
    });
    const copy = original[WITH_URL]("http://localhost/review/study");
    expect(copy).toBeInstanceOf(BufferedRequest);
    expect(copy).toBeInstanceOf(Request);
    expect(copy.url).toBe("http://localhost/review/study");
    expect(copy.method).toBe("POST");
    expect(copy.headers.get("cookie")).toBe("charted_session=x");
    expect(await copy.text()).toBe("intent=rate");
    expect(original.bodyUsed).toBe(false);
    expect(await original.clone().text()).toBe("intent=rate");
    expect(original.signal).toBe(controller.signal);
    controller.abort();
    expect(copy.signal.aborted).toBe(true);
  });
});

describe("SignalledRequest", () => {
  it("has the signal it was given, which aborts it, and keeps it when cloned", () => {
    const controller = new AbortController();
    const request = new SignalledRequest("http://localhost/review/study?deck=terminology", {
      method: "GET",
      headers: new Headers({ cookie: "charted_session=x" }),
      signal: controller.signal,
    });
    expect(request).toBeInstanceOf(Request);
    expect(request.signal).toBe(controller.signal);
    expect(request.url).toBe("http://localhost/review/study?deck=terminology");
    expect(request.headers.get("cookie")).toBe("charted_session=x");
    const copy = request.clone();
    expect(copy.url).toBe(request.url);
    expect(copy.headers.get("cookie")).toBe("charted_session=x");
    expect(copy.signal.aborted).toBe(false);
    controller.abort();
    expect(request.signal.aborted).toBe(true);
    expect(copy.signal.aborted).toBe(true);
  });

  it("has a signal of its own when given none", () => {
    const request = new SignalledRequest("http://localhost/", { method: "GET", headers: new Headers() });
    expect(request.signal).toBeInstanceOf(AbortSignal);
    expect(request.signal.aborted).toBe(false);
  });
});

describe("BufferedResponse", () => {
  const make = (text = "[1,2]\n") =>
    new BufferedResponse(Buffer.from(text), {
      status: 202,
      statusText: "Accepted",
      headers: { "content-type": "text/x-script" },
    });

  it("keeps status and headers, and gives its bytes once, by any read", async () => {
    const response = make("héllo");
    expect(response.status).toBe(202);
    expect(response.statusText).toBe("Accepted");
    expect(response.headers.get("content-type")).toBe("text/x-script");
    expect(response[BODY_BYTES]).toEqual(Buffer.from("héllo"));
    expect(await response.text()).toBe("héllo");
    expect(response.bodyUsed).toBe(true);
    expect(response[BODY_BYTES]).toBeUndefined();
    await expect(response.arrayBuffer()).rejects.toThrow(TypeError);
    expect(() => response.clone()).toThrow(TypeError);
    expect(await make('{"a":1}').json()).toEqual({ a: 1 });
  });

  it("streams when asked for its body, and then no longer offers the bytes", async () => {
    const response = make("chunk");
    const body = response.body!;
    expect(response[BODY_BYTES]).toBeUndefined();
    expect(await new Response(body).text()).toBe("chunk");
    expect(response.bodyUsed).toBe(true);
  });

  it("clones with the same bytes, status and headers", async () => {
    const response = make("twice");
    const copy = response.clone();
    expect(copy.status).toBe(202);
    expect(copy.headers.get("content-type")).toBe("text/x-script");
    expect(await copy.text()).toBe("twice");
    expect(await response.text()).toBe("twice");
  });
});

describe("Remix's single fetch with buffered bodies (patched server runtime)", () => {
  // The server runtime as the app loads it (the CommonJS build, which is patched).
  const { createRequestHandler } = createRequire(import.meta.url)("@remix-run/server-runtime") as {
    createRequestHandler: (build: unknown, mode?: string) => (request: Request) => Promise<Response>;
  };
  const seen: { url: string; buffered: boolean; form: [string, FormDataEntryValue][] }[] = [];
  const buildWith = (entry: Record<string, unknown>) => ({
    ...singleFetchBuild,
    assets: { entry: { module: "", imports: [] }, routes: {}, url: "", version: "1" },
    entry: { module: { default: () => new Response("document"), ...entry } },
    routes: {
      root: { id: "root", path: "", module: { default: () => null } },
      rate: {
        id: "rate",
        parentId: "root",
        path: "review/study",
        module: {
          default: () => null,
          loader: () => ({ card: "front", due: new Date("2026-12-07T10:00:00Z"), later: Promise.resolve("back") }),
          action: async ({ request }: { request: Request }) => {
            seen.push({
              url: request.url,
              buffered: request instanceof BufferedRequest,
              form: [...(await request.formData()).entries()],
            });
            return { ok: true, at: new Date("2026-12-07T10:00:00Z"), note: "é ✓" };
          },
        },
      },
    },
  });
  const post = () =>
    new BufferedRequest("http://localhost/review/study.data", {
      method: "POST",
      headers: new Headers({ "content-type": FORM, origin: "http://localhost", host: "localhost" }),
      bytes: Buffer.from("intent=rate&grade=3"),
    });
  const bufferedResponse = (encoded: string, init: ResponseInit) =>
    new BufferedResponse(Buffer.from(encoded, "utf8"), init);

  it("runs the action at the route's URL with the buffered request and the whole form", async () => {
    seen.length = 0;
    const response = await createRequestHandler(buildWith({}), "production")(post());
    expect(response.status).toBe(200);
    expect(seen).toEqual([
      {
        url: "http://localhost/review/study",
        buffered: true,
        form: [
          ["intent", "rate"],
          ["grade", "3"],
        ],
      },
    ]);
  });

  it("answers as bytes, the same bytes the stream sends, when the entry offers bufferedResponse", async () => {
    const streamed = await createRequestHandler(buildWith({}), "production")(post());
    const buffered = await createRequestHandler(buildWith({ bufferedResponse }), "production")(post());
    expect((streamed as unknown as Record<symbol, unknown>)[BODY_BYTES]).toBeUndefined();
    expect(buffered).toBeInstanceOf(BufferedResponse);
    // Nothing on the way out asked for a stream: the server can still send the bytes as they are.
    expect((buffered as unknown as Record<symbol, unknown>)[BODY_BYTES]).toBeInstanceOf(Uint8Array);
    expect(buffered.status).toBe(streamed.status);
    expect(buffered.headers.get("content-type")).toBe("text/x-script");
    expect(buffered.headers.get("x-remix-response")).toBe("yes");
    const text = await streamed.text();
    expect(text).toContain("é ✓");
    expect(await buffered.text()).toBe(text);
  });

  it("still streams an answer that holds promises", async () => {
    const get = () => new Request("http://localhost/review/study.data", { headers: { host: "localhost" } });
    const response = await createRequestHandler(buildWith({ bufferedResponse }), "production")(get());
    expect(response).not.toBeInstanceOf(BufferedResponse);
    const text = await response.text();
    expect(text).toContain("front");
    expect(text).toContain("back");
  });
});
