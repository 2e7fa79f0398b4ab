import { expect, test } from "@playwright/test";
import { DEMO, expectAccessible, logIn, register, uniqueEmail } from "./helpers.ts";

const CHARTS = [
  { id: "mastery", title: "Mastery by domain" },
  { id: "scores", title: "Mock exam scores" },
  { id: "forecast", title: "Review forecast" },
  { id: "minutes", title: "Minutes studied" },
  { id: "calendar", title: "Activity calendar" },
];

test("the dashboard shows every chart with its table, readiness and the weakest areas", async ({ page }) => {
  await logIn(page, DEMO.student, DEMO.password);
  await expect(page.getByRole("link", { name: "Progress" }).first()).toHaveAttribute("href", "/progress");
  // A full page load, as from a bookmark: the server sends the page, then the charts draw.
  await page.goto("/progress");
  await expect(page.getByRole("heading", { level: 1, name: "Your progress" })).toBeVisible();
  // The seeded learner has two full mocks and six weeks of answers: an estimate with a range.
  await expect(page.getByRole("heading", { name: "Chance of passing" })).toBeVisible();
  await expect(page.getByText(/^Likely between \d+% and \d+%/)).toBeVisible();
  for (const chart of CHARTS)
    await expect(page.locator(`figure[data-chart="${chart.id}"] svg.recharts-surface`).first()).toBeVisible();
  // Charts draw after hydration into boxes the server already sized: nothing on the page moved.
  const shift = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list) =>
          resolve(
            list.getEntries().reduce((n, e) => {
              const shift = e as PerformanceEntry & { value: number; hadRecentInput: boolean };
              return n + (shift.hadRecentInput ? 0 : shift.value);
            }, 0),
          ),
        ).observe({ type: "layout-shift", buffered: true });
        setTimeout(() => resolve(0), 500);
      }),
  );
  expect(shift).toBeLessThan(0.01);
  for (const chart of CHARTS) {
    const figure = page.locator(`figure[data-chart="${chart.id}"]`);
    await expect(figure.getByRole("heading", { name: chart.title })).toBeVisible();
    // Drawn after hydration, in the box the server reserved.
    await expect(figure.locator("svg.recharts-surface").first()).toBeVisible();
    await figure.getByText(`Show ${chart.title.toLowerCase()} as a table`).click();
    const table = figure.getByRole("table");
    await expect(table).toBeVisible();
    expect(await table.getByRole("row").count()).toBeGreaterThan(1);
  }
  await expect(page.locator('figure[data-chart="scores"]').getByRole("row")).toHaveCount(3); // header + two mocks
  await expectAccessible(page);
  // "Practise these" starts a quiz on that knowledge area in one click.
  await page
    .getByRole("button", { name: /^Practise / })
    .first()
    .click();
  await expect(page.getByText(/Question 1 of (10|[5-9])\b/)).toBeVisible();
  // The combined link opens the form with the three areas chosen.
  await page.goto("/progress");
  await page.getByRole("link", { name: /^Practise all three together/ }).click();
  await expect(page.getByText("Questions only from these knowledge areas:")).toBeVisible();
  await page.getByRole("button", { name: "Start practice" }).click();
  await expect(page.getByText(/Question 1 of \d+/)).toBeVisible();
});

test("a new learner sets an exam date, gets a plan and a calendar file", async ({ page }) => {
  await register(page, "Eve Ning", uniqueEmail("plan"));
  await page.goto("/progress");
  await expect(page.getByText("Not enough data yet")).toBeVisible();
  await expect(page.getByRole("link", { name: "Take a full mock" })).toBeVisible();
  await page.getByRole("link", { name: "Your study plan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your study plan" })).toBeVisible();
  // Bad input: no study days. Nothing is saved and the form says why.
  const studyDays = page.getByRole("group", { name: "Days you can study" });
  for (const day of ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]) await studyDays.getByLabel(day).uncheck();
  await page.getByRole("button", { name: "Save and rebuild my plan" }).click();
  await expect(page.getByText("Choose at least one study day.")).toBeVisible();
  const exam = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("Exam date").fill(exam);
  for (const day of ["Tuesday", "Thursday", "Saturday"]) await studyDays.getByLabel(day).check();
  await page.getByLabel("Minutes per session (10–240)").fill("60");
  await page.getByRole("button", { name: "Save and rebuild my plan" }).click();
  await expect(page.getByText("Plan updated.")).toBeVisible();
  await expect(page.getByRole("heading", { name: /days? to your exam/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Read: / }).first()).toBeVisible();
  // No long day marked: the full mocks are proposed as blocks of their own, not squeezed in.
  await expect(
    page.getByRole("heading", { name: "Full mock: set aside 2 h 15 min — pick a day" }).first(),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: /^Full mock exam/ })).toHaveCount(0);
  await expectAccessible(page);
  const response = await page.request.get("/progress/plan.ics");
  expect(response.headers()["content-type"]).toContain("text/calendar");
  const body = await response.text();
  expect(body).toMatch(/^BEGIN:VCALENDAR/);
  expect(body.match(/BEGIN:VEVENT/g)!.length).toBeGreaterThanOrEqual(6);
});

