// Scale-out: two production server processes on one PostgreSQL schema, one learner whose
// requests alternate between them. Sessions, login rate limits, exam deadlines, answers and
// ratings all live in the database, so either process can serve any request.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { makeQuestion } from "../fixtures/content.ts";
import { makeUser, TEST_PASSWORD } from "../factories/users.ts";
import { productionBuildExists, startProductionServer, type RunningServer } from "../setup/production-server.ts";
import { syncQuestions } from "~/models/bank.server.ts";
import { addOwnCard } from "~/review/review.server.ts";
import { databaseKind } from "~/utils/database-url.ts";
import { db } from "~/utils/db.server.ts";

const onPostgres = databaseKind() === "postgres";
const built = productionBuildExists();
if (!onPostgres) {
  console.warn(
    process.env.TEST_DATABASE_URL
      ? "[charted] scale-out test skipped in the sqlite project: it runs in the postgres project."
      : "[charted] scale-out test SKIPPED: it needs PostgreSQL. Run it with TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test npx vitest run --project postgres tests/unit/scale-out.server.test.ts",
  );
} else if (!built) {
  console.warn("[charted] scale-out test skipped: run `npm run build` first (npm test builds before it runs).");
}

const running: RunningServer[] = [];
afterAll(() => Promise.all(running.map((server) => server.stop())));

/** One `node server.js` process (no cluster) on the test file's PostgreSQL schema. */
async function startServer() {
  const server = await startProductionServer({ WEB_CONCURRENCY: "1" });
  running.push(server);
  expect(await (await fetch(`${server.base}/healthz`)).json()).toEqual({ status: "ok", database: "postgres" });
  return server.base;
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe.skipIf(!onPostgres || !built)("scale-out: two app processes, one PostgreSQL", () => {
  it("serves one learner's session from either process without losing anything", async () => {
    await syncQuestions(
      Array.from({ length: 12 }, (_, i) =>
        makeQuestion(`LAW-K01-${String(i + 1).padStart(3, "0")}`, { lesson: "hipaa-privacy-and-patient-rights" }),
      ),
    );
    const learner = await makeUser();
    const other = await makeUser();
    const cards = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        addOwnCard(learner.id, { domainId: "LAW", front: `Card ${i}`, back: "Back" }),
      ),
    );
    const [A, B] = await Promise.all([startServer(), startServer()]);
    const servers = [A, B];
    const post = (base: string, path: string, body: string, cookie?: string) =>
      fetch(`${base}${path}`, {
        method: "POST",
        headers: { Origin: base, "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}) },
        body,
        redirect: "manual",
      });
    const get = (base: string, path: string, cookie: string) =>
      fetch(`${base}${path}`, { headers: { cookie }, redirect: "manual" });

    // Log in on A; the session cookie is valid on B.
    const login = await post(
      A,
      "/login",
      form({ email: learner.email, password: TEST_PASSWORD, redirectTo: "/practice" }),
    );
    expect(login.status).toBe(302);
    const cookie = login.headers.get("set-cookie")!.split(";")[0];
    expect(cookie).toMatch(/^charted_session=\w+/);
    expect((await get(B, "/practice", cookie)).status).toBe(200);

    // Start a timed practice on B; A serves it with the same server-owned deadline.
    const started = await post(
      B,
      "/practice",
      form({ domains: "LAW", count: "10", timed: "on", minutes: "30", mode: "exam", only: "all" }),
      cookie,
    );
    expect(started.status).toBe(302);
    const attemptId = /^\/attempts\/(\w+)\/q\/1$/.exec(started.headers.get("location") ?? "")?.[1];
    expect(attemptId).toBeTruthy();
    const { deadline } = await db.examAttempt.findUniqueOrThrow({
      where: { id: attemptId },
      select: { deadline: true },
    });
    expect(deadline).not.toBeNull();
    for (const base of servers) {
      const page = await get(base, `/attempts/${attemptId}/q/1.data`, cookie);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(deadline!.toISOString());
    }

    // Answers alternate between A and B; the same answer sent twice (once to each) is harmless,
    // and a changed answer on the other process wins. Then a burst to both at once.
    const expected = new Map<number, number>();
    const answer = async (base: string, position: number, choice: number) => {
      const res = await post(
        base,
        `/attempts/${attemptId}/q/${position}.data`,
        form({ intent: "answer", choice: String(choice) }),
        cookie,
      );
      expect({ position, status: res.status }).toEqual({ position, status: 200 });
      expected.set(position, choice);
    };
    for (let position = 1; position <= 6; position++) await answer(servers[position % 2], position, position % 4);
    await answer(A, 3, 3);
    await answer(B, 3, 3);
    await answer(B, 4, 1);
    await answer(A, 4, 2);
    await Promise.all([7, 8, 9, 10].map((position) => answer(servers[position % 2], position, (position + 1) % 4)));

    // Ratings alternate too (the no-JS form post); a retried request id counts once.
    const acknowledged: string[] = [];
    const rate = async (base: string, cardId: string, requestId = randomUUID()) => {
      const res = await post(
        base,
        "/review/study",
        form({ intent: "rate", ref: `card:${cardId}`, grade: "3", requestId }),
        cookie,
      );
      expect({ status: res.status, location: res.headers.get("location") }).toEqual({
        status: 302,
        location: "/review/study",
      });
      acknowledged.push(requestId);
      return requestId;
    };
    for (const [i, card] of cards.entries()) await rate(servers[i % 2], card.id);
    const retried = await rate(A, cards[0].id);
    await rate(B, cards[0].id, retried);
    await rate(B, cards[1].id);

    // Login failures for one email count across both processes: five on each reaches the limit
    // of ten, after which even the right password is refused on both.
    for (let i = 0; i < 10; i++) {
      const res = await post(servers[i % 2], "/login", form({ email: other.email, password: `wrong guess ${i}` }));
      expect({ attempt: i, status: res.status }).toEqual({ attempt: i, status: 400 });
    }
    for (const base of servers) {
      const refused = await post(base, "/login", form({ email: other.email, password: TEST_PASSWORD }));
      expect(refused.status).toBe(429);
      expect(refused.headers.get("set-cookie")).toBeNull();
      expect(await refused.text()).toContain("Too many failed sign-in attempts");
    }

    // Everything acknowledged is in the database.
    const items = await db.attemptItem.findMany({
      where: { attemptId },
      orderBy: { position: "asc" },
      select: { position: true, selectedIndex: true },
    });
    expect(items.map((i) => i.selectedIndex)).toEqual(Array.from({ length: 10 }, (_, i) => expected.get(i + 1)));
    const logs = await db.reviewLog.findMany({
      where: { userId: learner.id },
      select: { requestId: true, cardId: true },
    });
    expect(logs.map((l) => l.requestId).sort()).toEqual([...new Set(acknowledged)].sort());
    const reps = await db.reviewCard.findMany({ where: { userId: learner.id }, select: { id: true, reps: true } });
    const perCard = (id: string) => logs.filter((l) => l.cardId === id).length;
    expect(reps.map((c) => c.reps)).toEqual(reps.map((c) => perCard(c.id)));
    expect(perCard(cards[0].id)).toBe(2);
    expect(await db.loginFailure.count({ where: { email: other.email } })).toBe(10);

    // The session still works on both; logging out on B ends it on A too.
    for (const base of servers) expect((await get(base, `/attempts/${attemptId}/q/4`, cookie)).status).toBe(200);
    expect((await post(B, "/logout", "", cookie)).status).toBe(302);
    for (const base of servers) {
      const res = await get(base, "/practice", cookie);
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toMatch(/^\/login\?/);
    }
  }, 60_000);
});
