import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectAccessible, register, uniqueEmail } from "./helpers.ts";

// Phone-first exam and review: the controls a learner needs at every moment (the timer, Next,
// Show answer, the ratings) sit in a bar fixed at the bottom of the screen, inside the viewport
// without scrolling, and the site header gives way to a one-line bar. Run by the `phone`
// project (Pixel 7) at two common phone sizes; the last test runs on the desktop project.

const option = (page: Page, letter: string) => page.getByRole("radio", { name: new RegExp(`^${letter}\\.`) });

/** The whole of `target` is on screen, as the page is now (no scrolling first). */
async function expectOnScreen(page: Page, target: Locator) {
  await expect(target).toBeVisible();
  const box = await target.boundingBox();
  const viewport = page.viewportSize()!;
  expect(box, "has a box").not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width + 0.5);
  expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height + 0.5);
}

async function expectNoSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

async function startPractice(page: Page, minutes: number | null, count = 5) {
  await page.goto("/practice");
  await page.getByLabel("Medical Law, Ethics, and Compliance").check();
  await page.getByLabel("Number of questions (5–135)").fill(String(count));
  await page.getByLabel(/^Exam mode/).check();
  if (minutes) {
    await page.getByLabel("Timed", { exact: true }).check();
    await page.getByLabel("Time limit in minutes (optional)").fill(String(minutes));
  }
  await page.getByRole("button", { name: "Start practice" }).click();
  await expect(page.getByText(`Question 1 of ${count}`)).toBeVisible();
}

const bar = (page: Page) => page.getByRole("region", { name: "Exam controls" });

for (const size of [
  { width: 360, height: 740 },
  { width: 390, height: 844 },
]) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test(`the exam's timer and moves stay on screen, and the bar answers and navigates @phone`, async ({ page }) => {
      test.setTimeout(90_000);
      await register(page, "Pia Phone", uniqueEmail(`phone-exam-${size.width}`));
      await startPractice(page, 30);

      // Focus mode: no site navigation, a one-line header with the way out.
      await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
      await expectOnScreen(page, page.getByRole("link", { name: "Save and exit" }));

      await expectOnScreen(page, bar(page).getByRole("timer"));
      await expect(bar(page).getByRole("timer")).toHaveText(/^(30:00|29:5\d)$/);
      await expectOnScreen(page, bar(page).getByRole("button", { name: "Next" }));
      await expectOnScreen(page, bar(page).getByRole("button", { name: "Flag for review" }));
      await expectOnScreen(page, bar(page).getByText("All questions"));
      await expect(bar(page).getByRole("button", { name: "Previous" })).toBeDisabled();

      // Options are full-width targets of at least 44 px.
      const card = await page.locator("form.card").boundingBox();
      for (const letter of ["A", "B", "C", "D"]) {
        const box = (await page.locator("label", { has: option(page, letter) }).boundingBox())!;
        expect(box.height).toBeGreaterThanOrEqual(44);
        expect(box.width).toBeGreaterThanOrEqual(card!.width - 50);
      }

      // Scrolled to the very end, the bar still shows and covers nothing: the last line of the
      // page ends above it.
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await expectOnScreen(page, bar(page).getByRole("button", { name: "Next" }));
      const barTop = (await bar(page).boundingBox())!.y;
      const footer = (await page.getByRole("contentinfo").boundingBox())!;
      expect(footer.y + footer.height).toBeLessThanOrEqual(barTop);
      await page.evaluate(() => window.scrollTo(0, 0));

      // Answer, move on, flag, go back by the navigator.
      await option(page, "B").tap();
      await expect(page.getByText("Answer saved.")).toBeVisible();
      await bar(page).getByRole("button", { name: "Next" }).tap();
      await expect(page.getByText("Question 2 of 5")).toBeVisible();
      await expectOnScreen(page, bar(page).getByRole("timer"));
      await bar(page).getByRole("button", { name: "Flag for review" }).tap();
      await expect(bar(page).getByRole("button", { name: "Flagged for review" })).toHaveAttribute(
        "aria-pressed",
        "true",
      );
      await option(page, "C").tap();
      await expect(page.getByText("Answer saved.")).toBeVisible();
      await bar(page).getByRole("button", { name: "Previous" }).tap();
      await expect(page.getByText("Question 1 of 5")).toBeVisible();
      await expect(option(page, "B")).toBeChecked();

      await bar(page).getByText("All questions").tap();
      await expectAccessible(page);
      const grid = bar(page).getByRole("navigation", { name: "Questions" });
      await expect(grid).toContainText("2 of 5 answered · 1 flagged");
      await expectOnScreen(page, grid.getByRole("link", { name: "Question 5, not answered" }));
      await grid.getByRole("link", { name: "Question 5, not answered" }).tap();
      await expect(page.getByText("Question 5 of 5")).toBeVisible();
      // The grid closed on the move, and the last question's button goes to the check.
      await expect(grid).toBeHidden();
      const review = bar(page).getByRole("button", { name: "Review and submit" });
      await expectOnScreen(page, review);
      await review.tap();
      await expect(page.getByRole("heading", { name: "Unanswered (3)" })).toBeVisible();
      await expect(page.getByRole("heading", { name: "Flagged for review (1)" })).toBeVisible();
      await expectOnScreen(page, page.getByRole("timer"));
      await expectNoSidewaysScroll(page);
      await expectAccessible(page);
    });

    test(`Show answer and the four ratings stay within thumb reach @phone`, async ({ page }) => {
      test.setTimeout(90_000);
      await register(page, "Rae Phone", uniqueEmail(`phone-review-${size.width}`));
      await page.goto("/review/study?deck=LAW");
      await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
      await expectOnScreen(page, page.getByRole("link", { name: "Exit review" }));
      const show = page.getByRole("link", { name: "Show answer" });
      await expectOnScreen(page, show);
      await expectAccessible(page);
      await show.tap();
      const ratings = ["Again", "Hard", "Good", "Easy"].map((label) =>
        page.getByRole("button", { name: new RegExp(`^${label}: next review in`) }),
      );
      for (const rating of ratings) await expectOnScreen(page, rating);
      // However long the answer, the ratings stay put when the page scrolls.
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      for (const rating of ratings) await expectOnScreen(page, rating);
      await expectNoSidewaysScroll(page);
      await expectAccessible(page);
      await ratings[2].tap();
      await expect(page.getByText("1 done today")).toBeVisible();
      await expectOnScreen(page, page.getByRole("link", { name: "Show answer" }));
    });
  });
}

