import { expect, test } from "@playwright/test";
import { DEMO, expectAccessible, logIn, register, uniqueEmail } from "./helpers.ts";

test("an admin finds a new account, makes it an instructor, disables and enables it again", async ({
  page,
  browser,
}) => {
  // The learner registers in their own browser and stays signed in there.
  const learnerContext = await browser.newContext();
  const learner = await learnerContext.newPage();
  const email = uniqueEmail("promoted");
  const password = "evening study plan 42";
  await register(learner, "Una Promoted", email, password);

  await logIn(page, DEMO.editor, DEMO.password);
  await page.goto("/admin");
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await page.getByLabel("Name or email").fill(email.toUpperCase());
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("1 account.")).toBeVisible();
  const row = page.getByRole("row", { name: /Una Promoted/ });
  await expect(row).toContainText(email);
  await expect(row).toContainText("Active");
  await expectAccessible(page);

  await row.getByRole("link", { name: "Una Promoted" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Una Promoted" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Role", { exact: true }).selectOption("instructor");
  await page.getByRole("button", { name: "Change role" }).click();
  await expect(page.getByRole("status")).toHaveText("The role was changed.");
  const details = page.getByRole("region", { name: "Account", exact: true });
  await expect(details).toContainText("instructor");

  // The audit log shows who did it, to whom, in plain words.
  await page.getByRole("link", { name: "Audit log" }).click();
  await page.getByLabel("Filter by text").fill(email);
  await page.getByRole("button", { name: "Filter" }).click();
  const entry = page.getByRole("row", { name: /Changed the role/ });
  await expect(entry).toContainText(DEMO.editor);
  await expect(entry).toContainText(email);
  await expect(entry).toContainText("From student to instructor.");
  await expectAccessible(page);

  // Disabling needs the confirmation box; it ends the learner's session and refuses sign-in.
  await entry.getByRole("link", { name: email }).click();
  await page.getByRole("button", { name: "Disable account" }).click();
  await expect(page.getByText("Tick the box to confirm that this account should be disabled.").first()).toBeVisible();
  await page.getByLabel(/Yes, disable this account/).check();
  await page.getByRole("button", { name: "Disable account" }).click();
  await expect(page.getByRole("status")).toHaveText("The account was disabled and signed out everywhere.");
  await expect(details).toContainText("Disabled since");

  await learner.goto("/progress");
  await expect(learner).toHaveURL(/\/login\?redirectTo=/);
  await logIn(learner, email, password, false);
  await expect(learner.getByRole("alert")).toContainText("This account is disabled.");

  await page.getByRole("button", { name: "Enable account" }).click();
  await expect(page.getByRole("status")).toHaveText("The account was enabled. It can sign in again.");
  await logIn(learner, email, password, true);
  await expect(learner.getByRole("heading", { level: 1, name: "Today in your classes" })).toBeVisible();
  await learnerContext.close();
});
