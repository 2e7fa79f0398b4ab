// Security over real HTTP against the production build: headers, session cookie flags, the
// login rate limit, refusal of cross-origin writes, and no answer key in exam pages.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeQuestion } from "../fixtures/content.ts";
import { makeUser, TEST_PASSWORD } from "../factories/users.ts";
import { productionBuildExists, startProductionServer, type RunningServer } from "../setup/production-server.ts";
import { THROTTLES } from "~/auth/rate-limit.ts";
import { startPractice } from "~/exam/attempts.server.ts";
import { syncQuestions } from "~/models/bank.server.ts";
import { addOwnCard } from "~/review/review.server.ts";
import { startSession } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";

const built = productionBuildExists();
if (!built)
  console.warn("[charted] HTTP security tests skipped: run `npm run build` first (npm test builds before it runs).");

let server: RunningServer;
let base: string;
beforeAll(async () => {
  if (!built) return;
  // Rationales say "Because <letter> explains it." (tests/fixtures/content.ts): easy to spot.
  await syncQuestions(
    Array.from({ length: 10 }, (_, i) =>
      makeQuestion(`LAW-K01-${String(i + 1).padStart(3, "0")}`, { lesson: "hipaa-privacy-and-patient-rights" }),
    ),
  );
  // Explicit, so a developer's own environment cannot change what is being tested.
  server = await startProductionServer({ COOKIE_SECURE: "true", TRUST_PROXY: "false" });
  base = server.base;
}, 60_000);
afterAll(() => server?.stop());

const formHeaders = (origin: string | null, extra: Record<string, string> = {}) => ({
  "content-type": "application/x-www-form-urlencoded",
  ...(origin === null ? {} : { Origin: origin }),
  ...extra,
});
const logInOver = (email: string, password: string) =>
  fetch(`${base}/login`, {
    method: "POST",
    headers: formHeaders(base),
    body: new URLSearchParams({ email, password }),
    redirect: "manual",
  });

