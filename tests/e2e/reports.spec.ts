import { expect, test, type Page } from "@playwright/test";
import { DEMO, expectAccessible, logIn, register, uniqueEmail } from "./helpers.ts";

/** Pages through the editors' queue (oldest first) until `text` shows, waiting for each page. */
async function findInQueue(page: Page, text: string) {
  for (;;) {
    await expect(page.getByRole("heading", { level: 1, name: "Content reports" })).toBeVisible();
    if (await page.getByText(text).count()) return;
    const next = page.getByRole("link", { name: "Next page" });
    if (!(await next.count())) throw new Error(`"${text}" is not in this queue`);
    const before = page.url();
    await next.click();
    await page.waitForURL((url) => url.toString() !== before);
  }
}

test("a learner reports a glossary problem, an editor answers it, the learner sees the outcome", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const learner = await (await browser.newContext()).newPage();
  await register(learner, "Rita Reporter", uniqueEmail("reporter"));
  await learner.goto("/glossary/hipaa");
  await learner.getByRole("link", { name: "Report a problem" }).click();
  await expect(learner.getByRole("heading", { level: 1, name: "Report a problem" })).toBeVisible();
  await expect(learner.getByText("You are reporting: Glossary: HIPAA")).toBeVisible();

  // Too short: a clear message, nothing sent.
  await learner.getByLabel("What is wrong?").fill("typo");
  await learner.getByRole("button", { name: "Send report" }).click();
  await expect(learner.getByRole("alert")).toContainText("There is a problem");
  await expect(learner.getByText("Say what is wrong in at least 10 characters.").first()).toBeVisible();
  await expectAccessible(learner);

  const message = `The example names the wrong year (${Date.now()}).`;
  await learner.getByLabel("What is wrong?").fill(message);
  await learner.getByLabel("Source (optional)").fill("https://www.hhs.gov/hipaa/index.html");
  await learner.getByRole("button", { name: "Send report" }).click();
  await expect(learner.getByRole("heading", { level: 1, name: "Your reports" })).toBeVisible();
  await expect(learner.getByRole("status")).toContainText("your report is in the content editors' queue");
  const mine = learner.getByRole("listitem").filter({ hasText: message });
  await expect(mine).toContainText("Glossary: HIPAA");
  await expect(mine).toContainText("Open");
  await learner.getByRole("link", { name: "Back to where you were" }).click();
  await expect(learner).toHaveURL(/\/glossary\/hipaa$/);

  // Learners cannot open the editors' queue.
  const refused = await learner.goto("/reports/queue");
  expect(refused?.status()).toBe(403);

  const editor = await (await browser.newContext()).newPage();
  await logIn(editor, DEMO.editor, DEMO.password);
  await editor.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).click();
  await expect(editor.getByRole("heading", { level: 1, name: "Content reports" })).toBeVisible();
  await expectAccessible(editor);
  // The newest report is on the last page of the open queue (oldest first).
  await findInQueue(editor, message);
  const entry = editor.getByRole("listitem").filter({ hasText: message });
  await expect(entry).toContainText("From Rita Reporter");
  await entry.getByLabel("Status").selectOption("fixed");
  await entry.getByLabel("Reply to the reporter").fill("Thanks, corrected today.");
  await entry.getByRole("button", { name: "Save answer" }).click();
  await expect(editor.getByText(message)).toHaveCount(0);
  await editor.getByRole("link", { name: /^Fixed/ }).click();
  await expect(editor.getByRole("link", { name: /^Fixed/ })).toHaveAttribute("aria-current", "page");
  await findInQueue(editor, message);

  await learner.goto("/reports");
  const answered = learner.getByRole("listitem").filter({ hasText: message });
  await expect(answered).toContainText("Fixed");
  await expect(answered).toContainText("Editor's reply: Thanks, corrected today.");
  await expectAccessible(learner);
});

test("lesson sections, review cards and questions on the results page link to Report a problem", async ({ page }) => {
  await register(page, "Lou Links", uniqueEmail("report-links"));
  // A lesson section, chosen from the lesson's own headings.
  await page.goto("/learn/scheduling/urgent-requests-delays-and-walk-ins");
  await page.getByLabel("Found a mistake? Which part of the lesson").selectOption({ label: "Check yourself" });
  await page.getByRole("button", { name: "Report a problem" }).click();
  await expect(page.getByText(/You are reporting: Lesson: .+ › Check yourself/)).toBeVisible();

  // A content card, once its answer is shown.
  await page.goto("/review/study?deck=LAW");
  await page.getByRole("link", { name: "Show answer" }).click();
  await page.getByRole("link", { name: "Report a problem with this card" }).click();
  await expect(page.getByText(/You are reporting: Card LAW-C\d{4}:/)).toBeVisible();

  // A question on the results page, and back to it after sending.
  await page.goto("/practice");
  await page.getByLabel("Medical Law, Ethics, and Compliance").check();
  await page.getByLabel("Number of questions (5–135)").fill("5");
  await page.getByLabel(/^Exam mode/).check();
  await page.getByRole("button", { name: "Start practice" }).click();
  await page.getByRole("link", { name: "Review all answers and submit" }).click();
  await page.getByRole("button", { name: "Yes, submit my answers" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Practice results" })).toBeVisible();
  const results = page.url();
  await page.getByRole("link", { name: "Report a problem with question 2" }).click();
  await expect(page.getByText(/You are reporting: Question LAW-K\d{2}-\d{3}:/)).toBeVisible();
  await page.getByLabel("What is wrong?").fill("Two options could both be read as correct here.");
  await page.getByRole("button", { name: "Send report" }).click();
  await page.getByRole("link", { name: "Back to where you were" }).click();
  await expect(page).toHaveURL(results);
});

test("reporting a problem fits a phone @phone", async ({ page }) => {
  await register(page, "Pat Phone", uniqueEmail("report-phone"));
  await page.goto("/glossary/hipaa");
  await page.getByRole("link", { name: "Report a problem" }).click();
  await page.getByLabel("What is wrong?").fill("The example could name the rule it comes from.");
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await page.getByRole("button", { name: "Send report" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your reports" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "name the rule it comes from" })).toContainText("Open");
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await expectAccessible(page);
});
