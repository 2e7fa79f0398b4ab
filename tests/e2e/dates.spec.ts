import { expect, test, type Page } from "@playwright/test";
import { DEMO, logIn, register, uniqueEmail, watchHydration } from "./helpers.ts";

// Dates in the reader's locale (the browser's Accept-Language, which Playwright sets from
// `locale`) and time zone, the same on the server's page and the hydrated one.
const ISO_DAY = /\b\d{4}-\d{2}-\d{2}\b/;
const GB_MONTH = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
const GB_DATE = new RegExp(`\\b\\d{1,2} ${GB_MONTH} \\d{4}\\b`); // "6 Dec 2026"
const US_DATE = new RegExp(`\\b${GB_MONTH} \\d{1,2}, \\d{4}\\b`); // "Dec 6, 2026"

/**
 * A full page load (the server renders, then React hydrates) with no hydration warning, then the
 * main content's text.
 */
async function mainText(page: Page, hydration: string[], path: string, heading: string) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(hydration, `hydration warnings on ${path}`).toEqual([]);
  return page.locator("main").innerText();
}

test.describe("in British English, in New York", () => {
  test.use({ locale: "en-GB", timezoneId: "America/New_York" });

  test("the plan, the exam forecast and progress show 6 Dec 2026-style dates and no ISO dates", async ({ page }) => {
    const hydration = watchHydration(page);
    await logIn(page, DEMO.student, DEMO.password);

    // The study plan: long day names the British way ("Tuesday 8 December"), the exam date too.
    const plan = await mainText(page, hydration, "/progress/plan", "Your study plan");
    expect(plan).not.toMatch(ISO_DAY);
    expect(plan).toMatch(
      new RegExp(`\\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \\d{1,2} [A-Z][a-z]+\\b`),
    );

    // The exam-day forecast on the review home.
    const review = await mainText(page, hydration, "/review", "Review");
    expect(review).not.toMatch(ISO_DAY);
    expect(review).toMatch(new RegExp(`On exam day \\(${GB_DATE.source}\\)`));
    expect(review).not.toMatch(US_DATE);

    // Progress: chart tables and the next session, day before month ("25 Nov").
    const progress = await mainText(page, hydration, "/progress", "Your progress");
    expect(progress).not.toMatch(ISO_DAY);
    expect(progress).toMatch(new RegExp(`Exam date: \\d{1,2} ${GB_MONTH}\\.`));
    const minutes = page.locator('figure[data-chart="minutes"]');
    await minutes.getByText("Show minutes studied as a table").click();
    await expect(minutes.getByRole("row").nth(1)).toHaveText(new RegExp(`^\\d{1,2} ${GB_MONTH}`));
    // The calendar's weekday axis is drawn in the browser, after hydration, in the same locale.
    await expect(page.locator('figure[data-chart="calendar"] svg.recharts-surface').first()).toBeVisible();

    // Review statistics: forecast days and weeks.
    const stats = await mainText(page, hydration, "/review/stats", "Review statistics");
    expect(stats).not.toMatch(ISO_DAY);
    expect(stats).toMatch(GB_DATE);
  });
});

test.describe("in German, in Pago Pago", () => {
  test.use({ locale: "de-DE", timezoneId: "Pacific/Pago_Pago" });

  test("a new learner's times are in the zone the browser gave at registration, in the browser's locale", async ({
    page,
  }) => {
    const hydration = watchHydration(page);
    await register(page, "Greta Zeit", uniqueEmail("dates"));
    const account = await mainText(page, hydration, "/account", "Account settings");
    // This device was last seen just now: today in Pago Pago (UTC−11), written the German way.
    const today = new Intl.DateTimeFormat("de-DE", { dateStyle: "medium", timeZone: "Pacific/Pago_Pago" }).format(
      new Date(),
    );
    expect(today).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    expect(account).toContain(today);
    expect(account).not.toMatch(ISO_DAY);
  });
});
