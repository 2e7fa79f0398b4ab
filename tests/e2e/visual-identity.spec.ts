// The visual identity (issue 19): the self-hosted font, a header that stays one row on a laptop,
// domain mastery rings with text alternatives, the celebration at the end of a review session
// (still under reduced motion), empty states with a next step, and axe in both themes.
import { expect, test, type Page } from "@playwright/test";
import { DEMO, expectAccessible, logIn, register, uniqueEmail } from "./helpers.ts";

// A shared machine can be slow: each journey here loads several pages and runs axe.
test.describe.configure({ timeout: 120_000 });

async function setTheme(page: Page, theme: "light" | "dark") {
  // The theme cookie as the toggle's form post sets it (app/utils/theme.server.ts: a Remix
  // cookie, base64 of the JSON value).
  await page.context().addCookies([
    {
      name: "theme",
      value: Buffer.from(JSON.stringify(theme)).toString("base64"),
      url: test.info().project.use.baseURL!,
    },
  ]);
}

/** Height of the header's content row vs one row's height (the tallest child). */
async function headerRows(page: Page) {
  return page
    .locator("header")
    .first()
    .evaluate((header) => {
      const row = header.firstElementChild as HTMLElement;
      const children = [...row.children] as HTMLElement[];
      const tallest = Math.max(...children.map((c) => c.getBoundingClientRect().height));
      // Children are centred on one line: their middles agree (to the pixel) when nothing wrapped.
      const middles = new Set(
        children.map((c) => {
          const r = c.getBoundingClientRect();
          return Math.round((r.top + r.bottom) / 2);
        }),
      );
      const style = getComputedStyle(row);
      const inner = row.getBoundingClientRect().height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
      return { lines: Math.max(...middles) - Math.min(...middles) <= 1 ? 1 : middles.size, inner, tallest };
    });
}

test("the variable font is self-hosted and used for text", async ({ page }) => {
  const fontRequests: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "font") fontRequests.push(r.url());
  });
  await page.goto("/learn");
  await page.evaluate(() => document.fonts.ready);
  const family = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  expect(family).toMatch(/^"Atkinson Hyperlegible Next Variable"/);
  expect(await page.evaluate(() => document.fonts.check('16px "Atkinson Hyperlegible Next Variable"'))).toBe(true);
  const loaded = await page.evaluate(() =>
    [...document.fonts].some((f) => f.family.includes("Atkinson Hyperlegible Next") && f.status === "loaded"),
  );
  expect(loaded).toBe(true);
  // From this origin only (no font CDN).
  expect(fontRequests.length).toBeGreaterThan(0);
  for (const url of fontRequests) expect(new URL(url).origin).toBe(new URL(page.url()).origin);
});

for (const theme of ["light", "dark"] as const) {
  test(`the header is one row at 1366 px for an admin, ${theme} theme`, async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await logIn(page, DEMO.editor, DEMO.password);
    await setTheme(page, theme);
    await page.goto("/progress");
    await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Admin" })).toBeVisible();
    const rows = await headerRows(page);
    expect(rows.lines).toBe(1);
    expect(rows.inner).toBeLessThanOrEqual(rows.tallest + 1);
    // Icons are decoration: the links keep their names.
    await expect(nav.getByRole("link", { name: "Learn", exact: true })).toBeVisible();
    // Usable at 1024 px: every section is reachable and nothing scrolls sideways.
    await page.setViewportSize({ width: 1024, height: 768 });
    for (const name of ["Learn", "Practice", "Review", "Progress", "Glossary", "Search", "Classes", "Reports", "Admin"])
      await expect(nav.getByRole("link", { name, exact: true })).toBeInViewport();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
  });
}

test("the progress page shows a mastery ring per domain with its value as text", async ({ page }) => {
  await logIn(page, DEMO.student, DEMO.password);
  await page.goto("/progress");
  const rings = page.getByRole("list", { name: "Mastery of each domain" }).getByRole("img");
  await expect(rings).toHaveCount(7);
  // The seeded learner has answers in every domain: each ring names its domain and its number.
  for (const ring of await rings.all()) {
    await expect(ring).toHaveAccessibleName(/^.+ mastery: (\d+ out of 100|not enough data yet)$/);
    const value = await ring.getAttribute("data-progress-ring");
    const name = await ring.getAttribute("aria-label");
    if (!name!.includes("not enough")) {
      expect(name).toContain(`${value} out of 100`);
      await expect(ring.locator("text")).toHaveText(value!);
    }
  }
  await expect(rings.first()).toHaveAccessibleName(/^Foundational Knowledge mastery: /);
});

