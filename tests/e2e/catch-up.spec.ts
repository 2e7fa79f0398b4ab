import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { expectAccessible, register, uniqueEmail } from "./helpers.ts";

// The journeys' server runs on data/e2e.db (scripts/e2e-server.mjs). A backlog is weeks of
// missed days: it is written straight into the database, as Prisma stores rows on SQLite
// (dates as ISO-8601 text with +00:00, booleans as 0/1).
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

function seedBacklog(email: string, overdue: number) {
  const db = new Database("data/e2e.db");
  db.pragma("busy_timeout = 5000");
  try {
    const user = db.prepare(`SELECT "id" FROM "User" WHERE "email" = ?`).get(email) as { id: string };
    // A daily limit of 10 (no review history): more than 30 overdue cards is a backlog.
    db.prepare(`UPDATE "Preferences" SET "reviewsPerDay" = 10 WHERE "userId" = ?`).run(user.id);
    const insert = db.prepare(`INSERT INTO "ReviewCard" ("id", "userId", "source", "domainId", "front", "back", "due",
      "stability", "difficulty", "elapsedDays", "scheduledDays", "learningSteps", "reps", "lapses", "state", "lastReview",
      "suspended", "keyHeld", "createdAt") VALUES (?, ?, 'own', 'LAW', ?, ?, ?, ?, 5, 0, ?, 0, 3, 0, 2, ?, 0, 0, ?)`);
    const now = Date.now();
    db.transaction(() => {
      for (let i = 0; i < overdue; i++) {
        // Card 0 is the one most likely forgotten (short stability, long ago) though not the most overdue.
        const weakest = i === 0;
        const stability = weakest ? 0.5 : 10 + i;
        const lastReview = now - (weakest ? 20 : 12 + i) * DAY;
        const due = weakest ? now - 3 * DAY : now - (2 + i) * DAY;
        insert.run(
          `c${randomBytes(12).toString("hex")}`,
          user.id,
          weakest ? "Weakest card: what does HIPAA protect?" : `Backlog card ${i}`,
          "An answer",
          iso(due),
          stability,
          Math.round(stability),
          iso(lastReview),
          iso(now - 60 * DAY),
        );
      }
    })();
  } finally {
    db.close();
  }
}

