// The review settings page end to end on a real database: desired retention 0.70–0.99, the
// workload estimate from the learner's own cards, and learning steps typed, suggested from the
// log and applied (then used by the scheduler).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { makeUser } from "../../tests/factories/users.ts";
import { learnerPreferences, savePreferences } from "~/models/preferences.server.ts";
import { action, loader } from "~/routes/review.settings.tsx";
import { startSession } from "~/utils/auth.server.ts";
import { addOwnCard, rateCard } from "./review.server.ts";
import { Rating } from "./scheduler.ts";
import { suggestSteps } from "./steps.server.ts";
import { workloadEstimate } from "./workload.server.ts";

async function signedIn() {
  const user = await makeUser();
  const cookie = (await startSession(user.id)).split(";")[0];
  return { user, cookie };
}

/** The action's JSON body and status (Remix returns either a plain object or `data(...)`). */
async function post(cookie: string, fields: Record<string, string>) {
  const result = (await action({
    request: new Request("http://localhost/review/settings", {
      method: "POST",
      headers: { Cookie: cookie },
      body: new URLSearchParams(fields),
    }),
    params: {},
    context: { clientIp: "127.0.0.1" },
  } as unknown as ActionFunctionArgs)) as
    { type?: string; data?: Record<string, unknown>; init?: { status?: number } | null } | Record<string, unknown>;
  if (result.type === "DataWithResponseInit") {
    const wrapped = result as { data: Record<string, unknown>; init: { status?: number } | null };
    return { status: wrapped.init?.status ?? 200, body: wrapped.data };
  }
  return { status: 200, body: result as Record<string, unknown> };
}

const settings = (desiredRetention: string) => ({
  desiredRetention,
  newCardsPerDay: "20",
  reviewsPerDay: "200",
  timeZone: "America/New_York",
});

