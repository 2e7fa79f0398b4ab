// Revisits and static files over real HTTP against the production build: lesson pages carry an
// ETag and come back as 304 when unchanged (for visitors from the page cache, each with its own
// CSP nonce); the ETag changes with what the page shows; built assets go out precompressed and
// immutable; the no-JS exam form gets a redirect instead of a re-rendered page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeQuestion } from "../fixtures/content.ts";
import { makeUser } from "../factories/users.ts";
import { productionBuildExists, startProductionServer, type RunningServer } from "../setup/production-server.ts";
import { startPractice } from "~/exam/attempts.server.ts";
import { syncQuestions } from "~/models/bank.server.ts";
import { startSession } from "~/utils/auth.server.ts";
import { serializeTheme } from "~/utils/theme.server.ts";

const built = productionBuildExists();
if (!built)
  console.warn("[charted] page cache tests skipped: run `npm run build` first (npm test builds before it runs).");

const LESSON = "/learn/law/hipaa-privacy-and-patient-rights";
let server: RunningServer;
let base: string;
beforeAll(async () => {
  if (!built) return;
  server = await startProductionServer({ COOKIE_SECURE: "false", TRUST_PROXY: "false" });
  base = server.base;
}, 60_000);
afterAll(() => server?.stop());

const nonceOf = (res: Response) => /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
const scriptNonces = (html: string) => new Set([...html.matchAll(/<script[^>]* nonce="([^"]+)"/g)].map((m) => m[1]));

describe.skipIf(!built)("page cache", () => {
  it("gives a visitor's lesson page an ETag, answers a revisit with 304, and keeps each nonce its own", async () => {
    const first = await fetch(`${base}${LESSON}`);
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get("cache-control")).toBe("private, no-cache");
    expect(first.headers.get("vary")).toMatch(/Cookie/);
    const firstHtml = await first.text();

    const revisit = await fetch(`${base}${LESSON}`, { headers: { "If-None-Match": etag! } });
    expect(revisit.status).toBe(304);
    expect(await revisit.text()).toBe("");
    // The stored page's scripts carry the stored policy's nonce: a 304 must not replace it.
    expect(revisit.headers.get("content-security-policy")).toBeNull();

    // The second visitor gets the cached page, with the nonce of its own response.
    const second = await fetch(`${base}${LESSON}`);
    const secondHtml = await second.text();
    expect(second.headers.get("etag")).toBe(etag);
    expect(nonceOf(second)).not.toBe(nonceOf(first));
    expect(scriptNonces(firstHtml)).toEqual(new Set([nonceOf(first)]));
    expect(scriptNonces(secondHtml)).toEqual(new Set([nonceOf(second)]));
    const strip = (html: string) => html.replace(/nonce="[^"]+"/g, "");
    expect(strip(secondHtml)).toBe(strip(firstHtml));

    // Another date format is another page.
    const german = await fetch(`${base}${LESSON}`, { headers: { "Accept-Language": "de-DE" } });
    expect(german.headers.get("etag")).not.toBe(etag);
  });

  it("changes a learner's ETag when the page changes, and never shares it with someone else", async () => {
    const [ann, bob] = [await makeUser({ name: "Ann Etag" }), await makeUser({ name: "Bob Etag" })];
    const annCookie = (await startSession(ann.id)).split(";")[0];
    const bobCookie = (await startSession(bob.id)).split(";")[0];
    const get = (cookie: string, etag?: string) =>
      fetch(`${base}${LESSON}`, { headers: { cookie, ...(etag ? { "If-None-Match": etag } : {}) } });
    const before = await get(annCookie);
    const etag = before.headers.get("etag")!;
    expect(await before.text()).toContain("Ann Etag");
    expect(before.headers.get("cache-control")).toBe("private, no-cache");
    expect((await get(annCookie, etag)).status).toBe(304);
    // Bob holding Ann's ETag gets his own page.
    const bobs = await get(bobCookie, etag);
    expect(bobs.status).toBe(200);
    expect(await bobs.text()).toContain("Bob Etag");

    const marked = await fetch(`${base}${LESSON}`, {
      method: "POST",
      headers: { cookie: annCookie, Origin: base, "content-type": "application/x-www-form-urlencoded" },
      body: "intent=complete",
    });
    expect(marked.status).toBeLessThan(400);
    const after = await get(annCookie, etag);
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
  });

  it("answers a cookieless visitor from memory, and anyone with a cookie from the app", async () => {
    const strip = (html: string) => html.replace(/nonce="[^"]+"/g, "");
    const plain = await (await fetch(`${base}${LESSON}`)).text();
    expect(plain).not.toContain('data-theme="dark"');
    // The theme cookie changes the page: it is rendered for this visitor, not taken from memory.
    const theme = (await serializeTheme("dark")).split(";")[0];
    const dark = await fetch(`${base}${LESSON}`, { headers: { cookie: theme } });
    expect(await dark.text()).toContain('data-theme="dark"');
    // Another address, or the same address with a query string, is another page.
    const other = await fetch(`${base}${LESSON}?from=search`);
    expect(other.status).toBe(200);
    const again = await fetch(`${base}${LESSON}`);
    expect(strip(await again.text())).toBe(strip(plain));
  });

  it("reuses a learner's rendered dashboard only while its data holds, and keeps it out of browser caches", async () => {
    const user = await makeUser({ name: "Dana Dashboard" });
    const cookie = (await startSession(user.id)).split(";")[0];
    const get = () => fetch(`${base}/progress`, { headers: { cookie } });
    const strip = (html: string) => html.replace(/nonce="[^"]+"/g, "");
    const first = await get();
    // Server-side reuse only: a signed-in page stays out of shared and back-button caches.
    expect(first.headers.get("cache-control")).toBe("private, no-store");
    expect(first.headers.get("etag")).toBeNull();
    const firstHtml = await first.text();
    expect(firstHtml).toMatch(/Lessons finished: (<!-- -->)?0(<!-- -->)? of/);
    const reload = await get();
    const reloadHtml = await reload.text();
    expect(strip(reloadHtml)).toBe(strip(firstHtml));
    expect(scriptNonces(reloadHtml)).toEqual(new Set([nonceOf(reload)]));
    expect(nonceOf(reload)).not.toBe(nonceOf(first));

    const marked = await fetch(`${base}${LESSON}`, {
      method: "POST",
      headers: { cookie, Origin: base, "content-type": "application/x-www-form-urlencoded" },
      body: "intent=complete",
    });
    expect(marked.status).toBeLessThan(400);
    expect(await (await get()).text()).toMatch(/Lessons finished: (<!-- -->)?1(<!-- -->)? of/);
  });

  it("sends built assets precompressed and immutable", async () => {
    const html = await (await fetch(`${base}${LESSON}`)).text();
    const assets = [...html.matchAll(/"(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThan(0);
    // The largest of them is well over the size below which nothing is compressed.
    const sized = await Promise.all(
      assets.map(async (path) => ({ path, size: (await (await fetch(`${base}${path}`)).arrayBuffer()).byteLength })),
    );
    const { path, size } = sized.sort((a, b) => b.size - a.size)[0];
    expect(size).toBeGreaterThan(4096);
    const as = async (encoding: string) => {
      const res = await fetch(`${base}${path}`, { headers: { "Accept-Encoding": encoding } });
      return { res, bytes: Buffer.from(await res.arrayBuffer()) };
    };
    const br = await as("gzip, deflate, br");
    expect(br.res.headers.get("content-encoding")).toBe("br");
    expect(br.res.headers.get("cache-control")).toContain("immutable");
    expect(br.res.headers.get("vary")).toMatch(/Accept-Encoding/);
    const gzip = await as("gzip");
    expect(gzip.res.headers.get("content-encoding")).toBe("gzip");
    const plain = await as("identity");
    expect(plain.res.headers.get("content-encoding")).toBeNull();
    expect(plain.bytes.length).toBe(size);
  });

  it("sends the other built files for an hour, and leaves every other address to the app", async () => {
    const worker = await fetch(`${base}/sw.js`, { headers: { "Accept-Encoding": "br" } });
    expect(worker.status).toBe(200);
    expect(worker.headers.get("content-encoding")).toBe("br");
    expect(worker.headers.get("cache-control")).toBe("public, max-age=3600");
    const missing = await fetch(`${base}/assets/no-such-file.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toMatch(/^text\/html/);
  });

  it("redirects the no-JS exam form back to the question instead of re-rendering it", async () => {
    await syncQuestions(Array.from({ length: 5 }, (_, i) => makeQuestion(`LAW-K01-${String(i + 1).padStart(3, "0")}`)));
    const user = await makeUser();
    const cookie = (await startSession(user.id)).split(";")[0];
    const started = await startPractice(user.id, {
      domains: ["LAW"],
      weakest: false,
      count: 5,
      timed: false,
      mode: "exam",
      only: "all",
    });
    if (!started.ok) throw new Error(started.message);
    const url = `${base}/attempts/${started.attemptId}/q/2`;
    const post = (body: string) =>
      fetch(url, {
        method: "POST",
        redirect: "manual",
        headers: { cookie, Origin: base, "content-type": "application/x-www-form-urlencoded" },
        body,
      });
    const flagged = await post("from=page&intent=flag&choice=1");
    expect(flagged.status).toBe(303);
    expect(flagged.headers.get("location")).toBe(`/attempts/${started.attemptId}/q/2`);
    const page = await (await fetch(url, { headers: { cookie } })).text();
    expect(page).toMatch(/value="1"[^>]*checked|checked=""[^>]*value="1"/);
    // A fetcher (no `from`) still gets data, not a redirect.
    expect((await post("intent=answer&choice=2")).status).toBe(200);
  });
});
