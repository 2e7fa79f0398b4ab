import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { simpleParser, type ParsedMail } from "mailparser";

export const DEMO = {
  student: "student@charted.test",
  instructor: "instructor@charted.test",
  editor: "editor@charted.test",
  password: "charted-demo-2026",
};

let counter = 0;
export function uniqueEmail(tag: string) {
  counter += 1;
  return `${tag}-${Date.now()}-${process.pid}-${counter}@example.test`;
}

/** A client address of its own for each registering browser (the e2e server trusts one proxy hop). */
function clientAddress() {
  counter += 1;
  return `10.${process.pid % 250}.${Math.floor(counter / 250) % 250}.${(counter % 250) + 1}`;
}

export async function register(page: Page, name: string, email: string, password = "evening study plan 42") {
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": clientAddress() });
  await page.goto("/register");
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Type the password again").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  // A new account starts with the first-visit onboarding; these journeys skip it (onboarding.spec.ts takes it).
  // Hashing the password takes a moment on a busy machine.
  await expect(page.getByRole("heading", { level: 1, name: `Welcome to Charted, ${name}` })).toBeVisible({
    timeout: 15_000,
  });
  await page.getByRole("button", { name: "Skip for now" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Today" })).toBeVisible();
}

/** Submits the login form; with `expectSuccess`, waits until the learner is signed in. */
export async function logIn(page: Page, email: string, password: string, expectSuccess = password === DEMO.password) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  // Each role has its own home (learner, instructor): signed in is "left the login page".
  if (expectSuccess) {
    await expect(page).not.toHaveURL(/\/login/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  }
}

/** No serious or critical WCAG 2.x A/AA violations on the current page. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

/**
 * The newest email to `to` in the outbox of the server this test runs against (the project's
 * metadata names it), parsed; waits for the server's mail worker to write it.
 */
export async function latestMail(to: string, options: { subject?: RegExp; after?: number; linkTo?: string } = {}) {
  const dir = String(test.info().project.metadata.outbox ?? "data/e2e-outbox");
  let found: ParsedMail | null = null;
  await expect
    .poll(
      async () => {
        found = null;
        if (!existsSync(dir)) return false;
        const files = readdirSync(dir)
          .filter((f) => f.endsWith(".eml"))
          .map((f) => ({ f, t: statSync(join(dir, f)).mtimeMs }))
          .filter((x) => x.t >= (options.after ?? 0))
          .sort((a, b) => b.t - a.t);
        for (const { f } of files) {
          const mail = await simpleParser(readFileSync(join(dir, f)));
          const recipients = (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) =>
            a.value.map((v) => v.address?.toLowerCase()),
          );
          if (!recipients.includes(to.toLowerCase())) continue;
          if (options.subject && !options.subject.test(mail.subject ?? "")) continue;
          if (options.linkTo && !hasLinkTo(mail, options.linkTo)) continue;
          found = mail;
          return true;
        }
        return false;
      },
      { timeout: 15_000, message: `an email to ${to} in ${dir}` },
    )
    .toBe(true);
  return found as unknown as ParsedMail;
}

const linksTo = (mail: ParsedMail, path: string) =>
  ((mail.text ?? "").match(/https?:\/\/\S+/g) ?? []).filter((url) => new URL(url).pathname === path);
const hasLinkTo = (mail: ParsedMail, path: string) => linksTo(mail, path).length > 0;

/** The first link in an email's text part that goes to `path` on this site. */
export function linkIn(mail: ParsedMail, path: string): string {
  const link = linksTo(mail, path)[0];
  if (!link) throw new Error(`no ${path} link in "${mail.subject}"`);
  // The mail was built with APP_URL (or localhost:3000): keep only the path and query, so the
  // test follows it on the server it runs against.
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
}

/** Console errors and page errors that speak of hydration (React 18 reports a mismatch either way). */
export function watchHydration(page: Page) {
  const problems: string[] = [];
  const hydration = /hydrat|did not match|#418|#423|#425/i;
  page.on("console", (m) => {
    if ((m.type() === "error" || m.type() === "warning") && hydration.test(m.text())) problems.push(m.text());
  });
  page.on("pageerror", (e) => {
    if (hydration.test(e.message)) problems.push(e.message);
  });
  return problems;
}
