import { expect, test } from "@playwright/test";
import { DEMO, expectAccessible, logIn, register, uniqueEmail } from "./helpers.ts";

test("review five cards by keyboard, undo one, and see the forecast", async ({ page }) => {
  await register(page, "Rey Viewer", uniqueEmail("review"));
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Review" }).click();
  await page.getByRole("link", { name: "Study Medical Law, Ethics, and Compliance" }).click();
  await expect(page.getByText("0 done today")).toBeVisible();

  for (let i = 1; i <= 5; i++) {
    const front = await page.locator("#card-front").textContent();
    await page.keyboard.press(" ");
    await expect(page.getByRole("button", { name: /^Good: next review in/ })).toBeVisible();
    await page.keyboard.press(i === 5 ? "1" : "3");
    await expect(page.getByText(`${i} done today`)).toBeVisible();
    if (i < 5) await expect(page.locator("#card-front")).not.toHaveText(front!);
  }

  await page.keyboard.press("u");
  await expect(page.getByRole("status")).toHaveText("Your last rating was undone.");
  await expect(page.getByText("4 done today")).toBeVisible();

  await page.goto("/review/stats");
  await expect(page.getByRole("heading", { name: "Reviews due, next 30 days" })).toBeVisible();
  await expect(page.getByRole("row", { name: /^Today/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /^Learning \d+/ })).toBeVisible();
  await expectAccessible(page);
});

test("the review pages have no serious accessibility violations and validate settings", async ({ page }) => {
  await register(page, "Axel Review", uniqueEmail("review-axe"));
  await page.goto("/review");
  await expectAccessible(page);
  await page.goto("/review/study?deck=FND");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Show answer" }).click();
  await expectAccessible(page);
  await page.goto("/review/settings");
  await page.getByLabel("Desired retention (0.70–0.99)").fill("1");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText(/Choose at most 0.99/)).toBeVisible();
  await expectAccessible(page);
  await page.goto("/review/new");
  await page.getByRole("button", { name: "Add card" }).click();
  await expect(page.getByText("Choose the exam domain this card belongs to.")).toBeVisible();
  await page.getByLabel("Deck (exam domain)").selectOption("BIL");
  await page.getByLabel("Front (the question or prompt)").fill("What does ERA stand for?");
  await page.getByLabel("Back (the answer)").fill("Electronic remittance advice");
  await page.getByRole("button", { name: "Add card" }).click();
  await expect(page.getByRole("status")).toContainText("Card added");
  await page.goto("/review/cards?q=ERA");
  await expect(page.getByText("What does ERA stand for?")).toBeVisible();
  await expectAccessible(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("show the answer and rate with plain links and forms", async ({ page }) => {
    await logIn(page, DEMO.student, DEMO.password);
    await page.goto("/review/study?deck=ADM");
    await page.getByRole("link", { name: "Show answer" }).click();
    await page.getByRole("button", { name: /^Easy: next review in/ }).click();
    await expect(page.getByText(/^[1-9]\d* done today/)).toBeVisible();
  });
});