test("a new learner sees empty states that say what to do next", async ({ page }) => {
  await register(page, "Emma Empty", uniqueEmail("empty"));
  await page.goto("/progress");
  await expect(page.getByRole("heading", { name: "No mastery yet" })).toBeVisible();
  await expect(
    page.getByRole("list", { name: "Mastery of each domain" }).getByRole("img").first(),
  ).toHaveAccessibleName(/not enough data yet/);
  await page.getByRole("link", { name: "Start a practice quiz" }).click();
  await expect(page).toHaveURL(/\/practice$/);
  await expect(page.getByRole("heading", { name: "No results yet" })).toBeVisible();
  await page.goto("/search?q=zzzqqqxx");
  await expect(page.getByRole("heading", { name: "No results for “zzzqqqxx”" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Browse the glossary" })).toBeVisible();
  await page.goto("/reports");
  await expect(page.getByRole("heading", { name: "No reports yet" })).toBeVisible();
  await expectAccessible(page);
});

/** New cards per day down to two, then studies a deck to its end (Easy graduates a new card). */
async function finishASession(page: Page) {
  await page.goto("/review/settings");
  await page.getByLabel("New cards per day").fill("2");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").first()).toBeVisible();
  await page.goto("/review/study?deck=SCH");
  for (let i = 1; i <= 2; i++) {
    await page.getByRole("link", { name: "Show answer" }).click();
    await page.getByRole("button", { name: /^Easy: next review in/ }).click();
    await expect(page.getByText(`${i} done today`)).toBeVisible();
  }
}

test("finishing a review session celebrates with the session's numbers", async ({ page }) => {
  await register(page, "Cele Bration", uniqueEmail("celebrate"));
  await finishASession(page);
  await expect(page.getByRole("heading", { level: 1, name: "All done for now" })).toBeVisible();
  const celebration = page.locator("[data-celebration]");
  await expect(celebration).toContainText("Session complete: 2 cards reviewed today.");
  // The burst animates once (no repeat, so nothing flashes).
  const animations = await celebration.evaluate((el) =>
    el.getAnimations({ subtree: true }).map((a) => (a.effect as KeyframeEffect).getTiming().iterations),
  );
  expect(animations.length).toBeGreaterThan(0);
  expect(animations.every((n) => n === 1)).toBe(true);
  await expectAccessible(page);
});

test.describe("with reduced motion", () => {
  test.use({ reducedMotion: "reduce" });
  test("the celebration is static", async ({ page }) => {
    await register(page, "Still Life", uniqueEmail("still"));
    await finishASession(page);
    const celebration = page.locator("[data-celebration]");
    await expect(celebration).toContainText("Session complete: 2 cards reviewed today.");
    expect(await celebration.evaluate((el) => el.getAnimations({ subtree: true }).length)).toBe(0);
    // The check stays; the dots that would fly out are not shown.
    await expect(celebration.locator(".celebrate-check")).toBeVisible();
    expect(
      await celebration
        .locator(".celebrate-dot")
        .first()
        .evaluate((d) => getComputedStyle(d).opacity),
    ).toBe("0");
  });
});

for (const theme of ["light", "dark"] as const) {
  // One test per page, so a slow machine's axe runs do not add up to one test's timeout.
  for (const path of [
    "/",
    "/learn",
    "/learn/foundational",
    "/progress",
    "/review",
    "/review/study?deck=FND",
    "/search?q=hipaa",
  ])
    test(`${path} passes axe in the ${theme} theme`, async ({ page }) => {
      await logIn(page, DEMO.student, DEMO.password);
      await setTheme(page, theme);
      await page.goto(path);
      await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
      await expectAccessible(page);
    });

  test(`a lesson page passes axe in the ${theme} theme`, async ({ page }) => {
    await setTheme(page, theme);
    await page.goto("/learn/foundational");
    await page
      .locator("main ol a, main ul a")
      .filter({ hasNotText: /^Learn$/ })
      .first()
      .click();
    await expect(page.locator(".lesson-body")).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
    await expectAccessible(page);
  });

  test(`a submitted quiz celebrates on its results page and passes axe, ${theme} theme`, async ({ page }) => {
    await register(page, "Quinn Quiz", uniqueEmail(`results-${theme}`));
    await setTheme(page, theme);
    await page.goto("/practice");
    await page.getByLabel("All domains").check();
    await page.getByLabel("Number of questions").fill("5");
    await page.getByRole("button", { name: "Start practice" }).click();
    await expect(page).toHaveURL(/\/attempts\/[^/]+\/q\/1/);
    const attempt = page.url().match(/\/attempts\/([^/]+)/)![1];
    await page.goto(`/attempts/${attempt}/review`);
    await page.getByRole("button", { name: "Yes, submit my answers" }).click();
    await expect(page).toHaveURL(/\/results/);
    await expect(page.locator("[data-celebration]")).toContainText("You answered 0 of 5 questions correctly (0%)");
    // Each domain row carries its chip (its name, in its colour).
    await expect(page.locator("table .domain-chip").first()).toBeVisible();
    await expectAccessible(page);
  });
}
