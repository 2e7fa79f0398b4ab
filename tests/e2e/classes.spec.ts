import { expect, test } from "@playwright/test";
import { DEMO, expectAccessible, logIn, register, uniqueEmail } from "./helpers.ts";

test("an instructor creates a class, a student joins with the code, the roster shows them", async ({ browser }) => {
  const teacher = await (await browser.newContext()).newPage();
  await logIn(teacher, DEMO.instructor, DEMO.password);
  await teacher.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Classes" }).click();
  const name = `Cohort ${Date.now()}`;
  await teacher.getByLabel("Class name").fill(name);
  await teacher.getByRole("button", { name: "Create class" }).click();
  await expect(teacher.getByRole("heading", { level: 1, name })).toBeVisible();
  const code = (await teacher.locator("span.font-mono").first().textContent())!.trim();
  await expectAccessible(teacher);

  const student = await (await browser.newContext()).newPage();
  await register(student, "Jo Joiner", uniqueEmail("join"));
  await student.goto(`/join?code=${code}`);
  await expect(student.getByLabel("Class code")).toHaveValue(code);
  await student.getByRole("button", { name: "Join class" }).click();
  await expect(student.getByRole("status")).toHaveText(`You joined ${name}.`);
  await expectAccessible(student);

  // The demo student, who has six weeks of history, joins too: the roster shows their mastery.
  const dana = await (await browser.newContext()).newPage();
  await logIn(dana, DEMO.student, DEMO.password);
  await dana.goto(`/join?code=${code}`);
  await dana.getByRole("button", { name: "Join class" }).click();
  await expect(dana.getByRole("status")).toHaveText(`You joined ${name}.`);

  await teacher.reload();
  await expect(teacher.getByRole("rowheader", { name: /Jo Joiner/ })).toBeVisible();
  await expect(teacher.getByRole("row", { name: /Dana Student/ })).toContainText(/FND \d+/);
  await expect(teacher.getByRole("row", { name: /Jo Joiner/ })).toContainText("FND –");
  await teacher.getByLabel("Exam time for Jo Joiner").selectOption({ label: "1.5x time" });
  await teacher
    .getByRole("row", { name: /Jo Joiner/ })
    .getByRole("button", { name: "Save" })
    .click();
  // Nothing changes until the instructor confirms, having seen the resulting time.
  const confirm = teacher.getByRole("alert").filter({ hasText: "Give Jo Joiner 1.5x time in this class?" });
  await expect(confirm).toContainText("A 60-minute assignment: 90 min, extended from 60");
  await expectAccessible(teacher);
  await confirm.getByRole("button", { name: "Yes, set it" }).click();
  await expect(teacher.getByRole("status")).toHaveText(
    "Jo Joiner now has 1.5x time in this class's timed assignments.",
  );
  await teacher.reload();
  await expect(teacher.getByLabel("Exam time for Jo Joiner")).toHaveValue("1.5");
});

test("a student gets 403 on the instructor pages", async ({ page }) => {
  await logIn(page, DEMO.student, DEMO.password);
  const res = await page.goto("/classes");
  expect(res?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Classes" })).toHaveCount(0);
});