test("a learner with a backlog plans a catch-up, studies weakest first and sees the plan shrink", async ({ page }) => {
  const email = uniqueEmail("catch-up");
  await register(page, "Cato Backlog", email);
  seedBacklog(email, 40);

  // Home: a short notice with a link.
  await page.goto("/");
  await expect(page.getByText("Review cards have piled up while you were away.")).toBeVisible();
  await page.getByRole("link", { name: "Plan a catch-up" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Catch-up plan" })).toBeVisible();
  const capField = page.getByRole("textbox", { name: "Reviews a day" });
  await expect(page.getByText("40 cards are overdue")).toBeVisible();
  // Suggested: usual work (10) plus a seventh of the backlog, rounded up.
  await expect(capField).toHaveValue("16");
  await expect(page.getByRole("heading", { name: "At 16 reviews a day" })).toBeVisible();
  await expect(page.getByText(/The backlog is cleared in 3 days/)).toBeVisible();
  await expectAccessible(page);

  // A number that is not one is refused, and nothing starts.
  await capField.fill("lots");
  await page.getByRole("button", { name: "Show the plan" }).click();
  await expect(page.getByRole("alert")).toContainText("There is a problem");
  await expect(page.getByText("Enter the number of reviews a day as a whole number, like 80.")).toBeVisible();

  await capField.fill("20");
  await page.getByRole("button", { name: "Show the plan" }).click();
  const table = page.getByRole("table");
  await expect(table.getByRole("row")).toHaveCount(3); // a header and two days
  await expect(table.getByRole("row").nth(1)).toContainText("20");
  await page.getByRole("button", { name: "Start the plan at 20 a day" }).click();
  await expect(page.getByRole("status")).toHaveText(
    "Your catch-up plan has started. New cards are paused until the backlog is cleared.",
  );
  await expect(page.getByRole("heading", { name: "Your plan is running" })).toBeVisible();

  // The review page says so too.
  await page.goto("/review");
  await expect(page.getByText(/Catch-up plan running: at most 20 reviews a day/)).toBeVisible();
  await expectAccessible(page);

  // Studying: the weakest card first (not the most overdue), no new cards, the day's share counts down.
  await page.goto("/review/study");
  await expect(page.getByText("Catch-up plan: 20 of today's 20 reviews left")).toBeVisible();
  await expect(page.locator("#card-front")).toHaveText("Weakest card: what does HIPAA protect?");
  await page.getByRole("link", { name: "Show answer" }).click();
  await page.getByRole("button", { name: /^Good: next review in/ }).click();
  await expect(page.getByText("Catch-up plan: 19 of today's 20 reviews left")).toBeVisible();
  await expect(page.locator("#card-front")).not.toHaveText("Weakest card: what does HIPAA protect?");
  await expectAccessible(page);

  // The remaining plan: 39 overdue, 19 more today, the rest tomorrow.
  await page.getByRole("link", { name: "See the plan" }).click();
  await expect(page.getByText("39 cards are overdue")).toBeVisible();
  await expect(page.getByText("Today's share includes the 1 review you already did.")).toBeVisible();
  await expect(table.getByRole("row").nth(1).getByRole("cell").first()).toHaveText("19");
  await expectAccessible(page);

  await page.getByRole("button", { name: "Stop the plan" }).click();
  await expect(page.getByRole("status")).toHaveText(
    "Your catch-up plan has stopped. Your usual daily limits apply again.",
  );
  await expect(page.getByRole("heading", { name: "Your plan is running" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Start the plan at 16 a day" })).toBeVisible();
});

test("in the exam's last week a learner turns final review on and off", async ({ page }) => {
  const email = uniqueEmail("final-review");
  await register(page, "Fina Review", email);
  await page.goto("/review");
  await expect(page.getByRole("heading", { name: "Final review" })).toHaveCount(0);

  const db = new Database("data/e2e.db");
  try {
    const inThreeDays = new Date(Date.now() + 3 * DAY).toISOString().slice(0, 10);
    db.prepare(
      `UPDATE "Preferences" SET "examDate" = ? WHERE "userId" = (SELECT "id" FROM "User" WHERE "email" = ?)`,
    ).run(`${inThreeDays}T00:00:00.000+00:00`, email);
  } finally {
    db.close();
  }
  await page.goto("/review");
  const section = page.getByRole("region", { name: "Final review" });
  await expect(section).toContainText("Your exam is less than a week away.");
  await section.getByRole("button", { name: "Turn final review on" }).click();
  await expect(section).toContainText("Final review is on: cards due in the next 3 days come now too");
  await expectAccessible(page);
  await page.goto("/review/study");
  await expect(page.getByText(/^Final review: cards due in the next 3 days come now too/)).toBeVisible();
  await page.goto("/review");
  await section.getByRole("button", { name: "Turn final review off" }).click();
  await expect(section.getByRole("button", { name: "Turn final review on" })).toBeVisible();
});

test("the catch-up plan works without JavaScript", async ({ page, browser }) => {
  const email = uniqueEmail("catch-up-nojs");
  await register(page, "Noah Script", email);
  seedBacklog(email, 40);
  const context = await browser.newContext({ javaScriptEnabled: false });
  await context.addCookies(await page.context().cookies());
  const plain = await context.newPage();
  await plain.goto("/review/catch-up");
  await plain.getByRole("textbox", { name: "Reviews a day" }).fill("20");
  await plain.getByRole("button", { name: "Show the plan" }).click();
  await expect(plain).toHaveURL(/\/review\/catch-up\?cap=20$/);
  await plain.getByRole("button", { name: "Start the plan at 20 a day" }).click();
  await expect(plain.getByRole("heading", { name: "Your plan is running" })).toBeVisible();
  await plain.getByRole("button", { name: "Stop the plan" }).click();
  await expect(plain.getByRole("status")).toHaveText(
    "Your catch-up plan has stopped. Your usual daily limits apply again.",
  );
  await context.close();
});
