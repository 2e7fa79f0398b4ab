// Reliability: kill -9 the production server while a learner answers and rates, restart it,
// and check that every answer and rating the server acknowledged is there.
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { makeCard, makeQuestion } from "../fixtures/content.ts";
import { makeUser } from "../factories/users.ts";
import { startPractice } from "~/exam/attempts.server.ts";
import { syncCards, syncQuestions } from "~/models/bank.server.ts";
import { addOwnCard } from "~/review/review.server.ts";
import { startSession } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";

const built = existsSync("build/server/index.js");
if (!built)
  console.warn("[charted] crash-recovery test skipped: run `npm run build` first (npm test builds before it runs).");

const PORT = 3300 + Math.floor(Math.random() * 500);
const BASE = `http://127.0.0.1:${PORT}`;
let server: ChildProcess | undefined;

function startServer() {
  server = spawn("node", ["server.js"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(PORT), HOST: "127.0.0.1", WEB_CONCURRENCY: "1" },
    stdio: "ignore",
  });
  return waitForHealth();
}

async function waitForHealth() {
  for (let i = 0; i < 150; i++) {
    if (
      await fetch(`${BASE}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("server did not start");
}

afterAll(() => server?.kill("SIGKILL"));

describe.skipIf(!built)("crash recovery", () => {
  it("keeps every acknowledged answer and rating across kill -9", async () => {
    await syncQuestions(
      Array.from({ length: 40 }, (_, i) =>
        makeQuestion(`LAW-K01-${String(i + 1).padStart(3, "0")}`, { lesson: "hipaa-privacy-and-patient-rights" }),
      ),
    );
    await syncCards([makeCard("LAW-C0001")]);
    const user = await makeUser();
    const cookie = (await startSession(user.id)).split(";")[0];
    const attempt = await startPractice(user.id, {
      domains: ["LAW"],
      weakest: false,
      count: 40,
      timed: false,
      mode: "exam",
      only: "all",
    });
    if (!attempt.ok) throw new Error(attempt.message);
    const cards = await Promise.all(
      Array.from({ length: 30 }, (_, i) => addOwnCard(user.id, { domainId: "LAW", front: `Card ${i}`, back: "Back" })),
    );
    const headers = { cookie, Origin: BASE, "content-type": "application/x-www-form-urlencoded" };

    await startServer();
    const acknowledgedAnswers = new Map<number, number>();
    const acknowledgedRatings: string[] = [];
    const inFlight: Promise<void>[] = [];
    let killed = false;
    for (let i = 0; i < 200 && !killed; i++) {
      const position = 1 + (i % 40);
      const choice = i % 4;
      const requestId = randomUUID();
      const card = cards[i % cards.length];
      inFlight.push(
        fetch(`${BASE}/attempts/${attempt.attemptId}/q/${position}.data`, {
          method: "POST",
          headers,
          body: `intent=answer&choice=${choice}`,
        }).then(
          (r) => {
            // Only answers acknowledged after every earlier save to this position count as "the" answer.
            if (r.ok) acknowledgedAnswers.set(position, choice);
          },
          () => {},
        ),
        fetch(`${BASE}/review/study.data`, {
          method: "POST",
          headers,
          body: `intent=rate&ref=card:${card.id}&grade=3&requestId=${requestId}`,
          redirect: "manual",
        }).then(
          (r) => {
            if (r.status < 400) acknowledgedRatings.push(requestId);
          },
          () => {},
        ),
      );
      // Requests are sequential per position, so each acknowledgement is the latest for it.
      await inFlight[inFlight.length - 2];
      if (i === 120) {
        server!.kill("SIGKILL");
        killed = true;
      }
    }
    await Promise.allSettled(inFlight);
    expect(acknowledgedAnswers.size).toBeGreaterThan(20);
    expect(acknowledgedRatings.length).toBeGreaterThan(20);

    await startServer();
    const items = await db.attemptItem.findMany({
      where: { attemptId: attempt.attemptId },
      orderBy: { position: "asc" },
    });
    for (const [position, choice] of acknowledgedAnswers)
      expect({ position, choice: items[position - 1].selectedIndex }).toEqual({ position, choice });
    const logs = await db.reviewLog.findMany({
      where: { requestId: { in: acknowledgedRatings } },
      select: { requestId: true },
    });
    expect(logs.length).toBe(acknowledgedRatings.length);
    // The restarted server serves the attempt with the saved answers.
    const page = await fetch(`${BASE}/attempts/${attempt.attemptId}/q/1`, { headers: { cookie } });
    expect(page.status).toBe(200);
  }, 120_000);
});