test.describe("keyboard and no JavaScript", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("keyboard order runs from the options through the bar, left to right @phone", async ({ page }) => {
    test.setTimeout(90_000);
    await register(page, "Kit Keys", uniqueEmail("phone-keys"));
    await startPractice(page, 30);
    await bar(page).getByRole("button", { name: "Next" }).click();
    await expect(page.getByText("Question 2 of 5")).toBeVisible();
    await option(page, "A").focus();
    for (const name of ["Previous", "Flag for review"]) {
      await page.keyboard.press("Tab");
      await expect(bar(page).getByRole("button", { name })).toBeFocused();
    }
    await page.keyboard.press("Tab");
    await expect(bar(page).locator("summary")).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(bar(page).getByRole("button", { name: "Next" })).toBeFocused();
    // The shortcuts still work: 2 answers B.
    await page.keyboard.press("2");
    await expect(option(page, "B")).toBeChecked();
    await expect(page.getByText("Answer saved.")).toBeVisible();
    // Space shows a review card's answer, 3 rates it Good.
    await page.goto("/review/study?deck=LAW");
    await page.getByRole("link", { name: "Show answer" }).click();
    await expect(page.getByRole("button", { name: /^Good: next review in/ })).toBeVisible();
    await page.keyboard.press("3");
    await expect(page.getByText("1 done today")).toBeVisible();
    await page.keyboard.press(" ");
    await expect(page.getByRole("button", { name: /^Good: next review in/ })).toBeVisible();
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });
    test("the bar's buttons and the question grid are plain forms and links @phone", async ({ page }) => {
      await register(page, "Noa Nojs", uniqueEmail("phone-nojs"));
      await startPractice(page, 30);
      await expectOnScreen(page, bar(page).getByRole("timer"));
      await option(page, "D").check();
      await bar(page).getByRole("button", { name: "Next" }).click();
      await expect(page.getByText("Question 2 of 5")).toBeVisible();
      await bar(page).getByRole("button", { name: "Flag for review" }).click();
      await expect(bar(page).getByRole("button", { name: "Flagged for review" })).toBeVisible();
      await bar(page).locator("summary").click();
      await bar(page).getByRole("link", { name: "Question 1, answered" }).click();
      await expect(page.getByText("Question 1 of 5")).toBeVisible();
      await expect(option(page, "D")).toBeChecked();
    });
  });
});

test("on a desktop, the timer, Next and the ratings are on screen without scrolling", async ({ page }) => {
  test.setTimeout(90_000);
  await register(page, "Dee Desk", uniqueEmail("desk-bar"));
  await startPractice(page, 30);
  await expectOnScreen(page, page.getByRole("timer"));
  await expectOnScreen(page, page.getByRole("button", { name: "Next" }));
  // Wide screens show the question grid beside the question; the bar's toggle is for phones.
  await expect(page.getByRole("navigation", { name: "Questions" })).toBeVisible();
  await expect(bar(page).locator("summary")).toBeHidden();
  await page.goto("/review/study?deck=LAW");
  await expectOnScreen(page, page.getByRole("link", { name: "Show answer" }));
  await page.getByRole("link", { name: "Show answer" }).click();
  for (const label of ["Again", "Hard", "Good", "Easy"])
    await expectOnScreen(page, page.getByRole("button", { name: new RegExp(`^${label}: next review in`) }));
  await expectAccessible(page);
});
