import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./helpers.ts";

async function expectFeaturesAndPreviews(page: Page) {
  await page.goto("/");
  await expect(
    page.getByRole("heading", { level: 1, name: "Prepare for the CMAA exam, one evening at a time" }),
  ).toBeVisible();
  await expect(page.getByText(/free, open-source study companion/)).toBeVisible();
  const features = page.getByRole("region", { name: "What you can do here" });
  for (const name of [
    "Mock exams like the real one",
    "Spaced repetition that remembers for you",
    "Progress and readiness per domain",
    "Classes for instructors",
  ])
    await expect(features.getByRole("heading", { level: 3, name })).toBeVisible();

  // A real bank question with its four options, and no key or rationale.
  const question = page.getByRole("figure", { name: "Preview: a question from the bank" });
  await expect(question.getByRole("list", { name: "Answer options" }).getByRole("listitem")).toHaveCount(4);
  await expect(question).not.toContainText("Correct");
  // A real review card: the answer shows when asked, then the four ratings.
  const card = page.getByRole("figure", { name: "Preview: a review card" });
  await expect(card.getByRole("list", { name: "Ratings" })).toBeHidden();
  await card.getByText("Show answer").click();
  await expect(card.getByRole("list", { name: "Ratings" }).getByRole("listitem")).toHaveText([
    "Again",
    "Hard",
    "Good",
    "Easy",
  ]);
}

test("a visitor sees what Charted does, with live previews, in light and dark themes", async ({ page }) => {
  await expectFeaturesAndPreviews(page);
  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: "dark" });
  await expectAccessible(page);
  await page.getByRole("link", { name: "Create a free account" }).first().click();
  await expect(page).toHaveURL(/\/register$/);
  await page.goBack();
  await page.getByRole("link", { name: "Start with the lessons" }).first().click();
  await expect(page).toHaveURL(/\/learn$/);
});

test("the landing page keeps the notice after an account was deleted", async ({ page }) => {
  await page.goto("/?deleted=account");
  await expect(page.getByRole("status")).toContainText("Your account has been deleted");
});

test("the landing page fits a phone without sideways scrolling @phone", async ({ page }) => {
  await expectFeaturesAndPreviews(page);
  await expectAccessible(page);
  for (const width of [360, 320]) {
    await page.setViewportSize({ width, height: 740 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `sideways scroll at ${width} px`).toBeLessThanOrEqual(0);
  }
});
