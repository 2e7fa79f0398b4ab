import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";
import { expectAccessible, logIn, register, uniqueEmail } from "./helpers.ts";

const PASSWORD = "evening study plan 42";

/** Starts a five-question practice quiz and answers the first question with B. */
async function answerAPracticeQuestion(page: Page) {
  await page.goto("/practice");
  await page.getByLabel("Medical Law, Ethics, and Compliance").check();
  await page.getByLabel("Number of questions (5–135)").fill("5");
  await page.getByLabel(/^Exam mode/).check();
  await page.getByRole("button", { name: "Start practice" }).click();
  await expect(page.getByText(/Question 1 of 5$/)).toBeVisible();
  await page.getByRole("radio", { name: /^B\./ }).check();
  await expect(page.getByText("Answer saved.")).toBeVisible();
}

async function deleteAccount(page: Page, confirmation = "DELETE") {
  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("Type DELETE to confirm").fill(confirmation);
  await page.getByRole("button", { name: "Delete my account permanently" }).click();
}

test("a learner downloads their data, then deletes their account", async ({ page }) => {
  const email = uniqueEmail("data");
  await register(page, "Dana Data", email);
  await answerAPracticeQuestion(page);

  await page.goto("/account/data");
  await expect(page.getByRole("heading", { level: 1, name: "Your data" })).toBeVisible();
  await expect(page.getByText("attempts.json", { exact: true })).toBeVisible();
  await expectAccessible(page);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download my data (.zip)" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^charted-data-\d{4}-\d{2}-\d{2}\.zip$/);
  const zip = unzipSync(new Uint8Array(readFileSync(await file.path())));
  expect(Object.keys(zip)).toContain("README.txt");
  const profile = JSON.parse(strFromU8(zip["profile.json"]));
  expect(profile.account).toMatchObject({ email, name: "Dana Data", role: "student" });
  const [attempt] = JSON.parse(strFromU8(zip["attempts.json"]));
  expect(attempt).toMatchObject({ kind: "practice", status: "in_progress" });
  expect(attempt.items.filter((i: { selectedOption: string | null }) => i.selectedOption === "B")).toHaveLength(1);

  // A slip in the confirmation is explained and deletes nothing.
  await deleteAccount(page, "delete");
  await expect(page.getByText("Type DELETE, in capital letters, to confirm.")).toBeVisible();
  await expect(page.getByLabel("Type DELETE to confirm")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);

  await deleteAccount(page);
  await expect(page).toHaveURL(/\/\?deleted=account$/);
  await expect(page.getByRole("status")).toContainText("Your account has been deleted and you are signed out.");
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
  await page.goto("/account/data");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount%2Fdata$/);

  await logIn(page, email, PASSWORD, false);
  await expect(page.getByRole("alert")).toHaveText("Email or password is incorrect.");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the delete form works as a plain form", async ({ page }) => {
    const email = uniqueEmail("data-nojs");
    await register(page, "Noel Plain", email);
    await page.goto("/account/data");
    await deleteAccount(page, "");
    await expect(page.getByText("Type DELETE, in capital letters, to confirm.")).toBeVisible();
    await deleteAccount(page);
    await expect(page.getByRole("status")).toContainText("Your account has been deleted");
    await logIn(page, email, PASSWORD, false);
    await expect(page.getByRole("alert")).toHaveText("Email or password is incorrect.");
  });
});
