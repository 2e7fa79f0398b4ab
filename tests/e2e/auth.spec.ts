import { expect, test } from "@playwright/test";
import { DEMO, expectAccessible, logIn, register, uniqueEmail } from "./helpers.ts";

test("a new learner registers, logs out and logs back in", async ({ page }) => {
  const email = uniqueEmail("reg");
  await register(page, "Rosa Learner", email);

  await page.getByText("Account menu for Rosa Learner").click();
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();

  await logIn(page, email, "evening study plan 42");
  await expect(page.getByRole("heading", { level: 1, name: "Today" })).toBeVisible();
});

test("a wrong password gets one clear message that does not reveal accounts", async ({ page }) => {
  await logIn(page, DEMO.student, "not the right password");
  await expect(page.getByRole("alert")).toHaveText("Email or password is incorrect.");
  await expect(page.getByLabel("Email")).toHaveValue(DEMO.student);
  await logIn(page, uniqueEmail("nobody"), "not the right password");
  await expect(page.getByRole("alert")).toHaveText("Email or password is incorrect.");
});

test("registration explains each problem next to its field", async ({ page }) => {
  await page.goto("/register");
  await page.getByLabel("Your name").fill("Sam");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByLabel("Type the password again").fill("different");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a valid email address, like name@example.com.")).toBeVisible();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(page.getByText("The passwords do not match.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Email").fill(uniqueEmail("common"));
  await page.getByLabel("Password", { exact: true }).fill("password123");
  await page.getByLabel("Type the password again").fill("password123");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText(/This password is too common/)).toBeVisible();
});

test("the theme toggle switches to dark and the choice survives a reload", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Dark" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expect(page.getByRole("button", { name: "Dark" })).toHaveAttribute("aria-pressed", "true");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await page.getByRole("button", { name: "System" }).click();
  await expect(page.locator("html")).not.toHaveAttribute("data-theme", /.+/);
});

test("a learner changes their password", async ({ page }) => {
  const email = uniqueEmail("pw");
  await register(page, "Pat Changer", email);
  await page.goto("/account");
  await page.getByLabel("Current password").fill("evening study plan 42");
  await page.getByLabel("New password", { exact: true }).fill("a fresher study phrase");
  await page.getByLabel("Type the new password again").fill("a fresher study phrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password was changed");
  await page.context().clearCookies();
  await logIn(page, email, "a fresher study phrase");
  await expect(page.getByRole("heading", { level: 1, name: "Today" })).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("changing the password keeps this device signed in and signs out the others", async ({ page, browser }) => {
    const email = uniqueEmail("pwnojs");
    await register(page, "Noor Plain", email);
    const other = await browser.newContext({ javaScriptEnabled: false });
    const otherPage = await other.newPage();
    await logIn(otherPage, email, "evening study plan 42");
    await page.goto("/account");
    await page.getByLabel("Current password").fill("evening study plan 42");
    await page.getByLabel("New password", { exact: true }).fill("a plain form phrase");
    await page.getByLabel("Type the new password again").fill("a plain form phrase");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByRole("status")).toContainText("Your password was changed");
    // This device is still signed in after reloading the page...
    await page.goto("/account");
    await expect(page.getByRole("heading", { level: 1, name: "Account settings" })).toBeVisible();
    // ...and the other device is not.
    await otherPage.goto("/account");
    await expect(otherPage).toHaveURL(/\/login\?/);
    await other.close();
  });

  test("log in and switch theme with plain form posts", async ({ page }) => {
    await logIn(page, DEMO.student, DEMO.password);
    await expect(page.getByRole("heading", { level: 1, name: "Today" })).toBeVisible();
    await page.goto("/login");
    await expect(page).toHaveURL("/"); // already signed in
  });
});

test("account pages have no serious accessibility violations", async ({ page }) => {
  for (const path of ["/", "/login", "/register"]) {
    await page.goto(path);
    await expectAccessible(page);
  }
  await logIn(page, DEMO.student, DEMO.password);
  await page.goto("/account");
  await expectAccessible(page);
  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { name: "We could not find that page" })).toBeVisible();
  await expectAccessible(page);
});

test("dark theme keeps contrast", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/login");
  await expectAccessible(page);
});

test("the app shell works on a phone @phone", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to main content" })).toBeFocused();
  await expectAccessible(page);
});
