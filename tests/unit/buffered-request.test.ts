// server/buffered-request.js: a Request that keeps its body as bytes. It must read like a
// standard Request in every way an action can read it, and Remix's single-fetch action (patched,
// scripts/patches/) must hand it on without building a body stream.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { BufferedRequest, WITH_URL } from "../../server/buffered-request.js";

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
    controller.abort();
    expect(copy.signal.aborted).toBe(true);
  });
});

describe("Remix's single-fetch action with a BufferedRequest (patched server runtime)", () => {
  // The server runtime as the app loads it (the CommonJS build, which is patched).
  const { createRequestHandler } = createRequire(import.meta.url)("@remix-run/server-runtime") as {
    createRequestHandler: (build: unknown, mode?: string) => (request: Request) => Promise<Response>;
  };

  it("runs the action at the route's URL with the same request object kind and the whole form", async () => {
    const seen: { url: string; buffered: boolean; form: [string, FormDataEntryValue][] }[] = [];
    const build = {
      mode: "production",
      future: { v3_singleFetch: true },
      basename: undefined,
      publicPath: "/",
      assetsBuildDirectory: "build/client",
      isSpaMode: false,
      assets: { entry: { module: "", imports: [] }, routes: {}, url: "", version: "1" },
      entry: { module: { default: () => new Response("document") } },
      routes: {
        root: { id: "root", path: "", module: { default: () => null } },
        rate: {
          id: "rate",
          parentId: "root",
          path: "review/study",
          module: {
            default: () => null,
            action: async ({ request }: { request: Request }) => {
              seen.push({
                url: request.url,
                buffered: request instanceof BufferedRequest,
                form: [...(await request.formData()).entries()],
              });
              return { ok: true };
            },
          },
        },
      },
    };
    const handler = createRequestHandler(build, "production");
    const request = new BufferedRequest("http://localhost/review/study.data", {
      method: "POST",
      headers: new Headers({ "content-type": FORM, origin: "http://localhost", host: "localhost" }),
      bytes: Buffer.from("intent=rate&grade=3"),
    });
    const response = await handler(request);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("ok");
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
});
