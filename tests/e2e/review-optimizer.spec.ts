import { expect, test } from "@playwright/test";
import { expectAccessible, register, uniqueEmail } from "./helpers.ts";

test("the schedule optimizer says how many more ratings it needs, and counts each rating", async ({ page }) => {
  await register(page, "Olga Optimizer", uniqueEmail("optimizer"));
  await page.goto("/review/settings");
  const section = page.getByRole("region", { name: "Optimize my schedule" });
  await expect(section).toContainText("You have 0 ratings.");
  await expect(section).toContainText("rate 1,000 more cards first");
  await expect(section.getByRole("button", { name: "Optimize my schedule" })).toHaveCount(0);
  await expectAccessible(page);

  await page.goto("/review/study?deck=FND");
  await page.getByRole("link", { name: "Show answer" }).click();
  await page.getByRole("button", { name: /^Good: next review in/ }).click();
  await expect(page.getByText(/1 done today/)).toBeVisible();

  await page.goto("/review/settings");
  await expect(section).toContainText("You have 1 rating.");
  await expect(section).toContainText("rate 999 more cards first");
});
