import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, latestMail, linkIn, logIn, register, uniqueEmail } from "./helpers.ts";

const PASSWORD = "evening study plan 42";

/** The path and query of the newest link to `path` mailed to `address` (the server's outbox). */
async function mailedLink(address: string, path: string): Promise<string> {
  return linkIn(await latestMail(address, { linkTo: path }), path);
}

async function logOut(page: Page, name: string) {
  await page.getByText(`Account menu for ${name}`).click();
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
}

test("a learner who forgot their password resets it through the emailed link", async ({ page }) => {
  const email = uniqueEmail("forgot");
  await register(page, "Fern Forgetful", email);
  await logOut(page, "Fern Forgetful");

  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Forgot your password?" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("status")).toContainText("If an account uses that address, we've sent a link");

  await page.goto(await mailedLink(email, "/reset-password"));
  await expect(page.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("New password", { exact: true }).fill("a new lantern phrase");
  await page.getByLabel("Type the new password again").fill("a new lantern phrase");
  await page.getByRole("button", { name: "Set new password" }).click();

  // Signed in at once, on the account page with a confirmation.
  await expect(page.getByRole("heading", { level: 1, name: "Account settings" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Your new password is set");

  await logOut(page, "Fern Forgetful");
  await logIn(page, email, "a new lantern phrase", true);
  await expect(page.getByRole("heading", { level: 1, name: "Today" })).toBeVisible();
});

test("a used reset link says so and offers a new one", async ({ page }) => {
  await page.goto("/reset-password?token=not-a-real-token-at-all-0123456789");
  await expect(page.getByRole("heading", { level: 1, name: "This link no longer works" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Request a new link" })).toHaveAttribute("href", "/forgot-password");
  await expectAccessible(page);
});

test("a learner signs another device out from the account page", async ({ page, browser }) => {
  const email = uniqueEmail("devices");
  await register(page, "Dev Ices", email, PASSWORD);
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await logIn(otherPage, email, PASSWORD, true);

  await page.goto("/account");
  const devices = page.getByRole("table", { name: "Signed-in devices" });
  await expect(devices.getByRole("row")).toHaveCount(3); // the header and two devices
  await expect(devices.getByText("This device")).toHaveCount(1);
  await expectAccessible(page);
  await devices.getByRole("button", { name: /^Sign out .*, last active / }).click();
  await expect(page.getByRole("status")).toHaveText("That device was signed out.");
  await expect(devices.getByRole("row")).toHaveCount(2);

  // The other browser is signed out; this one is not.
  await otherPage.goto("/account");
  await expect(otherPage).toHaveURL(/\/login\?/);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Account settings" })).toBeVisible();
  await other.close();
});