/** A day label `days` from now (UTC), and its ISO weekday. */
function dayFromNow(days: number) {
  const date = new Date(Date.now() + days * 86_400_000);
  return { label: date.toISOString().slice(0, 10), weekday: ((date.getUTCDay() + 6) % 7) + 1 };
}

test("a long day gets the full mock and a day off gets no session, with or without JavaScript", async ({
  page,
  browser,
}) => {
  await register(page, "Lee Ong", uniqueEmail("long-day"));
  await page.goto("/progress/plan");
  await page.getByLabel("Exam date").fill(dayFromNow(20).label);
  await page.getByLabel("Minutes per session (10–240)").fill("30");
  await page.getByRole("group", { name: "Days with time for a full mock" }).getByLabel("Saturday").check();
  await page.getByRole("button", { name: "Save and rebuild my plan" }).click();
  await expect(page.getByText("Plan updated.")).toBeVisible();
  // A weekday three to six days ahead (weekdays are the default study days) as a day off.
  const off = [3, 4, 5, 6].map(dayFromNow).find((d) => d.weekday <= 5)!;
  await page.getByLabel("Day off", { exact: true }).fill(off.label);
  await page.getByRole("button", { name: "Add day off" }).click();
  await expect(page.getByText(/^Day off added: /)).toBeVisible();
  await expect(page.getByRole("list", { name: "Upcoming days off" }).getByRole("listitem")).toHaveCount(1);
  const sessions = page.getByRole("list", { name: "Sessions" });
  await expect(sessions.locator(`[data-day="${off.label}"]`)).toHaveCount(0);
  // Another weekday in the same stretch still has its session (the day off's neighbour, whatever
  // weekday the test runs on: on a Tuesday the day off is the Friday three days ahead).
  const studied = [1, 2, 3, 4, 5, 6].map(dayFromNow).find((d) => d.weekday <= 5 && d.label !== off.label)!;
  await expect(sessions.locator(`[data-day="${studied.label}"]`).first()).toBeAttached();
  // The mock sits on a Saturday, in a session of its own length; every other session fits 30 minutes.
  const mock = sessions.getByRole("listitem").filter({ has: page.getByRole("link", { name: /^Full mock exam/ }) });
  await expect(mock.first().getByRole("heading")).toHaveText(/^Saturday, .* · about 135 min · your long day$/);
  for (const heading of await sessions.getByRole("heading").allTextContents())
    if (!heading.includes("your long day")) expect(Number(/about (\d+) min/.exec(heading)![1])).toBeLessThanOrEqual(30);
  await expect(page.getByText(/^Lessons go from the foundations to the applied domains/)).toBeVisible();
  await expect(sessions.getByRole("link", { name: /^Read: / }).first()).toHaveText(/Medical word building/);
  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: "dark" });
  await expectAccessible(page);

  // Without JavaScript the same forms work: add another day off, then remove it.
  const noJs = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
  });
  const plain = await noJs.newPage();
  await plain.goto("/progress/plan");
  const another = dayFromNow(8);
  await plain.getByLabel("Day off", { exact: true }).fill(another.label);
  await plain.getByRole("button", { name: "Add day off" }).click();
  await expect(plain.getByText(/^Day off added: /)).toBeVisible();
  const list = plain.getByRole("list", { name: "Upcoming days off" });
  await expect(list.getByRole("listitem")).toHaveCount(2);
  await expect(plain.getByRole("list", { name: "Sessions" }).locator(`[data-day="${another.label}"]`)).toHaveCount(0);
  // A past date is refused with a message, and nothing changes.
  await plain.getByLabel("Day off", { exact: true }).fill(dayFromNow(-3).label);
  await plain.getByRole("button", { name: "Add day off" }).click();
  await expect(plain.getByText("Choose today or a later date: past days cannot be taken off.")).toBeVisible();
  await expect(list.getByRole("listitem")).toHaveCount(2);
  await list
    .getByRole("listitem")
    .nth(1)
    .getByRole("button", { name: /^Remove/ })
    .click();
  await expect(plain.getByText(/^Day off removed: /)).toBeVisible();
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await noJs.close();
});

test("the dashboard fits a phone @phone", async ({ page }) => {
  await logIn(page, DEMO.student, DEMO.password);
  await page.goto("/progress");
  await expect(page.locator('figure[data-chart="calendar"] svg.recharts-surface').first()).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
