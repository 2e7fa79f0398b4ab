import { expect, test, type Page } from "@playwright/test";
import { ROLLOVER_HOUR } from "../../app/review/study-day.ts";
import { expectAccessible, uniqueEmail } from "./helpers.ts";

// The countdown counts from the learner's study day, which starts at ROLLOVER_HOUR in their zone:
// the browser's zone is pinned so the test's date and the app's agree at any hour.
test.use({ timezoneId: "UTC" });

async function createAccount(page: Page, name: string) {
  await page.goto("/register");
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Email").fill(uniqueEmail("onboard"));
  await page.getByLabel("Password", { exact: true }).fill("evening study plan 42");
  await page.getByLabel("Type the password again").fill("evening study plan 42");
  await page.getByRole("button", { name: "Create account" }).click();
  // Hashing the password takes a moment on a busy machine.
  await expect(page.getByRole("heading", { level: 1, name: `Welcome to Charted, ${name}` })).toBeVisible({
    timeout: 15_000,
  });
  await expect(page).toHaveURL(/\/welcome$/);
  await expect(page.getByText("Welcome back")).toHaveCount(0);
}

test("a new learner sets the exam and week, takes the diagnostic and lands on Today", async ({ page }) => {
  await createAccount(page, "Ona Boarding");
  await expectAccessible(page);
  // Bad input is explained and nothing moves on.
  await page.getByLabel("Minutes per session (10–240)").fill("5");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.getByText("A session needs at least 10 minutes.").first()).toBeVisible();

  const studyDay = Date.now() - ROLLOVER_HOUR * 3_600_000;
  const exam = new Date(studyDay + 45 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("Exam date").fill(exam);
  for (const day of ["Monday", "Wednesday", "Saturday"]) await page.getByLabel(day).check();
  await page.getByLabel("Minutes per session (10–240)").fill("40");
  await page.getByRole("button", { name: "Save and continue" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Find out where you stand" })).toBeVisible();
  await expect(page.getByText(/20-question diagnostic across all 7 exam domains/)).toBeVisible();
  await page.emulateMedia({ colorScheme: "dark" });
  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: "light" });
  await page.getByRole("button", { name: "Start the diagnostic" }).click();
  await expect(page.getByText(/Question 1 of 20$/)).toBeVisible();

  // Onboarding is done: home is Today, with the diagnostic to resume and the exam counting down.
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Today" })).toBeVisible();
  await expect(page.getByText("Welcome back")).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Pick up where you left off" })).toContainText(
    "Practice quiz in progress: 20 questions. Untimed.",
  );
  await expect(page.getByRole("region", { name: "Your exam" })).toContainText(/(44|45) days to go/);
  await page.goto("/welcome");
  await expect(page.getByRole("heading", { level: 1, name: "Today" })).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("a new learner skips the onboarding and lands on Today", async ({ page }) => {
    await createAccount(page, "Sky Pper");
    await page.getByRole("button", { name: "Skip for now" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Today" })).toBeVisible();
    await expect(
      page.getByRole("region", { name: "Your exam" }).getByRole("link", { name: "Set your exam date" }),
    ).toBeVisible();
  });
});
