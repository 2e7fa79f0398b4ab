// The study plan page's forms through its route action: the week (study days, long days), days
// off added and removed; bad input gets a plain message and changes nothing.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { makeUser } from "../factories/users.ts";
import { learnerPreferences, savePreferences } from "~/models/preferences.server.ts";
import { shiftLabel } from "~/progress/activity.ts";
import * as planRoute from "~/routes/progress.plan.tsx";
import { studyDay } from "~/review/study-day.ts";
import { startSession } from "~/utils/auth.server.ts";

type Fields = [string, string][];

async function post(cookie: string, fields: Fields) {
  const request = new Request("http://localhost/progress/plan", {
    method: "POST",
    headers: { Cookie: cookie.split(";")[0] },
    body: new URLSearchParams(fields),
  });
  const result = await planRoute.action({ request, params: {}, context: {} } as ActionFunctionArgs);
  const wrapped = result as { type?: string; init?: { status?: number } | null; data?: unknown };
  if (wrapped && wrapped.type === "DataWithResponseInit")
    return { status: wrapped.init?.status ?? 200, body: wrapped.data as Record<string, unknown> };
  return { status: 200, body: result as Record<string, unknown> };
}

async function learner() {
  const user = await makeUser();
  await savePreferences(user.id, { timeZone: "UTC" });
  return { user, cookie: await startSession(user.id) };
}

const today = () => studyDay(new Date(), "UTC").label;

describe("the study plan's forms", () => {
  it("saves study days and long days, and refuses a bad long day without saving anything", async () => {
    const { user, cookie } = await learner();
    const week: Fields = [
      ["intent", "settings"],
      ["examDate", shiftLabel(today(), 40)],
      ["weekdays", "2"],
      ["weekdays", "4"],
      ["minutes", "30"],
      ["startTime", "19:00"],
    ];
    const bad = await post(cookie, [...week, ["longWeekdays", "6"], ["longWeekdays", "9"]]);
    expect(bad.status).toBe(400);
    expect((bad.body.fieldErrors as Record<string, string[]>).longWeekdays[0]).toBe("Choose days from the list.");
    expect(bad.body.longWeekdays).toEqual(["6", "9"]); // ticked again in the form
    expect((await learnerPreferences(user.id)).studyMinutes).not.toBe(30);

    const saved = await post(cookie, [...week, ["longWeekdays", "7"], ["longWeekdays", "6"]]);
    expect(saved).toMatchObject({ status: 200, body: { ok: true, message: "Plan updated." } });
    const prefs = await learnerPreferences(user.id);
    expect(prefs).toMatchObject({ studyWeekdays: "2,4", longWeekdays: "6,7", studyMinutes: 30 });
    // No long day at all is a valid choice.
    await post(cookie, week);
    expect((await learnerPreferences(user.id)).longWeekdays).toBe("");
  });

  it("adds and removes days off, refusing past and malformed dates", async () => {
    const { user, cookie } = await learner();
    const soon = shiftLabel(today(), 3);
    const later = shiftLabel(today(), 10);
    for (const day of [shiftLabel(today(), -1), "2026-02-30", "tomorrow", ""]) {
      const refused = await post(cookie, [
        ["intent", "add-day-off"],
        ["day", day],
      ]);
      expect(refused.status, day).toBe(400);
      expect((refused.body.fieldErrors as Record<string, string[]>).day[0]).toBeTruthy();
    }
    expect((await learnerPreferences(user.id)).daysOff).toBe("");
    for (const day of [later, soon, soon])
      expect(
        (
          await post(cookie, [
            ["intent", "add-day-off"],
            ["day", day],
          ])
        ).status,
      ).toBe(200);
    expect((await learnerPreferences(user.id)).daysOff).toBe(`${soon},${later}`);

    const removed = await post(cookie, [
      ["intent", "remove-day-off"],
      ["day", soon],
    ]);
    expect(removed.body).toMatchObject({ ok: true });
    expect((await learnerPreferences(user.id)).daysOff).toBe(later);
    expect((await post(cookie, [["intent", "explode"]])).status).toBe(400);

    // The page lists the upcoming day off and plans no session on it.
    await savePreferences(user.id, {
      studyWeekdays: "1,2,3,4,5,6,7",
      examDate: new Date(`${shiftLabel(today(), 30)}T00:00:00Z`),
    });
    const request = new Request("http://localhost/progress/plan", { headers: { Cookie: cookie.split(";")[0] } });
    const page = (await planRoute.loader({ request, params: {}, context: {} } as LoaderFunctionArgs)) as Awaited<
      ReturnType<typeof planRoute.loader>
    >;
    expect(page.daysOff.map((d) => d.day)).toEqual([later]);
    expect(page.sessions.map((s) => s.day)).not.toContain(later);
    expect(page.sessions.map((s) => s.day)).toContain(shiftLabel(later, -1));
  });
});
