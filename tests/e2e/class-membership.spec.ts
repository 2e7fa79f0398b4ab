import { expect, test } from "@playwright/test";
import { DEMO, expectAccessible, logIn, register, uniqueEmail } from "./helpers.ts";

test("an instructor removes a student, who cannot rejoin with the code; a new code retires the old one; 'allow to rejoin' lets them back", async ({
  browser,
}) => {
  // Two people, a dozen pages each: longer than one journey's usual minute on a busy machine.
  test.slow();
  const teacher = await (await browser.newContext()).newPage();
  await logIn(teacher, DEMO.instructor, DEMO.password);
  await teacher.goto("/classes");
  const name = `Removal ${Date.now()}`;
  await teacher.getByLabel("Class name").fill(name);
  await teacher.getByRole("button", { name: "Create class" }).click();
  await expect(teacher.getByRole("heading", { level: 1, name })).toBeVisible();
  const codeOnPage = async () => (await teacher.locator("span.font-mono").first().textContent())!.trim();
  const code = await codeOnPage();

  const student = await (await browser.newContext()).newPage();
  await register(student, "Rae Removed", uniqueEmail("removed"));
  const join = async (value: string) => {
    await student.goto("/join");
    await student.getByLabel("Class code").fill(value);
    await student.getByRole("button", { name: "Join class" }).click();
  };
  await join(code);
  await expect(student.getByRole("status")).toHaveText(`You joined ${name}.`);

  await teacher.reload();
  await teacher.getByRole("button", { name: "Remove Rae Removed from the class" }).click();
  await expect(teacher.getByRole("status")).toContainText("The join code no longer lets them back in");
  await expect(teacher.getByRole("heading", { name: "Removed students (1)" })).toBeVisible();
  await expect(teacher.getByRole("rowheader", { name: /Rae Removed/ })).toHaveCount(0);
  await expectAccessible(teacher);

  await join(code);
  await expect(student.getByText(/Your instructor removed you from this class.*Ask your instructor/)).toBeVisible();
  await expect(student.getByRole("heading", { name: "Classes you are in" })).toBeVisible();
  await expect(student.getByText("You are not in any class yet")).toBeVisible();
  await expectAccessible(student);

  // A new code, after a confirmation step that needs no JavaScript.
  await teacher.getByText("Change the join code").click();
  await expectAccessible(teacher);
  await teacher.getByRole("button", { name: "Yes, change the code now" }).click();
  await expect(teacher.getByRole("status")).toContainText("The old code and link no longer work");
  await expect(teacher.locator("span.font-mono").first()).not.toHaveText(code);
  const fresh = await codeOnPage();
  await expect(teacher.getByRole("status")).toContainText(`The join code is now ${fresh}.`);

  const newcomer = await (await browser.newContext()).newPage();
  await register(newcomer, "Nia Newcomer", uniqueEmail("newcomer"));
  await newcomer.goto(`/join?code=${code}`);
  await newcomer.getByRole("button", { name: "Join class" }).click();
  await expect(newcomer.getByText("No class has that code. Check it with your instructor.")).toBeVisible();
  await newcomer.goto(`/join?code=${fresh}`);
  await newcomer.getByRole("button", { name: "Join class" }).click();
  await expect(newcomer.getByRole("status")).toHaveText(`You joined ${name}.`);

  // The removed student needs the instructor's say-so, not just the new code.
  await join(fresh);
  await expect(student.getByText(/Your instructor removed you from this class/)).toBeVisible();
  await teacher.getByRole("button", { name: "Allow Rae Removed to rejoin" }).click();
  await expect(teacher.getByRole("status")).toContainText("They can join again with the current code.");
  await join(fresh);
  await expect(student.getByRole("status")).toHaveText(`You joined ${name}.`);
});

test("the open-attempt offer is accessible and Resume goes back to the open simulation", async ({ page }) => {
  await register(page, "Ola Offer", uniqueEmail("offer"));
  await page.goto("/practice");
  await page.getByRole("button", { name: "Start a full simulation" }).click();
  await expect(page).toHaveURL(/\/attempts\/[a-z0-9]+\/q\/1$/);
  const first = page.url().match(/attempts\/([a-z0-9]+)/)![1];
  await page.goto("/practice");
  await page.getByRole("button", { name: "Start a full simulation" }).click();
  await expect(page.getByRole("alert")).toContainText("You already have a full simulation open.");
  await expectAccessible(page);
  await page.getByRole("alert").getByRole("link", { name: "Resume" }).click();
  await expect(page).toHaveURL(new RegExp(`/attempts/${first}`));
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a second simulation offers the open one: Resume, or submit it and start a new one", async ({ page }) => {
    await register(page, "Sam Simulator", uniqueEmail("sim"));
    await page.goto("/practice");
    await page.getByRole("button", { name: "Start a full simulation" }).click();
    await expect(page).toHaveURL(/\/attempts\/[a-z0-9]+\/q\/1$/);
    const first = page.url().match(/attempts\/([a-z0-9]+)/)![1];

    await page.goto("/practice");
    await page.getByRole("button", { name: "Start a full simulation" }).click();
    const offer = page.getByRole("alert");
    await expect(offer).toContainText("You already have a full simulation open.");
    await expect(offer.getByRole("link", { name: "Resume" })).toHaveAttribute("href", `/attempts/${first}`);

    await offer.getByRole("button", { name: "Submit it and start a new one" }).click();
    await expect(page).toHaveURL(/\/attempts\/[a-z0-9]+\/q\/1$/);
    expect(page.url()).not.toContain(first);
    await page.goto(`/attempts/${first}/results`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByText(/0 of 110|0%/).first()).toBeVisible();
  });
});
