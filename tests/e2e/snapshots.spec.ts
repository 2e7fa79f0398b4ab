// Visual snapshots of the pages a learner sees most (issue 19): Today, an exam question, a review
// card and the progress page, at a phone and a desktop size, so a later change shows its effect
// as a picture diff. Update them on purpose with `npx playwright test snapshots --update-snapshots`.
//
// What differs from run to run keeps its box but not its ink: the date line and the timer are
// masked, and the questions (drawn at random) are blanked to a fixed height by snapshot.css, so
// the picture compares layout, type, colour and the bars, not which question came up.
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { register, uniqueEmail } from "./helpers.ts";

const SIZES = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1280, height: 800 },
] as const;
const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const stylePath = path.resolve("tests/e2e/snapshot.css");

async function shoot(page: Page, name: string, mask: ReturnType<Page["locator"]>[] = []) {
  await page.evaluate(() => document.fonts.ready);
  await expect(page).toHaveScreenshot(name, {
    animations: "disabled",
    caret: "hide",
    mask,
    stylePath,
    maxDiffPixelRatio: 0.01,
  });
}

test.describe.configure({ mode: "serial" });
test.use({ colorScheme: "light", locale: "en-US", timezoneId: "UTC" });

test("snapshots of Today, an exam question, a review card and progress at phone and desktop sizes", async ({
  page,
}) => {
  test.slow();
  // A new learner who studies every day for an hour: the same Today whatever the weekday.
  await register(page, "Sam Snapshot", uniqueEmail("snap"));
  await page.goto("/progress/plan");
  const studyDays = page.getByRole("group", { name: "Days you can study" });
  for (const day of DAYS) await studyDays.getByLabel(day).check();
  await page.getByLabel("Minutes per session (10–240)").fill("60");
  await page.getByRole("button", { name: "Save and rebuild my plan" }).click();
  await expect(page.getByText("Plan updated.")).toBeVisible();

  for (const size of SIZES) {
    await page.setViewportSize(size);

    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Today" })).toBeVisible();
    await shoot(page, `today-${size.name}.png`, [page.getByText(/· Hello,/)]);

    await page.goto("/progress");
    await expect(page.getByRole("heading", { name: "Each domain at a glance" })).toBeVisible();
    await shoot(page, `progress-${size.name}.png`, [page.locator(".recharts-wrapper"), page.locator("table")]);

    await page.goto("/review/study?deck=FND");
    await expect(page.getByRole("link", { name: "Show answer" })).toBeVisible();
    await shoot(page, `review-card-${size.name}.png`);
  }

  await page.goto("/practice");
  await page.getByLabel("Medical Law, Ethics, and Compliance").check();
  await page.getByLabel("Number of questions (5–135)").fill("5");
  await page.getByLabel(/^Exam mode/).check();
  await page.getByLabel("Timed", { exact: true }).check();
  await page.getByLabel("Time limit in minutes (optional)").fill("30");
  await page.getByRole("button", { name: "Start practice" }).click();
  await expect(page.getByText(/Question 1 of 5$/)).toBeVisible();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.reload();
    await expect(page.getByRole("timer")).toBeVisible();
    await shoot(page, `exam-question-${size.name}.png`, [page.getByRole("timer")]);
  }
});
