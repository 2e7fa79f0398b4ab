import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, register, uniqueEmail } from "./helpers.ts";

// The journeys' server runs on data/e2e.db (scripts/e2e-server.mjs). Time cannot pass in a test,
// so what a week brings (a due date gone by, a student who joined long ago) is written straight
// into the database, as Prisma stores rows on SQLite (dates as ISO-8601 text with +00:00).
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

function withDb<T>(work: (db: Database.Database) => T): T {
  const db = new Database("data/e2e.db");
  db.pragma("busy_timeout = 5000");
  try {
    return work(db);
  } finally {
    db.close();
  }
}

const userId = (db: Database.Database, email: string) =>
  (db.prepare(`SELECT "id" FROM "User" WHERE "email" = ?`).get(email) as { id: string }).id;

const option = (page: Page, letter: string) => page.getByRole("radio", { name: new RegExp(`^${letter}\\.`) });

test("an instructor's home lists the overdue assignment, the new submission and the inactive student, with working links", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const stamp = Date.now();
  const teacherEmail = uniqueEmail("home-teacher");
  const teacher = await (await browser.newContext()).newPage();
  await register(teacher, "Ines Instructor", teacherEmail);
  withDb((db) => db.prepare(`UPDATE "User" SET "role" = 'instructor' WHERE "email" = ?`).run(teacherEmail));

  // No class yet: the home says what to do first.
  await teacher.goto("/");
  await expect(teacher.getByRole("heading", { level: 1, name: "Today in your classes" })).toBeVisible();
  await teacher.getByRole("link", { name: "Create your first class" }).click();
  const className = `Home class ${stamp}`;
  await teacher.getByLabel("Class name").fill(className);
  await teacher.getByRole("button", { name: "Create class" }).click();
  await expect(teacher.getByRole("heading", { level: 1, name: className })).toBeVisible();
  const code = (await teacher.locator("span.font-mono").first().textContent())!.trim();
  await teacher.getByRole("link", { name: "New assignment" }).click();
  const title = `Home quiz ${stamp}`;
  await teacher.getByLabel("Title").fill(title);
  await teacher.getByLabel("Drawn from the domains ticked below").check();
  await teacher.getByLabel("Medical Law, Ethics, and Compliance").check();
  await teacher.getByLabel("Number of questions to draw (5–135)").fill("5");
  await teacher.getByRole("button", { name: "Create assignment" }).click();
  await expect(teacher.getByRole("heading", { level: 1, name: title })).toBeVisible();

  // One student takes the assignment; another joins and never studies.
  const students = await browser.newContext();
  const doer = await students.newPage();
  const doerEmail = uniqueEmail("home-doer");
  await register(doer, "Dana Doer", doerEmail);
  await doer.goto(`/join?code=${code}`);
  await doer.getByRole("button", { name: "Join class" }).click();
  await expect(doer.getByRole("status")).toHaveText(`You joined ${className}.`);
  await doer.getByRole("link", { name: title }).click();
  await doer.getByRole("button", { name: "Start assignment" }).click();
  for (let n = 1; n <= 5; n++) {
    await expect(doer.getByText(`Question ${n} of 5`)).toBeVisible();
    await option(doer, "A").check();
    await expect(doer.getByText("Answer saved.")).toBeVisible();
    await doer.getByRole("button", { name: n === 5 ? "Review and submit" : "Next" }).click();
  }
  await doer.getByRole("button", { name: "Yes, submit my answers" }).click();
  await expect(doer.getByRole("heading", { level: 1, name: `Results: ${title}` })).toBeVisible();

  const quietContext = await browser.newContext();
  const quiet = await quietContext.newPage();
  const quietEmail = uniqueEmail("home-quiet");
  await register(quiet, "Quinn Quiet", quietEmail);
  await quiet.goto(`/join?code=${code}`);
  await quiet.getByRole("button", { name: "Join class" }).click();
  await expect(quiet.getByRole("status")).toHaveText(`You joined ${className}.`);

  // A week and a half later: the quiet student joined ten days ago and the quiz was due yesterday.
  const now = Date.now();
  withDb((db) => {
    db.prepare(`UPDATE "ClassMembership" SET "joinedAt" = ? WHERE "userId" = ?`).run(
      iso(now - 10 * DAY),
      userId(db, quietEmail),
    );
    db.prepare(`UPDATE "Assignment" SET "opensAt" = ?, "dueAt" = ? WHERE "title" = ?`).run(
      iso(now - 12 * DAY),
      iso(now - DAY),
      title,
    );
  });

  await teacher.goto("/");
  await expect(teacher.getByRole("heading", { level: 1, name: "Today in your classes" })).toBeVisible();
  const assignments = teacher.getByRole("region", { name: "Assignments" });
  await expect(assignments.getByRole("link", { name: className })).toBeVisible();
  // The class is a list item too: the assignment is the innermost one.
  const overdueRow = assignments.getByRole("listitem").filter({ hasText: title }).last();
  await expect(overdueRow).toContainText("Overdue");
  await expect(overdueRow).toContainText("1 of 2 not submitted");

  const submissions = teacher.getByRole("region", { name: "New submissions" });
  await expect(submissions.getByRole("link", { name: `Dana Doer: ${title}` })).toBeVisible();

  const checkOn = teacher.getByRole("region", { name: "Students to check on" });
  const inactive = checkOn.getByRole("region", { name: "Inactive for a week" });
  await expect(inactive.getByRole("listitem").filter({ hasText: "Quinn Quiet" })).toContainText("Has not studied yet");
  const behind = checkOn.getByRole("region", { name: "Falling behind" });
  await expect(behind.getByRole("listitem").filter({ hasText: "Quinn Quiet" })).toContainText("Missed a due date");
  await expectAccessible(teacher);
  await teacher.emulateMedia({ colorScheme: "dark" });
  await expectAccessible(teacher);
  await teacher.emulateMedia({ colorScheme: "light" });

  // The links go where they say.
  await submissions.getByRole("link", { name: `Dana Doer: ${title}` }).click();
  await expect(teacher.getByRole("heading", { level: 1 })).toContainText("Dana Doer");
  await teacher.goBack();
  await overdueRow.getByRole("link", { name: title }).click();
  await expect(teacher.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(teacher.getByText("Dana Doer").first()).toBeVisible();
  await teacher.goBack();
  await inactive.getByRole("link", { name: "Quinn Quiet" }).click();
  await expect(teacher.getByRole("heading", { level: 1, name: className })).toBeVisible();
  await students.close();
  await quietContext.close();
});
