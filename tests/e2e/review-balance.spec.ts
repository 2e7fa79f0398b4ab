import { expect, test } from "@playwright/test";
import { expectAccessible, register, uniqueEmail } from "./helpers.ts";

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("light days and load balancing save from their own form", async ({ page }) => {
    await register(page, "Lena Light", uniqueEmail("balance"));
    await page.goto("/review/settings");
    const section = page.getByRole("region", { name: "Spread your reviews" });
    await expect(section.getByLabel("Spread reviews evenly (load balancing)")).toBeChecked();
    for (const day of ["Saturday", "Sunday"]) await expect(section.getByLabel(day)).not.toBeChecked();

    // Bad input: every day light. Nothing is saved and the form says why.
    for (const day of ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])
      await section.getByLabel(day).check();
    await section.getByRole("button", { name: "Save review spreading" }).click();
    await expect(section.getByText("Leave at least one day of the week that is not light.").first()).toBeVisible();
    await page.goto("/review/settings");
    await expect(section.getByLabel("Monday")).not.toBeChecked();

    await section.getByLabel("Saturday").check();
    await section.getByLabel("Sunday").check();
    await section.getByLabel("Spread reviews evenly (load balancing)").uncheck();
    await section.getByRole("button", { name: "Save review spreading" }).click();
    await expect(section.getByRole("status")).toHaveText("Review spreading saved.");

    await page.goto("/review/settings");
    await expect(section.getByLabel("Saturday")).toBeChecked();
    await expect(section.getByLabel("Sunday")).toBeChecked();
    await expect(section.getByLabel("Monday")).not.toBeChecked();
    await expect(section.getByLabel("Spread reviews evenly (load balancing)")).not.toBeChecked();
    // The other settings form is untouched by this one.
    await expect(page.getByLabel("Desired retention (0.70–0.99)")).toHaveValue("0.9");
  });
});

test("with an exam date, the review page predicts recall on exam day", async ({ page }) => {
  await register(page, "Ezra Exam", uniqueEmail("exam-forecast"));
  await page.goto("/review/settings");
  await expect(page.getByRole("region", { name: "Spread your reviews" })).toBeVisible();
  await expectAccessible(page);
  await page.goto("/review");
  await expect(page.getByText(/predicted to recall/)).toHaveCount(0);

  await page.goto("/progress/plan");
  const exam = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("Exam date").fill(exam);
  await page.getByRole("button", { name: "Save and rebuild my plan" }).click();
  await expect(page.getByText("Plan updated.")).toBeVisible();

  await page.goto("/review");
  await expect(page.getByText(/^Your exam is on .+ Once you have studied some cards/)).toBeVisible();

  await page.goto("/review/study?deck=LAW");
  await page.getByRole("link", { name: "Show answer" }).click();
  await page.getByRole("button", { name: /^Good: next review in/ }).click();
  await expect(page.getByText(/1 done today/)).toBeVisible();

  await page.goto("/review");
  const forecast = page.getByTestId("exam-forecast");
  await expect(forecast).toHaveText(
    /^On exam day \(\w{3} \d{1,2}, \d{4}\) you are predicted to recall \d{1,3}% of your 1 card\. Reviewing today's 1 due card (raises it to|keeps it at) about \d{1,3}%\.$/,
  );
  await expectAccessible(page);
});
