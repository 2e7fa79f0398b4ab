import { expect, test, type Page } from "@playwright/test";
import { DEMO, expectAccessible, logIn, register, uniqueEmail } from "./helpers.ts";

const option = (page: Page, letter: string) => page.getByRole("radio", { name: new RegExp(`^${letter}\\.`) });

async function createClass(teacher: Page, name: string) {
  await teacher.goto("/classes");
  await teacher.getByLabel("Class name").fill(name);
  await teacher.getByRole("button", { name: "Create class" }).click();
  await expect(teacher.getByRole("heading", { level: 1, name })).toBeVisible();
  return (await teacher.locator("span.font-mono").first().textContent())!.trim();
}

test("an instructor sets an assignment, a student takes it, the instructor sees results and item analysis", async ({
  browser,
}) => {
  // Two people, many pages and four accessibility scans: longer than one learner's journey.
  test.setTimeout(120_000);
  const teacher = await (await browser.newContext()).newPage();
  await logIn(teacher, DEMO.instructor, DEMO.password);
  const className = `Assignments ${Date.now()}`;
  const code = await createClass(teacher, className);

  await teacher.getByRole("link", { name: "New assignment" }).click();
  await expect(teacher.getByRole("heading", { level: 1, name: "New assignment" })).toBeVisible();
  await expectAccessible(teacher);
  // Bad input is explained and nothing is created.
  await teacher.getByRole("button", { name: "Create assignment" }).click();
  await expect(
    teacher.getByText("Give the assignment a title.").or(teacher.getByText("Use at least 2 characters.")),
  ).toBeVisible();
  const title = `Law quiz ${Date.now()}`;
  await teacher.getByLabel("Title").fill(title);
  await teacher.getByLabel("Drawn from the domains ticked below").check();
  await teacher.getByLabel("Medical Law, Ethics, and Compliance").check();
  await teacher.getByLabel("Number of questions to draw (5–135)").fill("5");
  await teacher.getByRole("button", { name: "Create assignment" }).click();
  await expect(teacher.getByRole("heading", { level: 1, name: title })).toBeVisible();

  const student = await (await browser.newContext()).newPage();
  await register(student, "Ava Assignee", uniqueEmail("assign"));
  await student.goto(`/join?code=${code}`);
  await student.getByRole("button", { name: "Join class" }).click();
  await expect(student.getByRole("status")).toHaveText(`You joined ${className}.`);
  await expect(student.getByText("Not started")).toBeVisible();
  await student.getByRole("link", { name: title }).click();
  await expect(student.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(student.getByText("0 of 1 used")).toBeVisible();
  await expectAccessible(student);
  await student.getByRole("button", { name: "Start assignment" }).click();
  for (let n = 1; n <= 5; n++) {
    await expect(student.getByText(`Question ${n} of 5`)).toBeVisible();
    await option(student, "A").check();
    await expect(student.getByText("Answer saved.")).toBeVisible();
    await student.getByRole("button", { name: n === 5 ? "Review and submit" : "Next" }).click();
  }
  await student.getByRole("button", { name: "Yes, submit my answers" }).click();
  await expect(student.getByRole("heading", { level: 1, name: `Results: ${title}` })).toBeVisible();
  await expect(student.getByText("— correct answer").first()).toBeVisible(); // policy: after submit
  await student.goto("/join");
  await expect(student.getByText("Submitted", { exact: true })).toBeVisible();
  await student.getByRole("link", { name: title }).click();
  await expect(student.getByText("You have used your one attempt at this assignment.")).toBeVisible();

  await teacher.reload();
  const row = teacher.getByRole("row", { name: /Ava Assignee/ });
  await expect(row).toContainText("Submitted");
  await expect(row).toContainText(/\d+% \(\d\/5\)/);
  await expect(teacher.getByRole("heading", { name: "Item analysis" })).toBeVisible();
  await expect(teacher.getByText("From each student's first submitted attempt (1 so far).")).toBeVisible();
  await expect(teacher.getByRole("heading", { name: "Weakest knowledge areas" })).toBeVisible();
  await expectAccessible(teacher);

  const csv = await teacher.request.get(`${teacher.url()}/gradebook.csv`);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toContain("Ava Assignee");

  await teacher.getByRole("link", { name: "Ava Assignee" }).click();
  await expect(teacher.getByRole("heading", { level: 1, name: `Ava Assignee: ${title}` })).toBeVisible();
  await expect(teacher.getByText("— their answer").first()).toBeVisible();
  await expectAccessible(teacher);

  await teacher.getByRole("link", { name: className }).click();
  await expect(teacher.getByRole("row", { name: /Ava Assignee/ })).toContainText("1 submitted");
  await expectAccessible(teacher);
});

test("without JavaScript: hand-pick questions across pages, hide answers until the due date", async ({ browser }) => {
  const teacher = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await logIn(teacher, DEMO.instructor, DEMO.password);
  const className = `Hand-picked ${Date.now()}`;
  const code = await createClass(teacher, className);
  await teacher.getByRole("link", { name: "New assignment" }).click();
  const title = `Picked ${Date.now()}`;
  await teacher.getByLabel("Title").fill(title);
  await teacher.getByLabel("The questions I tick in the bank below").check();
  await teacher.getByLabel(/^After the due date/).check();
  await teacher.getByLabel("Domain", { exact: true }).selectOption("LAW");
  await teacher.getByRole("button", { name: "Search the bank" }).click();
  const bank = teacher.getByRole("list", { name: /^Bank questions/ });
  await bank.getByRole("checkbox").nth(0).check();
  await bank.getByRole("checkbox").nth(1).check();
  await teacher.getByRole("button", { name: "Next page" }).click();
  // What was typed and ticked survived the page change.
  await expect(teacher.getByLabel("Title")).toHaveValue(title);
  await expect(teacher.getByText("2 picked.")).toBeVisible();
  await bank.getByRole("checkbox").nth(0).check();
  await teacher.getByRole("button", { name: "Create assignment" }).click();
  await expect(teacher.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(teacher.getByText(/Hand-picked questions · 3 questions/)).toBeVisible();

  const student = await (await browser.newContext()).newPage();
  await register(student, "Noah Nojs", uniqueEmail("pick"));
  await student.goto(`/join?code=${code}`);
  await student.getByRole("button", { name: "Join class" }).click();
  await student.getByRole("link", { name: title }).click();
  await student.getByRole("button", { name: "Start assignment" }).click();
  await student.getByRole("link", { name: "Review all answers and submit" }).click();
  await student.getByRole("button", { name: "Yes, submit my answers" }).click();
  await expect(student.getByRole("heading", { level: 1, name: `Results: ${title}` })).toBeVisible();
  await expect(student.getByText(/shows the answers and explanations after the due date/)).toBeVisible();
  await expect(student.getByText("— correct answer")).toHaveCount(0);
  const html = await (await student.request.get(student.url())).text();
  expect(html).not.toMatch(/rationale|answerIndex/);
  await expectAccessible(student);
});

test("assignments work on a phone @phone", async ({ browser }) => {
  const teacher = await (
    await browser.newContext({ viewport: { width: 412, height: 839 }, isMobile: true, hasTouch: true })
  ).newPage();
  await logIn(teacher, DEMO.instructor, DEMO.password);
  const code = await createClass(teacher, `Phone class ${Date.now()}`);
  await teacher.getByRole("link", { name: "New assignment" }).click();
  const title = `Phone quiz ${Date.now()}`;
  await teacher.getByLabel("Title").fill(title);
  await teacher.getByLabel("Billing and Revenue Cycle").check();
  await teacher.getByLabel("Number of questions to draw (5–135)").fill("5");
  await teacher.getByLabel("Timed").uncheck();
  await teacher.getByRole("button", { name: "Create assignment" }).click();
  await expect(teacher.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expectAccessible(teacher);

  const student = await (
    await browser.newContext({ viewport: { width: 412, height: 839 }, isMobile: true, hasTouch: true })
  ).newPage();
  await register(student, "Pia Phone", uniqueEmail("phone"));
  await student.goto(`/join?code=${code}`);
  await student.getByRole("button", { name: "Join class" }).click();
  // Wait for the join to land before leaving the page (a navigation would cancel it).
  await expect(student.getByRole("status")).toHaveText(/^You joined /);
  await student.goto("/");
  await expect(student.getByRole("heading", { name: "Your assignments" })).toBeVisible();
  await student.getByRole("link", { name: title }).click();
  await expect(student.getByText("Untimed")).toBeVisible();
  await student.getByRole("button", { name: "Start assignment" }).click();
  await expect(student.getByText("Assignment · Question 1 of 5")).toBeVisible();
  // Nothing sticks out sideways on a narrow screen.
  expect(await student.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});