describe.skipIf(!built)("HTTP security", () => {
  it("sends the security headers, with a fresh CSP nonce that every script carries", async () => {
    const pages = await Promise.all(["/login", "/", "/no-such-page"].map((path) => fetch(`${base}${path}`)));
    expect(pages.map((p) => p.status)).toEqual([200, 200, 404]);
    const nonces = new Set<string>();
    for (const page of pages) {
      const h = page.headers;
      const csp = h.get("content-security-policy") ?? "";
      for (const directive of [
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ])
        expect(csp).toContain(directive);
      const nonce = /script-src 'self' 'strict-dynamic' 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
      expect(nonce).toBeTruthy();
      nonces.add(nonce!);
      expect(h.get("x-content-type-options")).toBe("nosniff");
      expect(h.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(h.get("x-frame-options")).toBe("SAMEORIGIN");
      expect(h.get("cross-origin-opener-policy")).toBe("same-origin");
      expect(h.get("strict-transport-security")).toMatch(/^max-age=\d{7,}/);
      expect(h.get("x-powered-by")).toBeNull();
      // Every script tag in the page carries this response's nonce (or the CSP would block it).
      const scripts = (await page.text()).match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    }
    expect(nonces.size).toBe(pages.length);
  });

  it("gives data responses (.data, never a document) a fixed policy that allows nothing", async () => {
    const [data, page] = await Promise.all([fetch(`${base}/login.data`), fetch(`${base}/login`)]);
    expect([data.status, page.status]).toEqual([200, 200]);
    expect(data.headers.get("content-type")).toMatch(/^text\/x-script/);
    const directives = (data.headers.get("content-security-policy") ?? "").split(";").map((d) => d.trim());
    expect(directives.sort()).toEqual(["default-src 'none'", "frame-ancestors 'none'"]);
    for (const name of ["x-content-type-options", "referrer-policy", "x-frame-options", "strict-transport-security"])
      expect(data.headers.get(name)).toBe(page.headers.get(name));
    // The page at the same address keeps its own policy, with a nonce.
    expect(page.headers.get("content-security-policy")).toMatch(/script-src 'self' 'strict-dynamic' 'nonce-/);
  });

  it("sets an HttpOnly, Secure, SameSite=Lax session cookie and clears it on logout", async () => {
    const user = await makeUser();
    const login = await logInOver(user.email, TEST_PASSWORD);
    expect(login.status).toBe(302);
    const setCookie = login.headers.get("set-cookie") ?? "";
    const [pair, ...attributes] = setCookie.split(";").map((s) => s.trim());
    expect(pair).toMatch(/^charted_session=[a-z0-9]{20,}$/);
    const flags = attributes.map((a) => a.toLowerCase());
    expect(flags).toEqual(expect.arrayContaining(["httponly", "secure", "samesite=lax", "path=/"]));
    expect(Number(flags.find((f) => f.startsWith("max-age="))?.slice(8))).toBe(30 * 24 * 3600);

    const logout = await fetch(`${base}/logout`, {
      method: "POST",
      headers: formHeaders(base, { cookie: pair }),
      redirect: "manual",
    });
    expect(logout.headers.get("set-cookie")).toMatch(/^charted_session=;.*Max-Age=0/i);
    const after = await fetch(`${base}/account`, { headers: { cookie: pair }, redirect: "manual" });
    expect(after.headers.get("location")).toMatch(/^\/login\?/);
  });

  it("pauses logins for an email after repeated failures, even with the right password", async () => {
    const user = await makeUser();
    const bystander = await makeUser();
    for (let i = 0; i < THROTTLES.loginPerEmail.limit; i++)
      expect((await logInOver(user.email, `wrong guess ${i}`)).status).toBe(400);
    const refused = await logInOver(user.email, TEST_PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("set-cookie")).toBeNull();
    expect(await refused.text()).toMatch(/Too many failed sign-in attempts\. Try again in 1[45] minutes\./);
    // The limit is per email: another learner on the same network still signs in.
    expect((await logInOver(bystander.email, TEST_PASSWORD)).status).toBe(302);
  });

  it("refuses writes from other origins and changes nothing", async () => {
    const user = await makeUser();
    const cookie = (await startSession(user.id)).split(";")[0];
    const card = await addOwnCard(user.id, { domainId: "LAW", front: "Front", back: "Back" });
    const rate = (headers: Record<string, string>) =>
      fetch(`${base}/review/study`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie, ...headers },
        body: new URLSearchParams({ intent: "rate", ref: `card:${card.id}`, grade: "3", requestId: randomUUID() }),
        redirect: "manual",
      });
    const refusedCases: Record<string, Record<string, string>> = {
      "another site": { Origin: "https://evil.example" },
      "another port on the same host": { Origin: base.replace(/:\d+$/, ":1") },
      "opaque origin (sandboxed frame)": { Origin: "null" },
      "no Origin, cross-site fetch metadata": { "Sec-Fetch-Site": "cross-site" },
      "no Origin, same-site (a sibling subdomain)": { "Sec-Fetch-Site": "same-site" },
      // X-Forwarded-Host is only believed with TRUST_PROXY=true.
      "spoofed X-Forwarded-Host": { Origin: "https://evil.example", "X-Forwarded-Host": "evil.example" },
    };
    for (const [name, headers] of Object.entries(refusedCases)) {
      const res = await rate(headers);
      expect({ name, status: res.status }).toEqual({ name, status: 403 });
      expect(await res.text()).toContain("Cross-origin request refused");
    }
    const logout = await fetch(`${base}/logout`, {
      method: "POST",
      headers: { cookie, Origin: "https://evil.example" },
      redirect: "manual",
    });
    expect(logout.status).toBe(403);
    expect(await db.reviewLog.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(1);
    // The same request from Charted itself goes through.
    expect((await rate({ Origin: base })).status).toBe(302);
    expect(await db.reviewLog.count({ where: { userId: user.id } })).toBe(1);
  });

  it("never sends the answer key or rationales before they are earned", async () => {
    const user = await makeUser();
    const cookie = (await startSession(user.id)).split(";")[0];
    const get = (path: string) => fetch(`${base}${path}`, { headers: { cookie }, redirect: "manual" });
    const post = (path: string, body: Record<string, string>) =>
      fetch(`${base}${path}`, {
        method: "POST",
        headers: formHeaders(base, { cookie }),
        body: new URLSearchParams(body),
        redirect: "manual",
      });
    const leaks = (body: string) => /Because (alpha|bravo|charlie|delta) explains it|answerIndex|rationale/i.test(body);

    const exam = await startPractice(user.id, {
      domains: ["LAW"],
      weakest: false,
      count: 5,
      timed: false,
      mode: "exam",
      only: "all",
    });
    const tutor = await startPractice(user.id, {
      domains: ["LAW"],
      weakest: false,
      count: 5,
      timed: false,
      mode: "tutor",
      only: "all",
    });
    if (!exam.ok || !tutor.ok) throw new Error("could not start the attempts");
    // Exam mode, answered or not: question pages (HTML and the data the browser fetches), the
    // review-and-submit page, and the answer-save response; results are not available yet.
    expect((await post(`/attempts/${exam.attemptId}/q/1.data`, { intent: "answer", choice: "1" })).status).toBe(200);
    const examBodies: string[] = [];
    for (const path of ["/q/1", "/q/1.data", "/q/2", "/q/2.data", "/review", "/review.data"]) {
      const res = await get(`/attempts/${exam.attemptId}${path}`);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      examBodies.push(await res.text());
    }
    const saved = await post(`/attempts/${exam.attemptId}/q/3.data`, { intent: "answer", choice: "2" });
    examBodies.push(await saved.text());
    expect(examBodies.filter(leaks)).toEqual([]);
    expect((await get(`/attempts/${exam.attemptId}/results`)).headers.get("location")).toBe(
      `/attempts/${exam.attemptId}`,
    );

    // Tutor mode: nothing before the learner checks an answer (choosing one is not checking);
    // the explanation once they have.
    for (const path of ["/q/1", "/q/1.data"])
      expect(leaks(await (await get(`/attempts/${tutor.attemptId}${path}`)).text())).toBe(false);
    const chosen = await post(`/attempts/${tutor.attemptId}/q/1.data`, { intent: "answer", choice: "0" });
    expect(chosen.status).toBe(200);
    expect(leaks(await chosen.text())).toBe(false);
    expect(leaks(await (await get(`/attempts/${tutor.attemptId}/q/1`)).text())).toBe(false);
    expect((await post(`/attempts/${tutor.attemptId}/q/1.data`, { intent: "check", choice: "1" })).status).toBe(200);
    expect(leaks(await (await get(`/attempts/${tutor.attemptId}/q/1`)).text())).toBe(true);

    // After submitting, the results page shows every explanation.
    expect((await post(`/attempts/${exam.attemptId}/review`, { intent: "submit" })).status).toBe(302);
    expect(leaks(await (await get(`/attempts/${exam.attemptId}/results`)).text())).toBe(true);
  });
});
