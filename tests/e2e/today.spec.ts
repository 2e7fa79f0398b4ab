import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, register, uniqueEmail } from "./helpers.ts";

const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** Every day a study day, so today has a session whatever day the test runs. */
async function studyEveryDay(page: Page) {
  await page.goto("/progress/plan");
  const studyDays = page.getByRole("group", { name: "Days you can study" });
  for (const day of DAYS) await studyDays.getByLabel(day).check();
  await page.getByLabel("Minutes per session (10–240)").fill("60");
  await page.getByRole("button", { name: "Save and rebuild my plan" }).click();
  await expect(page.getByText("Plan updated.")).toBeVisible();
}

test("Today shows reviews to start, the attempt to resume, the next lesson and ticks the plan", async ({ page }) => {
  test.slow(); // one journey through five pages and two accessibility scans
  await register(page, "Tod Ay", uniqueEmail("today"));
  await expect(page.getByText("Welcome back")).toHaveCount(0);
  await studyEveryDay(page);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Today" })).toBeVisible();

  // Reviews: new cards wait, with one Start button and the minutes they take.
  const reviews = page.getByRole("region", { name: "Reviews" });
  await expect(reviews.getByText(/new cards?: about \d+ minutes?\./)).toBeVisible();
  await expect(reviews.getByRole("link", { name: "Start" })).toHaveAttribute("href", "/review/study");

  // The plan for today, every item still to do; the next lesson is the plan's first.
  const plan = page.getByRole("region", { name: "Today's plan" });
  const lessonItem = plan
    .getByRole("listitem")
    .filter({ hasText: /Read: / })
    .first();
  await expect(lessonItem).toContainText("To do");
  const lessonLine = (await lessonItem.getByRole("link").textContent())!;
  const title = /^Read: (.*) \(\d+ min\)$/.exec(lessonLine)![1];
  const next = page.getByRole("region", { name: "Next lesson" });
  await expect(next.getByRole("link", { name: title })).toBeVisible();
  await expect(next.getByText(/about \d+ min to read/)).toBeVisible();
  await expectAccessible(page);

  // Read it: the plan keeps the item, now marked done in words.
  await next.getByRole("link", { name: "Read the lesson" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await page.getByRole("button", { name: "Mark complete" }).click();
  await expect(page.getByRole("button", { name: "Mark as not complete" })).toBeVisible();
  await page.goto("/");
  const doneItem = plan.getByRole("listitem").filter({ hasText: lessonLine });
  await expect(doneItem).toContainText("Done");
  await expect(page.getByRole("region", { name: "Next lesson" }).getByRole("link", { name: title })).toHaveCount(0);

  // An unfinished timed quiz waits under Resume with its time left.
  await page.goto("/practice");
  await page.getByLabel("Medical Law, Ethics, and Compliance").check();
  await page.getByLabel("Number of questions (5–135)").fill("5");
  await page.getByLabel(/^Exam mode/).check();
  await page.getByLabel("Timed", { exact: true }).check();
  await page.getByLabel("Time limit in minutes (optional)").fill("30");
  await page.getByRole("button", { name: "Start practice" }).click();
  await expect(page.getByText(/Question 1 of 5$/)).toBeVisible();
  await page.goto("/");
  const resume = page.getByRole("region", { name: "Pick up where you left off" });
  await expect(resume).toContainText(/Practice quiz in progress: 5 questions\. (30:00|29:\d\d) left on the clock\./);
  await resume.getByRole("link", { name: "Resume" }).click();
  await expect(page.getByText(/Question 1 of 5$/)).toBeVisible();

  // The weekly goal: a plain form.
  await page.goto("/");
  await page.getByLabel("Study days a week").selectOption("3");
  await page.getByRole("button", { name: "Save goal" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Weekly goal saved." })).toBeVisible();
  await expect(page.getByText(/^\d of 3 study days$/)).toBeVisible();

  // Dark theme keeps contrast too.
  await page.emulateMedia({ colorScheme: "dark" });
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Today" })).toBeVisible();
  await expectAccessible(page);
});

test("Today fits a phone @phone", async ({ page }) => {
  await register(page, "Pho Today", uniqueEmail("today-phone"));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectAccessible(page);
});
