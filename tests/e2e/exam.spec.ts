import { expect, test, type Page } from "@playwright/test";
import { DEMO, expectAccessible, logIn, register, uniqueEmail, watchHydration } from "./helpers.ts";

async function startPractice(
  page: Page,
  opts: { count?: number; mode?: "exam" | "tutor"; minutes?: number; domain?: string } = {},
) {
  await page.goto("/practice");
  await page.getByLabel(opts.domain ?? "Medical Law, Ethics, and Compliance").check();
  await page.getByLabel("Number of questions (5–135)").fill(String(opts.count ?? 5));
  await page.getByLabel(opts.mode === "tutor" ? /^Tutor mode/ : /^Exam mode/).check();
  if (opts.minutes) {
    await page.getByLabel("Timed", { exact: true }).check();
    await page.getByLabel("Time limit in minutes (optional)").fill(String(opts.minutes));
  }
  await page.getByRole("button", { name: "Start practice" }).click();
  await expect(page.getByText(/Question 1 of \d+$/)).toBeVisible();
}

const option = (page: Page, letter: string) => page.getByRole("radio", { name: new RegExp(`^${letter}\\.`) });

test("a timed practice: answer, flag, reload, review, submit, see results", async ({ page }) => {
  await register(page, "Tia Tester", uniqueEmail("exam"));
  await startPractice(page, { count: 5, minutes: 30 });
  await expect(page.getByRole("timer")).toHaveText(/^(30:00|29:5\d)$/);

  await option(page, "B").check();
  await expect(page.getByText("Answer saved.")).toBeVisible();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("Question 2 of 5")).toBeVisible();
  await option(page, "C").check();
  await page.getByRole("button", { name: "Flag for review" }).click();
  await expect(page.getByRole("button", { name: "Flagged for review" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByText("Answer saved.")).toBeVisible();

  // Reload mid-way: everything is still there, and the page hydrates without a mismatch (the
  // server renders the question grid as one string).
  const hydration = watchHydration(page);
  await page.reload();
  await expect(option(page, "C")).toBeChecked();
  await expect(page.getByRole("button", { name: "Flagged for review" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(hydration).toEqual([]);
  // The grid's links move without a page load.
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));
  await page.getByRole("link", { name: "Question 1, answered" }).first().click();
  await expect(option(page, "B")).toBeChecked();
  expect(await page.evaluate(() => "sameDocument" in window)).toBe(true);

  await page.getByRole("link", { name: "Review all answers and submit" }).click();
  await expect(page.getByRole("heading", { name: "Unanswered (3)" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Flagged for review (1)" })).toBeVisible();
  await page.getByRole("button", { name: "Yes, submit my answers" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Practice results" })).toBeVisible();
  await expect(page.getByText(/^\d of 5 questions correct$/)).toBeVisible();
  await expect(
    page
      .getByRole("cell", { name: "Medical Law, Ethics, and Compliance" })
      .or(page.getByRole("rowheader", { name: "Medical Law, Ethics, and Compliance" })),
  ).toBeVisible();
  await expect(page.getByText("— correct answer").first()).toBeVisible();
  // Three were left blank: no points, but not counted as wrong nor turned into review cards.
  await expect(
    page.getByText(/^3 questions were not answered: they earn no points here, but are not counted as wrong/),
  ).toBeVisible();
  await expect(page.getByText("Not answered", { exact: true })).toHaveCount(3);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Practice" }).click();
  await expect(page.getByRole("heading", { name: "Your results" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Review" }).first()).toBeVisible();
});

test("exam pages do not contain the answer key or rationales before submission", async ({ page }) => {
  await register(page, "Sid Secure", uniqueEmail("leak"));
  await startPractice(page, { count: 12, domain: "All domains" });
  const url = page.url();
  const html = await (await page.request.get(url)).text();
  const json = await (await page.request.get(`${url}.data`)).text();
  for (const body of [html, json]) {
    expect(body).not.toMatch(/rationale|answerIndex|correct answer/i);
  }
  // After submitting, the same attempt's results include them.
  await page.goto(url.replace(/\/q\/\d+$/, "/review"));
  await page.getByRole("button", { name: "Yes, submit my answers" }).click();
  await expect(page.getByText("— correct answer").first()).toBeVisible();
});

test("when the timer runs out the attempt is submitted automatically", async ({ page }) => {
  test.setTimeout(120_000);
  await register(page, "Ada Clock", uniqueEmail("timer"));
  await startPractice(page, { count: 5, minutes: 1 });
  await option(page, "A").check();
  await expect(page.getByText("Answer saved.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Practice results" })).toBeVisible({ timeout: 75_000 });
  await expect(page.getByText("Time ran out, so your attempt was submitted at the deadline")).toBeVisible();
});

test("keyboard only: answer with keys, flag, move, review and submit", async ({ page }) => {
  await register(page, "Kim Keys", uniqueEmail("keys"));
  await startPractice(page, { count: 5, mode: "exam" });
  await page.keyboard.press("2");
  await expect(option(page, "B")).toBeChecked();
  await expect(page.getByText("Answer saved.")).toBeVisible();
  await page.keyboard.press("f");
  await expect(page.getByRole("button", { name: "Flagged for review" })).toBeVisible();
  await page.keyboard.press("n");
  await expect(page.getByText("Question 2 of 5")).toBeVisible();
  await page.keyboard.press("d");
  await expect(option(page, "D")).toBeChecked();
  await expect(page.getByText("Answer saved.")).toBeVisible();
  await page.keyboard.press("p");
  await expect(page.getByText("Question 1 of 5")).toBeVisible();
  await expect(option(page, "B")).toBeChecked();
  // Tab to the review link and go on by keyboard alone.
  const reviewLink = page.getByRole("link", { name: "Review all answers and submit" });
  for (let i = 0; i < 30 && !(await reviewLink.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Flagged for review (1)" })).toBeVisible();
  const submit = page.getByRole("button", { name: "Yes, submit my answers" });
  await submit.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Practice results" })).toBeVisible();
});

test("flag then next at once: the move is not lost while the flag is saving", async ({ page }) => {
  await register(page, "Fay Fast", uniqueEmail("flagnext"));
  // Force the interleaving that once lost the move: the flag's save finishes while the
  // navigation to question 2 is still waiting for its data. (The route manifest comes whole with
  // the first page, so a navigation waits for nothing else.)
  const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  await page.route(/\/attempts\/[^/]+\/q\/2\.data/, async (route) => {
    await delay(600);
    await route.continue();
  });
  await page.route(/\/attempts\/[^/]+\/q\/1(\.data)?(\?.*)?$/, async (route) => {
    if (route.request().method() === "POST") await delay(150);
    await route.continue();
  });
  await startPractice(page, { count: 5, mode: "exam" });
  await page.keyboard.press("f");
  await page.keyboard.press("n");
  await expect(page.getByText("Question 2 of 5")).toBeVisible();
  await expect(page).toHaveURL(/\/q\/2$/);
  await page.keyboard.press("p");
  await expect(page.getByText("Question 1 of 5")).toBeVisible();
  await expect(page.getByRole("button", { name: "Flagged for review" })).toBeVisible();
});

test("tutor mode: choosing selects (a mis-tap can change), Check answer or Enter shows the explanation and locks it", async ({
  page,
}) => {
  await register(page, "Tom Tutor", uniqueEmail("tutor"));
  await startPractice(page, { count: 5, mode: "tutor", domain: "Foundational Knowledge" });
  const verdict = page.getByText(/^(Correct\.|Not quite: the answer is [A-D]\.)/);

  // A mis-tap: A, then B. Nothing is revealed, and the change sticks across a reload.
  await option(page, "A").check();
  await expect(page.getByText(/^Answer saved\. You can still change it/)).toBeVisible();
  await expect(verdict).toHaveCount(0);
  await option(page, "B").check();
  await expect(page.getByText(/^Answer saved\. You can still change it/)).toBeVisible();
  await page.reload();
  await expect(option(page, "B")).toBeChecked();
  await expect(option(page, "A")).toBeEnabled();
  await expect(verdict).toHaveCount(0);

  // The button checks it: the explanation shows and the other options lock.
  await page.getByRole("button", { name: "Check answer" }).click();
  await expect(verdict).toBeVisible();
  await expect(option(page, "A")).toBeDisabled();
  await expect(option(page, "B")).toBeChecked();
  await expect(page.getByRole("button", { name: "Check answer" })).toHaveCount(0);

  // Keyboard only on the next question: 3 selects C, Enter checks it.
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("Question 2 of 5")).toBeVisible();
  await page.keyboard.press("3");
  await expect(option(page, "C")).toBeChecked();
  await expect(page.getByText(/^Answer saved\. You can still change it/)).toBeVisible();
  await expect(verdict).toHaveCount(0);
  await page.keyboard.press("Enter");
  await expect(verdict).toBeVisible();
  await expect(option(page, "A")).toBeDisabled();

  // Enter with nothing chosen says what to do.
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("Question 3 of 5")).toBeVisible();
  await page.getByText("Question 3 of 5").click(); // focus on the page, not a button
  await page.keyboard.press("Enter");
  await expect(page.getByRole("alert")).toHaveText("Choose an answer first, then check it.");
  await expectAccessible(page);
});

test("exam screens have no serious accessibility violations", async ({ page }) => {
  await register(page, "Axe Exam", uniqueEmail("axe"));
  await page.goto("/practice");
  await expectAccessible(page);
  await startPractice(page, { count: 5, minutes: 20 });
  await expectAccessible(page);
  await option(page, "A").check();
  await page.getByRole("link", { name: "Review all answers and submit" }).click();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Yes, submit my answers" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Practice results" })).toBeVisible();
  await expectAccessible(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("tutor mode: choose, then Check answer, with plain form posts", async ({ page }) => {
    // Its own learner: the demo student's open practice quizzes are capped and shared by tests.
    await register(page, "Nora NoScript", uniqueEmail("nojs-tutor"));
    await startPractice(page, { count: 5, mode: "tutor", domain: "Foundational Knowledge" });
    const verdict = page.getByText(/^(Correct\.|Not quite: the answer is [A-D]\.)/);
    // Choosing and moving on saves the choice without checking it.
    await option(page, "D").check();
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page.getByText("Question 2 of 5")).toBeVisible();
    await page.getByRole("button", { name: "Previous" }).click();
    await expect(option(page, "D")).toBeChecked();
    await expect(verdict).toHaveCount(0);
    // Change it, then check it.
    await option(page, "A").check();
    await page.getByRole("button", { name: "Check answer" }).click();
    await expect(verdict).toBeVisible();
    await expect(option(page, "A")).toBeChecked();
    await expect(option(page, "D")).toBeDisabled();
    // The post answered with a redirect back to the question: reloading shows it, posts nothing.
    await expect(page).toHaveURL(/\/q\/1$/);
    await page.reload();
    await expect(verdict).toBeVisible();
    // Enter on an option is the form's default action: Check answer.
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page.getByText("Question 2 of 5")).toBeVisible();
    await option(page, "B").check();
    await option(page, "B").press("Enter");
    await expect(verdict).toBeVisible();
    await expect(option(page, "B")).toBeChecked();
  });

  test("answers save with plain form posts", async ({ page }) => {
    await logIn(page, DEMO.student, DEMO.password);
    await startPractice(page, { count: 5 });
    await option(page, "C").check();
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page.getByText("Question 2 of 5")).toBeVisible();
    await page.getByRole("button", { name: "Previous" }).click();
    await expect(option(page, "C")).toBeChecked();
  });
});

test("tutor mode on a phone: a mis-tap changes, then Check answer locks it @phone", async ({ page }) => {
  await register(page, "Tap Tutor", uniqueEmail("phone-tutor"));
  await startPractice(page, { count: 5, mode: "tutor", domain: "Foundational Knowledge" });
  await option(page, "A").tap();
  await option(page, "C").tap();
  await expect(page.getByText(/^Answer saved\. You can still change it/)).toBeVisible();
  await expect(page.getByText(/^(Correct\.|Not quite: the answer is [A-D]\.)/)).toHaveCount(0);
  await page.getByRole("button", { name: "Check answer" }).tap();
  await expect(page.getByText(/^(Correct\.|Not quite: the answer is [A-D]\.)/)).toBeVisible();
  await expect(option(page, "C")).toBeChecked();
  await expect(option(page, "A")).toBeDisabled();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("the exam works on a phone @phone", async ({ page }) => {
  await register(page, "Pho Ne", uniqueEmail("phone"));
  await startPractice(page, { count: 5 });
  await option(page, "A").check();
  await page.locator("summary", { hasText: "All questions" }).click();
  await expect(page.getByRole("link", { name: "Question 1, answered" }).first()).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
