import { expect, test } from "@playwright/test";
import { expectAccessible, register, uniqueEmail } from "./helpers.ts";

test("set retention to 0.99, read the workload estimate, use the suggested value and edit steps", async ({ page }) => {
  await register(page, "Wendy Workload", uniqueEmail("workload"));
  await page.goto("/review/settings");
  await page.getByLabel("Desired retention (0.70–0.99)").fill("0.99");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status")).toHaveText("Settings saved.");
  await expect(page.getByLabel("Desired retention (0.70–0.99)")).toHaveValue("0.99");

  // A new learner's estimate comes from the new cards at 20 a day, drawn once hydrated.
  const figure = page.getByRole("figure", { name: "Workload by desired retention" });
  await expect(figure).toContainText("At your 0.99");
  await expect(figure.locator("svg.recharts-surface")).toBeVisible();
  await figure.getByText("Show workload by desired retention as a table").click();
  const table = figure.getByRole("table");
  await expect(table.getByRole("row")).toHaveCount(31);
  await expect(table.getByRole("row", { name: /^0\.99 \(yours\)/ })).toBeVisible();
  await page.getByText("How this is estimated").click();
  await expect(page.getByText(/8 seconds a review, a typical pace/)).toBeVisible();
  await expectAccessible(page);

  const suggested = (await page.getByText(/^Suggested: 0\.\d\d$/).textContent())!.slice(-4);
  await page.getByRole("button", { name: `Use suggested (${suggested})` }).click();
  await expect(page.getByRole("status").first()).toHaveText(`Desired retention set to ${suggested}.`);
  await expect(page.getByLabel("Desired retention (0.70–0.99)")).toHaveValue(String(Number(suggested)));
  await expect(page.getByText("You are using the suggested value.")).toBeVisible();

  const steps = page.getByRole("region", { name: "Learning steps" });
  await expect(steps).toContainText("Now: learning 1m 10m, relearning 10m.");
  await steps.getByLabel("Learning steps", { exact: true }).fill("5s");
  await steps.getByRole("button", { name: "Save steps" }).click();
  await expect(steps.getByRole("alert")).toContainText("There is a problem");
  await expect(steps.getByText(/"5s" is not a step/).first()).toBeVisible();
  await steps.getByLabel("Learning steps", { exact: true }).fill("2m 20m");
  await steps.getByLabel("Relearning steps").fill("");
  await steps.getByRole("button", { name: "Save steps" }).click();
  await expect(steps.getByRole("status")).toHaveText("Steps saved.");
  await expect(steps).toContainText("Now: learning 2m 20m, relearning none.");
  await steps.getByRole("button", { name: "Suggest steps from my reviews" }).click();
  await expect(steps.getByRole("alert")).toContainText("Suggesting steps needs at least 100 ratings; you have 0.");
  await expectAccessible(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the estimate is a table and the suggested retention is one submit away", async ({ page }) => {
    await register(page, "Nora NoScript", uniqueEmail("workload-nojs"));
    await page.goto("/review/settings");
    await page.getByLabel("Desired retention (0.70–0.99)").fill("0.99");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("status")).toHaveText("Settings saved.");
    const figure = page.getByRole("figure", { name: "Workload by desired retention" });
    await figure.getByText("Show workload by desired retention as a table").click();
    await expect(figure.getByRole("row", { name: /^0\.99 \(yours\)/ })).toBeVisible();
    const suggested = (await page.getByText(/^Suggested: 0\.\d\d$/).textContent())!.slice(-4);
    await page.getByRole("button", { name: `Use suggested (${suggested})` }).click();
    await expect(page.getByRole("status").first()).toHaveText(`Desired retention set to ${suggested}.`);
  });
});
