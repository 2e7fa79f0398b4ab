import { expect, test, type Page } from "@playwright/test";
import { DEMO, expectAccessible, logIn, register, uniqueEmail } from "./helpers.ts";

const option = (page: Page, letter: string) => page.getByRole("radio", { name: new RegExp(`^${letter}\\.`) });

async function takeAssignment(student: Page, title: string, start = "Start assignment") {
  await student.getByRole("button", { name: start }).click();
  for (let n = 1; n <= 5; n++) {
    await expect(student.getByText(`Question ${n} of 5`)).toBeVisible();
    await option(student, "A").check();
    await expect(student.getByText("Answer saved.")).toBeVisible();
    await student.getByRole("button", { name: n === 5 ? "Review and submit" : "Next" }).click();
  }
  await student.getByRole("button", { name: "Yes, submit my answers" }).click();
  await expect(student.getByRole("heading", { level: 1, name: `Results: ${title}` })).toBeVisible();
}

test("an instructor previews bank questions, then gives one student an extension and an extra attempt; the student sees them and starts again", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const teacher = await (await browser.newContext()).newPage();
  await logIn(teacher, DEMO.instructor, DEMO.password);
  const className = `Overrides ${Date.now()}`;
  await teacher.goto("/classes");
  await teacher.getByLabel("Class name").fill(className);
  await teacher.getByRole("button", { name: "Create class" }).click();
  await expect(teacher.getByRole("heading", { level: 1, name: className })).toBeVisible();
  const code = (await teacher.locator("span.font-mono").first().textContent())!.trim();

  await teacher.getByRole("link", { name: "New assignment" }).click();
  // Each bank question can be previewed, key included, before it is picked.
  const bank = teacher.getByRole("list", { name: /^Bank questions/ });
  await bank
    .getByText(/^Preview/)
    .first()
    .click();
  await expect(bank.getByText(/— correct answer$/).first()).toBeVisible();
  await expectAccessible(teacher);
  const title = `Extension quiz ${Date.now()}`;
  await teacher.getByLabel("Title").fill(title);
  await teacher.getByLabel("Drawn from the domains ticked below").check();
  await teacher.getByLabel("Medical Law, Ethics, and Compliance").check();
  await teacher.getByLabel("Number of questions to draw (5–135)").fill("5");
  await teacher.getByRole("button", { name: "Create assignment" }).click();
  await expect(teacher.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const assignmentUrl = teacher.url();

  const student = await (await browser.newContext()).newPage();
  const email = uniqueEmail("override");
  await register(student, "Eli Extended", email);
  await student.goto(`/join?code=${code}`);
  await student.getByRole("button", { name: "Join class" }).click();
  await expect(student.getByRole("status")).toHaveText(`You joined ${className}.`);
  await student.getByRole("link", { name: title }).click();
  await takeAssignment(student, title);
  await student.goto("/join");
  await student.getByRole("link", { name: title }).click();
  await expect(student.getByText("You have used your one attempt at this assignment.")).toBeVisible();

  // The instructor gives Eli a later due date and a second attempt.
  await teacher.goto(assignmentUrl);
  await expect(teacher.getByText("No overrides: every student works under the assignment's settings.")).toBeVisible();
  await teacher.getByLabel("Student", { exact: true }).selectOption({ label: `Eli Extended (${email})` });
  // Bad input changes nothing: another time limit needs its minutes.
  await teacher.getByLabel("Another time limit").check();
  await teacher.getByRole("button", { name: "Save override" }).click();
  await expect(teacher.getByRole("alert")).toContainText("There is a problem");
  await expect(teacher.getByText("Enter the time limit in minutes.")).toBeVisible();
  await teacher.getByLabel(/^As assigned/).check();
  await teacher.getByLabel("New due date").fill("2099-06-15T12:00");
  await teacher.getByLabel("Attempts allowed in total").fill("2");
  await teacher.getByRole("button", { name: "Save override" }).click();
  await expect(teacher.getByRole("status")).toHaveText("The override is saved.");
  const row = teacher.getByRole("row", { name: /Eli Extended/ }).filter({ hasText: "Remove" });
  await expect(row).toContainText("Jun 15, 2099");
  await expect(row).toContainText("2");
  await expectAccessible(teacher);

  await student.reload();
  await expect(student.getByText(/Extended to Jun 15, 2099/)).toBeVisible();
  await expect(student.getByText("1 of 2 used")).toBeVisible();
  await expectAccessible(student);
  await student.goto("/join");
  await expect(student.getByText(/extended to Jun 15, 2099/)).toBeVisible();
  await student.getByRole("link", { name: title }).click();
  await takeAssignment(student, title, "Start another attempt");
  await student.goto("/join");
  await student.getByRole("link", { name: title }).click();
  await expect(student.getByText("You have used all 2 attempts at this assignment.")).toBeVisible();
});
