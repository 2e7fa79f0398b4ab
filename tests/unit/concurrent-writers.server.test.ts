// Reliability: concurrent writers never lose an update. The production server with two worker
// processes (WEB_CONCURRENCY=2) writing one database (on SQLite: one file, serialized by its
// write lock and busy timeout) takes a burst of answer saves, flags and ratings for one learner
// at once. Afterwards every acknowledged write is there and nothing was applied twice.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { makeQuestion } from "../fixtures/content.ts";
import { makeUser } from "../factories/users.ts";
import { productionBuildExists, startProductionServer, type RunningServer } from "../setup/production-server.ts";
import { startPractice } from "~/exam/attempts.server.ts";
import { syncQuestions } from "~/models/bank.server.ts";
import { addOwnCard } from "~/review/review.server.ts";
import { startSession } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";

const built = productionBuildExists();
if (!built)
  console.warn(
    "[charted] concurrent-writers test skipped: run `npm run build` first (npm test builds before it runs).",
  );

let server: RunningServer | undefined;
afterAll(() => server?.stop());

describe.skipIf(!built)("concurrent writers", () => {
  it("a burst of answers, flags and ratings from one learner loses no update", async () => {
    const POSITIONS = 30;
    const CARDS = 15;
    await syncQuestions(
      Array.from({ length: POSITIONS }, (_, i) =>
        makeQuestion(`LAW-K01-${String(i + 1).padStart(3, "0")}`, { lesson: "hipaa-privacy-and-patient-rights" }),
      ),
    );
    const user = await makeUser();
    const cookie = (await startSession(user.id)).split(";")[0];
    const attempt = await startPractice(user.id, {
      domains: ["LAW"],
      weakest: false,
      count: POSITIONS,
      timed: false,
      mode: "exam",
      only: "all",
    });
    if (!attempt.ok) throw new Error(attempt.message);
    const cards = await Promise.all(
      Array.from({ length: CARDS }, (_, i) =>
        addOwnCard(user.id, { domainId: "LAW", front: `Card ${i}`, back: "Back" }),
      ),
    );

    // Two worker processes behind one port (the cluster balances connections between them).
    server = await startProductionServer({ WEB_CONCURRENCY: "2" });
    const { base } = server;
    const headers = { cookie, Origin: base, "content-type": "application/x-www-form-urlencoded" };
    const post = (path: string, body: Record<string, string>) =>
      fetch(`${base}${path}`, { method: "POST", headers, body: new URLSearchParams(body), redirect: "manual" });

    // Every position gets an answer and a flag at the same moment (two writes to one row), and
    // every card three different ratings plus a retry of one of them (same request id).
    type Outcome =
      | { kind: "answer" | "flag"; position: number; status: number }
      | { kind: "rating"; cardId: string; requestId: string; status: number; location: string | null };
    const burst: Promise<Outcome>[] = [];
    for (let position = 1; position <= POSITIONS; position++) {
      const path = `/attempts/${attempt.attemptId}/q/${position}.data`;
      burst.push(
        post(path, { intent: "answer", choice: String(position % 4) }).then((r) => ({
          kind: "answer",
          position,
          status: r.status,
        })),
      );
      burst.push(post(path, { intent: "flag" }).then((r) => ({ kind: "flag", position, status: r.status })));
    }
    for (const card of cards) {
      const requestIds = [randomUUID(), randomUUID(), randomUUID()];
      for (const requestId of [...requestIds, requestIds[0]]) {
        burst.push(
          post("/review/study", {
            intent: "rate",
            ref: `card:${card.id}`,
            grade: String(2 + (burst.length % 3)),
            requestId,
          }).then((r) => ({
            kind: "rating",
            cardId: card.id,
            requestId,
            status: r.status,
            location: r.headers.get("location"),
          })),
        );
      }
    }
    const outcomes = await Promise.all(burst);

    // Nothing failed: no "database is locked", no 5xx. Each answer and flag was acknowledged.
    expect(outcomes.filter((o) => (o.kind === "rating" ? o.status !== 302 : o.status !== 200))).toEqual([]);
    const items = await db.attemptItem.findMany({
      where: { attemptId: attempt.attemptId },
      orderBy: { position: "asc" },
      select: { selectedIndex: true, flagged: true },
    });
    expect(items).toEqual(Array.from({ length: POSITIONS }, (_, i) => ({ selectedIndex: (i + 1) % 4, flagged: true })));

    // A rating is either applied ("saved": back to the queue) or refused because another
    // rating of the same card won the race ("stale"). Applied ones each have exactly one log,
    // refused ones none, and each card's repetition count matches its logs: none was lost or
    // applied on top of an out-of-date card.
    const ratings = outcomes.filter((o) => o.kind === "rating");
    expect(ratings.every((r) => r.location === "/review/study" || r.location === "/review/study?notice=stale")).toBe(
      true,
    );
    const applied = new Set(ratings.filter((r) => r.location === "/review/study").map((r) => r.requestId));
    const logs = await db.reviewLog.findMany({ where: { userId: user.id }, select: { requestId: true, cardId: true } });
    expect(new Set(logs.map((l) => l.requestId)).size).toBe(logs.length);
    expect(logs.map((l) => l.requestId).sort()).toEqual([...applied].sort());
    const stored = await db.reviewCard.findMany({ where: { userId: user.id }, select: { id: true, reps: true } });
    expect(stored).toHaveLength(CARDS);
    for (const card of stored) {
      const count = logs.filter((l) => l.cardId === card.id).length;
      expect({ card: card.id, reps: card.reps }).toEqual({ card: card.id, reps: count });
      expect(count).toBeGreaterThanOrEqual(1);
    }
  }, 60_000);
});
