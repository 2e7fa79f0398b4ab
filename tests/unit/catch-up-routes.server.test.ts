// The catch-up page's and the review page's forms through their route actions: bad input gets a
// plain message and changes nothing; only signed-in learners get in.
import type { ActionFunctionArgs } from "@remix-run/node";
import { State } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import { makeUser } from "../factories/users.ts";
import { learnerPreferences, savePreferences } from "~/models/preferences.server.ts";
import * as catchUpRoute from "~/routes/review.catch-up.tsx";
import * as reviewRoute from "~/routes/review._index.tsx";
import { startSession } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";

const DAY = 86_400_000;
type Action = (args: ActionFunctionArgs) => Promise<unknown>;

async function post(action: Action, path: string, cookie: string | null, fields: Record<string, string>) {
  const headers = new Headers();
  if (cookie) headers.set("Cookie", cookie.split(";")[0]);
  const request = new Request(`http://localhost${path}`, {
    method: "POST",
    headers,
    body: new URLSearchParams(fields),
  });
  try {
    const result = await action({ request, params: {}, context: { clientIp: "127.0.0.1" } });
    // data(...) results carry their status; plain objects are 200.
    const wrapped = result as { type?: string; init?: { status?: number } | null; data?: unknown };
    if (wrapped && wrapped.type === "DataWithResponseInit")
      return { status: wrapped.init?.status ?? 200, body: wrapped.data };
    if (result instanceof Response) return { status: result.status, location: result.headers.get("Location") };
    return { status: 200, body: result };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get("Location") };
    throw thrown;
  }
}

async function learnerWithBacklog() {
  const user = await makeUser();
  await savePreferences(user.id, { timeZone: "UTC", reviewsPerDay: 10 });
  const now = Date.now();
  await db.reviewCard.createMany({
    data: Array.from({ length: 35 }, (_, i) => ({
      userId: user.id,
      source: "own",
      domainId: "LAW",
      front: `Card ${i}`,
      back: "Back",
      due: new Date(now - (i + 2) * DAY),
      stability: 5,
      difficulty: 5,
      state: State.Review,
      reps: 3,
      lastReview: new Date(now - (i + 7) * DAY),
    })),
  });
  return { user, cookie: await startSession(user.id) };
}

describe("the catch-up page's forms", () => {
  it("refuses a cap that is not a whole number in range, or an unknown action, and changes nothing", async () => {
    const { user, cookie } = await learnerWithBacklog();
    for (const cap of ["lots", "0", "5001", "1e2", ""]) {
      const result = await post(catchUpRoute.action, "/review/catch-up", cookie, { intent: "start", cap });
      expect(result.status).toBe(400);
      expect((result.body as { fieldErrors: Record<string, string[]> }).fieldErrors.cap?.[0]).toBeTruthy();
    }
    expect((await post(catchUpRoute.action, "/review/catch-up", cookie, { intent: "explode" })).status).toBe(400);
    expect((await learnerPreferences(user.id)).catchUpCap).toBeNull();
  });

  it("refuses a cap that never clears the backlog, starts a sound one and stops it", async () => {
    const { user, cookie } = await learnerWithBacklog();
    // 35 overdue and 40 more coming due over the next 20 days: one a day cannot clear 75 cards in 60 days.
    await db.reviewCard.createMany({
      data: Array.from({ length: 40 }, (_, i) => ({
        userId: user.id,
        source: "own",
        domainId: "COM",
        front: `Soon ${i}`,
        back: "Back",
        due: new Date(Date.now() + (i % 20) * DAY + DAY),
        stability: 5,
        difficulty: 5,
        state: State.Review,
        reps: 3,
        lastReview: new Date(Date.now() - DAY),
      })),
    });
    const refused = await post(catchUpRoute.action, "/review/catch-up", cookie, { intent: "start", cap: "1" });
    expect(refused.status).toBe(400);
    expect((refused.body as { fieldErrors: Record<string, string[]> }).fieldErrors.cap[0]).toMatch(
      /would not clear within 60 days/,
    );
    expect((await learnerPreferences(user.id)).catchUpCap).toBeNull();

    const started = await post(catchUpRoute.action, "/review/catch-up", cookie, { intent: "start", cap: "12" });
    expect(started).toMatchObject({ status: 302, location: "/review/catch-up?done=started" });
    expect(await learnerPreferences(user.id)).toMatchObject({ catchUpCap: 12, catchUpSince: expect.any(Date) });

    const stopped = await post(catchUpRoute.action, "/review/catch-up", cookie, { intent: "stop" });
    expect(stopped).toMatchObject({ status: 302, location: "/review/catch-up?done=stopped" });
    expect(await learnerPreferences(user.id)).toMatchObject({ catchUpCap: null, catchUpSince: null });
  });

  it("sends visitors who are not signed in to log in", async () => {
    const result = await post(catchUpRoute.action, "/review/catch-up", null, { intent: "start", cap: "10" });
    expect(result.status).toBe(302);
    expect(result.location).toMatch(/^\/login/);
  });
});

describe("the final review switch", () => {
  it("is refused without an exam in the coming week and rejects bad values", async () => {
    const { user, cookie } = await learnerWithBacklog();
    const on = await post(reviewRoute.action, "/review", cookie, { intent: "final-review", finalReview: "on" });
    expect(on.status).toBe(409);
    expect(
      (await post(reviewRoute.action, "/review", cookie, { intent: "final-review", finalReview: "yes" })).status,
    ).toBe(400);
    expect((await post(reviewRoute.action, "/review", cookie, { intent: "other", finalReview: "on" })).status).toBe(
      400,
    );
    expect((await learnerPreferences(user.id)).finalReview).toBe(false);

    const inThreeDays = new Date(Date.now() + 3 * DAY).toISOString().slice(0, 10);
    await savePreferences(user.id, { examDate: new Date(`${inThreeDays}T00:00:00Z`) });
    expect(
      (await post(reviewRoute.action, "/review", cookie, { intent: "final-review", finalReview: "on" })).status,
    ).toBe(200);
    expect((await learnerPreferences(user.id)).finalReview).toBe(true);
    expect(
      (await post(reviewRoute.action, "/review", cookie, { intent: "final-review", finalReview: "off" })).status,
    ).toBe(200);
    expect((await learnerPreferences(user.id)).finalReview).toBe(false);
  });
});
