import { expect, test } from "@playwright/test";
import { expectAccessible, register, uniqueEmail } from "./helpers.ts";

test("after the answer a card shows its difficulty, stability and recall; Browse cards sorts and filters by them", async ({
  page,
}) => {
  await register(page, "Mem Ory", uniqueEmail("memory"));
  // One new card a day, so the card rated Again comes straight back as a learning card.
  await page.goto("/review/settings");
  await page.getByLabel("New cards per day").fill("1");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").first()).toBeVisible();

  await page.goto("/review/study?deck=FND");
  const front = await page.locator("#card-front").textContent();
  await page.getByRole("link", { name: "Show answer" }).click();
  const memory = page.getByRole("region", { name: "Your memory of this card" });
  await expect(memory).toContainText("New card: your first rating gives it a memory estimate.");
  // First use: the explanation is open, with a button to keep it short from now on.
  await expect(memory).toContainText("Stability");
  await expect(memory).toContainText("the chance of recalling it has fallen to 90%");
  await expectAccessible(page);
  await memory.getByRole("button", { name: "Got it, keep this short" }).click();
  await expect(page.getByText("What do these mean?")).toBeVisible();
  await expect(page.locator("#card-front")).toHaveText(front!);

  await page.getByRole("button", { name: /^Again: next review in/ }).click();
  await expect(page.getByText("1 done today")).toBeVisible();
  await expect(page.locator("#card-front")).toHaveText(front!);
  await page.getByRole("link", { name: "Show answer" }).click();
  await expect(memory.getByRole("definition")).toHaveCount(3);
  await expect(memory).toContainText(/Difficulty\s*\d+\.\d \/ 10/);
  await expect(memory).toContainText(/Recall now\s*\d+%/);
  await expect(page.getByText("the chance of recalling it has fallen to 90%")).toBeHidden();
  await page.getByText("What do these mean?").click();
  await expect(page.getByText("the chance of recalling it has fallen to 90%")).toBeVisible();
  await page.getByRole("button", { name: /^Easy: next review in/ }).click();
  await expect(page.getByText("2 done today")).toBeVisible();

  await page.goto("/review/cards");
  const table = page.getByRole("table", { name: "Your cards" });
  await expect(table.getByRole("row")).toHaveCount(2);
  const row = table.getByRole("row").nth(1);
  await expect(row).toContainText(front!.trim());
  await expect(row.getByRole("cell").nth(0)).toHaveText(/^\d+\.\d \/ 10$/);
  await expect(row.getByRole("cell").nth(1)).toHaveText(/days|h$/);
  await expect(row.getByRole("cell").nth(2)).toHaveText(/^\d+%$/);

  await table.getByRole("link", { name: "Sort by recall now, lowest first" }).click();
  await expect(page).toHaveURL(/sort=recall/);
  await expect(page.getByRole("columnheader", { name: /recall now/i })).toHaveAttribute("aria-sort", "ascending");
  await expectAccessible(page);

  // Just reviewed: recall is near 100%, so "below 50%" finds nothing and "any" finds it again.
  await page.getByLabel("Recall below").selectOption("50");
  await page.getByRole("button", { name: "Show cards" }).click();
  await expect(page.getByText("0 cards")).toBeVisible();
  await expect(page).toHaveURL(/recall=50/);
  await expect(page).toHaveURL(/sort=recall/);
  await page.getByLabel("Recall below").selectOption("");
  await page.getByRole("button", { name: "Show cards" }).click();
  await expect(page.getByText(/^1 card/)).toBeVisible();
});