describe("review settings", () => {
  it("saves a desired retention of 0.99 and refuses 0.69 and 1.00, changing nothing", async () => {
    const { user, cookie } = await signedIn();
    expect(await post(cookie, settings("0.99"))).toMatchObject({ status: 200, body: { kind: "settings", ok: true } });
    expect((await learnerPreferences(user.id)).desiredRetention).toBe(0.99);

    const low = await post(cookie, settings("0.69"));
    expect(low.status).toBe(400);
    expect(low.body.fieldErrors).toEqual({
      desiredRetention: ["Choose at least 0.70: lower than that, you would forget too much."],
    });
    const high = await post(cookie, { intent: "retention", desiredRetention: "1.00" });
    expect(high.status).toBe(400);
    expect(high.body.fieldErrors).toEqual({
      desiredRetention: ["Choose at most 0.99: higher than that, reviews pile up."],
    });
    expect((await learnerPreferences(user.id)).desiredRetention).toBe(0.99);

    // "Use suggested" sends the retention alone.
    expect(await post(cookie, { intent: "retention", desiredRetention: "0.93" })).toMatchObject({
      status: 200,
      body: { kind: "retention", ok: true, retention: 0.93 },
    });
    expect((await learnerPreferences(user.id)).desiredRetention).toBe(0.93);
    expect((await post(cookie, { intent: "launch" })).status).toBe(400);
  });

  it("saves typed steps, refuses bad ones, and the scheduler uses them", async () => {
    const { user, cookie } = await signedIn();
    expect(await post(cookie, { intent: "steps", learningSteps: "2m, 30m  2h", relearningSteps: "" })).toMatchObject({
      status: 200,
      body: { kind: "steps", ok: true },
    });
    expect(await learnerPreferences(user.id)).toMatchObject({ learningSteps: "2m 30m 2h", relearningSteps: "" });

    const bad = await post(cookie, { intent: "steps", learningSteps: "", relearningSteps: "1d" });
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors).toEqual({
      learningSteps: ["Enter at least one step, for example 1m 10m."],
      relearningSteps: ["1d is too long: each step must be shorter than a day (1d)."],
    });
    expect(await learnerPreferences(user.id)).toMatchObject({ learningSteps: "2m 30m 2h", relearningSteps: "" });

    // A new card rated Good now comes back after the second step (30m), not the default 10m.
    const now = new Date("2026-04-01T15:00:00Z");
    const card = await addOwnCard(user.id, { domainId: "LAW", front: "Q", back: "A" }, now);
    await rateCard(user.id, { ref: `card:${card.id}`, grade: Rating.Good, requestId: randomUUID() }, now);
    const { db } = await import("~/utils/db.server.ts");
    const saved = await db.reviewCard.findUniqueOrThrow({ where: { id: card.id } });
    expect(saved.due.getTime() - now.getTime()).toBe(30 * 60_000);
  });

  it("suggests steps from the learner's log once it is big enough, and applies them", async () => {
    const { user, cookie } = await signedIn();
    const few = await post(cookie, { intent: "suggest-steps" });
    expect(few.status).toBe(400);
    expect(few.body.suggestion).toMatchObject({ ok: false, reason: "too-few", needed: 100 });

    // 110 new cards, each forgotten at first sight and rated again a few minutes later.
    const start = new Date("2026-04-01T14:00:00Z").getTime();
    for (let i = 0; i < 110; i++) {
      const at = start + i * 20 * 60_000;
      const card = await addOwnCard(user.id, { domainId: "ADM", front: `Q${i}`, back: "A" }, new Date(at));
      const ref = `card:${card.id}`;
      await rateCard(user.id, { ref, grade: Rating.Again, requestId: randomUUID() }, new Date(at));
      const later = new Date(at + (2 + (i % 5)) * 60_000);
      await rateCard(user.id, { ref, grade: i % 4 ? Rating.Good : Rating.Again, requestId: randomUUID() }, later);
    }
    const suggestion = await suggestSteps(user.id);
    expect(suggestion).toMatchObject({ ok: true, ratings: 220, relearning: null });
    if (!suggestion.ok) throw new Error("expected a suggestion");
    // One learning step from the 110 "Again" examples (the binding wants 100 of a kind).
    expect(suggestion.learning).toHaveLength(1);
    expect(suggestion.learning![0]).toMatch(/^\d+m$/);

    const shown = await post(cookie, { intent: "suggest-steps" });
    expect(shown).toMatchObject({ status: 200, body: { kind: "suggest-steps", suggestion } });
    // "Apply suggested steps" posts them as a steps form (relearning: kept as it was).
    await post(cookie, { intent: "steps", learningSteps: suggestion.learning!.join(" "), relearningSteps: "10m" });
    expect(await learnerPreferences(user.id)).toMatchObject({
      learningSteps: suggestion.learning!.join(" "),
      relearningSteps: "10m",
    });
  });

  it("estimates the workload from the learner's cards, and says what it needs without any", async () => {
    const { user, cookie } = await signedIn();
    await savePreferences(user.id, { newCardsPerDay: 0 });
    expect(await workloadEstimate(user.id)).toEqual({ ok: false, reason: "no-cards" });

    const now = new Date();
    for (let i = 0; i < 30; i++) {
      const card = await addOwnCard(user.id, { domainId: "BIL", front: `Q${i}`, back: "A" }, now);
      await rateCard(user.id, { ref: `card:${card.id}`, grade: Rating.Easy, requestId: randomUUID() }, now);
    }
    await addOwnCard(user.id, { domainId: "BIL", front: "new", back: "A" }, now);
    const estimate = await workloadEstimate(user.id, now);
    if (!estimate.ok) throw new Error("expected an estimate");
    expect(estimate).toMatchObject({ startedCards: 30, newCards: 1, horizonDays: 365, paceMeasured: false });
    expect(estimate.secondsPerReview).toBe(8);
    expect(estimate.points).toHaveLength(30);
    expect(estimate.points[29].reviewsPerDay).toBeGreaterThan(estimate.points[20].reviewsPerDay);
    expect(estimate.points[20].minutesPerDay).toBeCloseTo((estimate.points[20].reviewsPerDay * 8) / 60, 1);
    expect(estimate.suggested).toBeGreaterThanOrEqual(0.85);

    // An exam in 60 days shortens the horizon; the page's loader carries the estimate.
    await savePreferences(user.id, { examDate: new Date(now.getTime() + 60 * 86_400_000) });
    const page = (await loader({
      request: new Request("http://localhost/review/settings", { headers: { Cookie: cookie } }),
      params: {},
      context: { clientIp: "127.0.0.1" },
    } as unknown as LoaderFunctionArgs)) as { workload: Awaited<ReturnType<typeof workloadEstimate>> };
    // Counted from the start of today's study day (4 a.m.), so 60 or 61 days.
    expect(page.workload).toMatchObject({ ok: true, untilExam: true });
    expect(page.workload.ok && page.workload.horizonDays).toBeOneOf([60, 61]);
  });
});
