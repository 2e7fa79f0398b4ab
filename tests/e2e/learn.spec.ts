import { expect, test } from "@playwright/test";
import { expectAccessible, register, uniqueEmail } from "./helpers.ts";

test("a learner opens a lesson from Learn, marks it complete and sees it counted", async ({ page }) => {
  await register(page, "Lee Reader", uniqueEmail("learn"));
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Learn" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Learn" })).toBeVisible();
  const lawCard = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: "Medical Law, Ethics, and Compliance" }) });
  await expect(lawCard.getByText(/^0 of \d+ lessons complete$/)).toBeVisible();
  await lawCard.getByRole("link", { name: "Medical Law, Ethics, and Compliance" }).click();
  await expect(page).toHaveURL(/\/learn\/law$/);
  await expect(page.getByRole("heading", { level: 1, name: "Medical Law, Ethics, and Compliance" })).toBeVisible();

  const firstLesson = page.getByRole("main").getByRole("listitem").first().getByRole("link").first();
  const title = (await firstLesson.textContent())!.trim();
  await firstLesson.click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("heading", { name: "By the end of this lesson you will be able to" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "References" })).toBeVisible();

  await page.getByRole("button", { name: "Mark complete" }).click();
  await expect(page.getByRole("status")).toHaveText(/You finished this lesson/);
  await page.reload();
  await expect(page.getByRole("button", { name: "Mark as not complete" })).toBeVisible();

  await page.goto("/learn");
  await expect(lawCard.getByText(/^1 of \d+ lessons complete$/)).toBeVisible();
});

test("the lesson table of contents jumps to a section and the next-lesson link works", async ({ page }) => {
  await page.goto("/learn/law");
  await page.getByRole("main").getByRole("listitem").first().getByRole("link").first().click();
  const toc = page.getByRole("navigation", { name: "On this page" });
  const firstSection = toc.getByRole("link").first();
  const section = (await firstSection.textContent())!;
  await firstSection.click();
  await expect(page).toHaveURL(/#.+/);
  await expect(page.getByRole("heading", { level: 2, name: section })).toBeInViewport();
  await page.getByRole("link", { name: /^Next lesson:/ }).click();
  await expect(page.getByRole("link", { name: /^Previous lesson:/ })).toBeVisible();
});

test("search finds a glossary term and the learner lands on it", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Search" }).click();
  await page.getByLabel("Search lessons and glossary").fill("minimum necessary");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/search\?q=minimum\+necessary/);
  const first = page.getByRole("main").getByRole("listitem").first();
  await expect(first.locator("mark").first()).toBeVisible();
  await first.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: /minimum necessary/i })).toBeVisible();
});

test("the glossary filters by letter and by domain", async ({ page }) => {
  await page.goto("/glossary");
  await page.getByRole("link", { name: /^Letter H,/ }).click();
  await expect(page).toHaveURL(/letter=H/);
  await expect(page.getByRole("heading", { level: 2, name: "H", exact: true })).toBeVisible();
  await page.getByLabel("Exam domain").selectOption({ label: "Billing and Revenue Cycle" });
  await page.getByRole("button", { name: "Show terms" }).click();
  await expect(page).toHaveURL(/domain=BIL/);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("search is a plain GET form", async ({ page }) => {
    await page.goto("/search");
    await page.getByLabel("Search lessons and glossary").fill("-itis");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByRole("main").getByRole("listitem").first().getByRole("link")).toHaveText("-itis");
  });
});

test("learning pages have no serious accessibility violations", async ({ page }) => {
  await page.goto("/learn");
  await expectAccessible(page);
  await page.goto("/learn/billing");
  await expectAccessible(page);
  await page.getByRole("main").getByRole("listitem").first().getByRole("link").first().click();
  await expectAccessible(page);
  await page.goto("/glossary?letter=C");
  await expectAccessible(page);
  await page.goto("/search?q=deductible");
  await expectAccessible(page);
});

test("a lesson reads well on a phone @phone", async ({ page }) => {
  await page.goto("/learn/encounter");
  await page.getByRole("main").getByRole("listitem").first().getByRole("link").first().click();
  await page.locator("summary", { hasText: "On this page" }).click();
  await expect(page.getByRole("link", { name: "Summary" }).first()).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("Check yourself answers stay folded until the learner asks, by keyboard too", async ({ page }) => {
  await page.goto("/learn/scheduling/urgent-requests-delays-and-walk-ins");
  const answer = page.getByText("In held same-day slots and buffer time");
  await expect(page.getByRole("heading", { level: 2, name: "Check yourself" })).toBeVisible();
  await expect(answer).toBeHidden();
  const show = page.locator("summary", { hasText: "Show answers" });
  await show.focus();
  await page.keyboard.press("Enter");
  await expect(answer).toBeVisible();
  await expectAccessible(page);
});

test("a glossary term has Hear it, which speaks the term", async ({ page }) => {
  // Record what the page asks the browser to say (headless Chromium has no voices to listen to).
  await page.addInitScript(() => {
    const said: string[] = [];
    (window as unknown as { said: string[] }).said = said;
    window.speechSynthesis.speak = (utterance: SpeechSynthesisUtterance) => void said.push(utterance.text);
  });
  await page.goto("/glossary/suffix-itis");
  await page.getByRole("button", { name: "Hear it: -itis" }).click();
  expect(await page.evaluate(() => (window as unknown as { said: string[] }).said)).toEqual(["itis"]);
  await expectAccessible(page);
});
