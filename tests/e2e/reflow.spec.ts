import { expect, test, type Page } from "@playwright/test";
import { DEMO, logIn, register, uniqueEmail } from "./helpers.ts";

// WCAG 1.4.10 Reflow: at 320 CSS pixels wide no page scrolls sideways. Data tables may scroll in
// their own box; the page itself may not. Names and emails are long on purpose: they are what
// used to push pages wider than the screen.

const LONG_NAME = "Hubertina Wolfeschlegelsteinhausenbergerdorffwelchevoralternwaren";
const longEmail = () => uniqueEmail("hubertina.wolfeschlegelsteinhausenbergerdorff");

test.use({ viewport: { width: 320, height: 640 } });

/** Visits `url` and checks the page is no wider than the screen; names what sticks out if it is. */
async function expectReflows(page: Page, url: string) {
  const response = await page.goto(url);
  expect.soft(response?.status() ?? 0, `${url} loads`).toBeLessThan(400);
  await checkCurrentPage(page, url);
}

async function checkCurrentPage(page: Page, label: string) {
  const { width, culprits } = await page.evaluate(() => {
    const limit = document.documentElement.clientWidth;
    const scrollsItself = (el: Element | null): boolean => {
      for (let p = el?.parentElement; p; p = p.parentElement) {
        const overflow = getComputedStyle(p).overflowX;
        if (overflow === "auto" || overflow === "scroll" || overflow === "hidden") return true;
      }
      return false;
    };
    const culprits = [...document.body.querySelectorAll("*")]
      .filter((el) => el.getBoundingClientRect().right > limit + 0.5 && !scrollsItself(el))
      .slice(0, 5)
      .map(
        (el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} "${(el.textContent ?? "").slice(0, 40)}"`,
      );
    return { width: document.documentElement.scrollWidth, culprits };
  });
  expect.soft(width, `${label} is no wider than 320 px; widest: ${culprits.join(" | ")}`).toBeLessThanOrEqual(320);
}

test("public pages reflow at 320 px", async ({ page }) => {
  test.setTimeout(120_000);
  for (const url of [
    "/",
    "/learn",
    "/learn/law",
    "/learn/scheduling/urgent-requests-delays-and-walk-ins",
    "/glossary",
    "/glossary/hipaa",
    "/search?q=hipaa",
    "/login",
    "/register",
    "/forgot-password",
    "/instructor-access",
    "/review/offline",
  ])
    await expectReflows(page, url);
});

test("a learner's pages reflow at 320 px, with a long name in the header", async ({ page }) => {
  test.setTimeout(180_000);
  await register(page, LONG_NAME, longEmail());
  await checkCurrentPage(page, "home (new learner)");
  // The account menu, open: the long name and email stay inside the screen.
  await page.getByText(LONG_NAME, { exact: false }).first().click();
  await checkCurrentPage(page, "home with the account menu open");

  for (const url of [
    "/learn",
    "/learn/scheduling/urgent-requests-delays-and-walk-ins",
    "/glossary",
    "/search?q=deductible",
    "/practice",
    "/review",
    "/review/study",
    "/review/study?reveal=1",
    "/review/new",
    "/review/cards",
    "/review/stats",
    "/review/settings",
    "/review/catch-up",
    "/progress",
    "/progress/plan",
    "/account",
    "/account/data",
    "/join",
    "/reports",
  ])
    await expectReflows(page, url);

  // A practice quiz: a question, the check before submitting, the results.
  await page.goto("/practice");
  await page.getByLabel("Medical Law, Ethics, and Compliance").check();
  await page.getByLabel("Number of questions (5–135)").fill("5");
  await page.getByRole("button", { name: "Start practice" }).click();
  await expect(page.getByText(/Question 1 of 5$/)).toBeVisible();
  await checkCurrentPage(page, "an exam question");
  await page.getByRole("radio").first().check();
  await page.goto(page.url().replace(/\/q\/\d+$/, "/review"));
  await checkCurrentPage(page, "review before submitting");
  await page.getByRole("button", { name: "Yes, submit my answers" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Practice results" })).toBeVisible();
  await checkCurrentPage(page, "practice results");
});

test("the demo learner's pages, with six weeks of history, reflow at 320 px", async ({ page }) => {
  test.setTimeout(120_000);
  await logIn(page, DEMO.student, DEMO.password);
  await checkCurrentPage(page, "home (demo learner)");
  for (const url of ["/progress", "/progress/plan", "/review", "/review/stats", "/review/cards", "/practice"])
    await expectReflows(page, url);
});

test("instructor and admin pages reflow at 320 px, with long names on the roster", async ({ browser }) => {
  test.setTimeout(150_000);
  const teacher = await (await browser.newContext({ viewport: { width: 320, height: 640 } })).newPage();
  await logIn(teacher, DEMO.instructor, DEMO.password);
  await checkCurrentPage(teacher, "instructor home");
  await teacher.goto("/classes");
  await checkCurrentPage(teacher, "/classes");
  const className = `Reflow ${Date.now()}`;
  await teacher.getByLabel("Class name").fill(className);
  await teacher.getByRole("button", { name: "Create class" }).click();
  await expect(teacher.getByRole("heading", { level: 1, name: className })).toBeVisible();
  const classUrl = teacher.url();
  const code = (await teacher.locator("span.font-mono").first().textContent())!.trim();

  await teacher.getByRole("link", { name: "New assignment" }).click();
  await checkCurrentPage(teacher, "new assignment");
  const title = `Reflow quiz ${Date.now()}`;
  await teacher.getByLabel("Title").fill(title);
  await teacher.getByLabel("Drawn from the domains ticked below").check();
  await teacher.getByLabel("Medical Law, Ethics, and Compliance").check();
  await teacher.getByLabel("Number of questions to draw (5–135)").fill("5");
  await teacher.getByRole("button", { name: "Create assignment" }).click();
  await expect(teacher.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const assignmentUrl = teacher.url();

  // A learner with a long name and email joins and submits.
  const student = await (await browser.newContext({ viewport: { width: 320, height: 640 } })).newPage();
  const email = longEmail();
  await register(student, LONG_NAME, email);
  await student.goto(`/join?code=${code}`);
  await student.getByRole("button", { name: "Join class" }).click();
  await expect(student.getByRole("status")).toHaveText(`You joined ${className}.`);
  await checkCurrentPage(student, "/join with a class");
  await student.getByRole("link", { name: title }).click();
  await checkCurrentPage(student, "an assignment (student)");
  await student.getByRole("button", { name: "Start assignment" }).click();
  await student.getByRole("radio").first().check();
  await student.goto(student.url().replace(/\/q\/\d+$/, "/review"));
  await student.getByRole("button", { name: "Yes, submit my answers" }).click();
  await expect(student.getByRole("heading", { level: 1, name: `Results: ${title}` })).toBeVisible();
  await checkCurrentPage(student, "assignment results (student)");

  await expectReflows(teacher, classUrl);
  await expectReflows(teacher, assignmentUrl);
  await teacher.getByRole("link", { name: LONG_NAME }).first().click();
  await expect(teacher.getByRole("heading", { level: 1 })).toContainText(title);
  await checkCurrentPage(teacher, "a student's work");
  for (const url of ["/classes/questions", "/classes/questions/new", "/classes/questions/import", "/account"])
    await expectReflows(teacher, url);

  const admin = await (await browser.newContext({ viewport: { width: 320, height: 640 } })).newPage();
  await logIn(admin, DEMO.editor, DEMO.password);
  for (const url of [
    "/admin",
    "/admin/users",
    `/admin/users?q=${encodeURIComponent(email)}`,
    "/admin/audit",
    "/admin/invitations",
    "/admin/requests",
    "/admin/lti",
    "/reports/queue",
  ])
    await expectReflows(admin, url);
  await admin.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  await admin.getByRole("link", { name: LONG_NAME }).first().click();
  await expect(admin.getByRole("heading", { level: 1 })).toBeVisible();
  await checkCurrentPage(admin, "an admin's view of one user");
});
