// The probe that used to stall the whole server: one account fires 200 practice starts, has a
// backlog of attempts whose time ran out, then loads the practice page. Now most starts are
// refused (offering the open attempt), the page grades only a few expired attempts, and the
// server keeps answering /healthz meanwhile. Counts and behaviour, not timings (the bench times).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeQuestion } from "../fixtures/content.ts";
import { makeUser } from "../factories/users.ts";
import { productionBuildExists, startProductionServer, type RunningServer } from "../setup/production-server.ts";
import { ATTEMPT_BOUNDS, GRADE_PER_PAGE_LOAD } from "~/exam/limits.ts";
import { syncQuestions } from "~/models/bank.server.ts";
import { startSession } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";

const built = productionBuildExists();
if (!built) console.warn("[charted] one-account load test skipped: run `npm run build` first.");
const DOMAINS = ["FND", "COM", "LAW", "SCH", "ENC", "BIL", "ADM"];
const BACKLOG = 40;
let server: RunningServer | undefined;

beforeAll(async () => {
  if (!built) return;
  await syncQuestions(
    DOMAINS.flatMap((d) =>
      Array.from({ length: 30 }, (_, i) =>
        makeQuestion(`${d}-K01-${String(i + 1).padStart(3, "0")}`, { knowledgeArea: `${d}.K01` }),
      ),
    ),
  );
  server = await startProductionServer();
}, 60_000);
afterAll(() => server?.stop());

async function signedIn() {
  const user = await makeUser();
  const cookie = (await startSession(user.id)).split(";")[0];
  const post = (body: URLSearchParams) =>
    fetch(`${server!.base}/practice?index`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, Origin: server!.base, "content-type": "application/x-www-form-urlencoded" },
      body,
    });
  return { user, cookie, post };
}

const practiceForm = (extra: [string, string][] = []) =>
  new URLSearchParams([
    ["intent", "practice"],
    ["domains", "LAW"],
    ["count", "5"],
    ["mode", "exam"],
    ["only", "all"],
    ...extra,
  ]);

describe.skipIf(!built)("one account cannot stall the server", () => {
  it(
    "200 starts, an expired backlog, then a page load: bounded work, and /healthz answers throughout",
    { timeout: 120_000 },
    async () => {
      const { user, cookie, post } = await signedIn();
      const statuses: number[] = [];
      for (let batch = 0; batch < 20; batch++) {
        const answers = await Promise.all(Array.from({ length: 10 }, () => post(practiceForm())));
        statuses.push(...answers.map((r) => r.status));
        await Promise.all(answers.map((r) => r.body?.cancel()));
      }
      expect(statuses.filter((s) => s === 302)).toHaveLength(ATTEMPT_BOUNDS.practice.open);
      expect(statuses.filter((s) => s === 409)).toHaveLength(200 - ATTEMPT_BOUNDS.practice.open);
      const open = await db.examAttempt.count({ where: { userId: user.id, status: "in_progress", deadline: null } });
      expect(open).toBe(ATTEMPT_BOUNDS.practice.open);

      // The refusal offers the open attempt, with both ways forward, as a plain HTML form.
      const offer = await (await post(practiceForm())).text();
      expect(offer).toContain("You already have 3 practice quizzes open");
      expect(offer).toContain("Resume");
      expect(offer).toContain("Submit it and start a new one");

      // Then a backlog of attempts whose time ran out hours ago (each refused start above rendered
      // the page too, so the backlog is made now, for one page load to meet).
      const versions = await db.questionVersion.findMany({
        where: { question: { domainId: "LAW" } },
        take: 20,
        select: { id: true },
      });
      const past = Date.now() - 3 * 3_600_000;
      for (let i = 0; i < BACKLOG; i++) {
        await db.examAttempt.create({
          data: {
            userId: user.id,
            kind: "practice",
            mode: "exam",
            config: "{}",
            startedAt: new Date(past + i * 1000),
            deadline: new Date(past + 60_000 + i * 1000),
            items: { createMany: { data: versions.map((v, position) => ({ position, questionVersionId: v.id })) } },
          },
        });
      }

      // The page load and health checks side by side.
      const page = fetch(`${server!.base}/practice`, { headers: { cookie } });
      const health = await Promise.all(
        Array.from({ length: 5 }, () => fetch(`${server!.base}/healthz`).then((r) => r.status)),
      );
      expect(health).toEqual([200, 200, 200, 200, 200]);
      const response = await page;
      const html = await response.text();
      expect(response.status).toBe(200);
      expect(html).toContain("Time ran out");
      expect(await db.examAttempt.count({ where: { userId: user.id, status: "submitted" } })).toBe(GRADE_PER_PAGE_LOAD);
      expect(
        await db.examAttempt.count({ where: { userId: user.id, status: "in_progress", deadline: { not: null } } }),
      ).toBe(BACKLOG - GRADE_PER_PAGE_LOAD);
    },
  );

  it("1,000 repeated domains values get a 400 with a plain message, not a 500, and start nothing", async () => {
    const { user, post } = await signedIn();
    const body = new URLSearchParams([
      ["intent", "practice"],
      ["count", "5"],
      ["mode", "exam"],
      ...Array.from({ length: 1000 }, (): [string, string] => ["domains", "LAW"]),
    ]);
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Choose at most 7 exam domains.");
    expect(await db.examAttempt.count({ where: { userId: user.id } })).toBe(0);
  });
});
