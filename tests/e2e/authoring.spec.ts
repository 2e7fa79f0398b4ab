import { expect, test } from "@playwright/test";
import { DEMO, expectAccessible, logIn } from "./helpers.ts";

test("an instructor writes a question, fixes what the checks flag, and finds it when picking for an assignment", async ({
  page,
}) => {
  await logIn(page, DEMO.instructor, DEMO.password);
  await page.goto("/classes");
  await page.getByRole("link", { name: "My questions" }).click();
  await page.getByRole("link", { name: "Write a question" }).click();
  const marker = `${Date.now()}`;
  await page
    .getByLabel("Question", { exact: true })
    .fill(
      `Scenario ${marker}: a caller asks for a **patient's** lab result <script>alert(1)</script>. What do you do?`,
    );
  for (const [l, text] of [
    ["A", "Verify identity and authorization"],
    ["B", "Read it out"],
    ["C", "Email it"],
    ["D", "Hang up"],
  ]) {
    await page.getByLabel(`Option ${l} text`).fill(text);
    await page
      .getByLabel(`Why option ${l} is right or wrong`)
      .fill(l === "A" ? "The Privacy Rule requires it." : "short");
  }
  await page.getByRole("group", { name: "Correct option" }).getByLabel("A", { exact: true }).check();
  await page.getByLabel("Knowledge area").selectOption("LAW.K02");
  await page.getByLabel("Title").fill("Summary of the HIPAA Privacy Rule");
  await page.getByLabel("Publisher (e.g. HHS, CMS, AMA)").fill("HHS");
  await page.getByRole("button", { name: "Save question" }).click();
  // Rationales under 10 characters are refused, and what was typed is kept.
  await expect(page.getByRole("alert")).toContainText("not saved");
  await expect(page.getByLabel("Option B text")).toHaveValue("Read it out");
  await expect(page.getByText("A rationale needs at least 10 characters.").first()).toBeVisible();
  await expectAccessible(page);
  for (const l of ["B", "C", "D"])
    await page
      .getByLabel(`Why option ${l} is right or wrong`)
      .fill(`Option ${l} would disclose PHI without authorization.`);
  await page.getByRole("button", { name: "Save question" }).click();
  await expect(page.getByText("Question saved.")).toBeVisible();
  // Markdown renders; the script tag shows as text and never runs.
  const item = page.getByRole("listitem").filter({ hasText: `Scenario ${marker}` });
  await expect(item.locator("strong")).toHaveText("patient's");
  await expect(item).toContainText("<script>alert(1)</script>");
  await expectAccessible(page);

  // It is offered when hand-picking questions for an assignment.
  await page.goto("/classes");
  const name = `Authoring ${marker}`;
  await page.getByLabel("Class name").fill(name);
  await page.getByRole("button", { name: "Create class" }).click();
  await page.getByRole("link", { name: "New assignment" }).click();
  await page.getByLabel("Words in the question").fill(`Scenario ${marker}`);
  await page
    .getByRole("button", { name: /Search/ })
    .first()
    .click();
  await expect(page.getByText("Your question ·")).toBeVisible();
});
