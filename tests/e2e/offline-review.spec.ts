import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { applyGrade, newCardFields, type Grade } from "../../app/review/scheduler.ts";
import { expectAccessible, register, uniqueEmail } from "./helpers.ts";

// Offline review end to end: the app is installable (manifest, icons, service worker), the
// review page saves the learner's cards in the browser, ratings made offline are queued and
// synced when the connection returns, and the server then holds what the same ratings made
// online would have given.

function pngSize(body: Buffer) {
  expect(body.subarray(1, 4).toString("ascii")).toBe("PNG");
  return [body.readUInt32BE(16), body.readUInt32BE(20)];
}

/** The number of cards in this browser's offline deck (0 before one is saved). */
function offlineCards(page: Page) {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes("charted-offline")) return [];
    return new Promise<string[]>((resolve) => {
      const req = indexedDB.open("charted-offline");
      req.onsuccess = () => {
        const get = req.result.transaction("decks").objectStore("decks").getAll();
        get.onsuccess = () => {
          const decks = get.result as { cards: { ref: string }[] }[];
          resolve(decks.length ? decks[0].cards.map((c) => c.ref) : []);
          req.result.close();
        };
      };
      req.onerror = () => resolve([]);
    });
  });
}

interface LogRow {
  contentCardId: string;
  rating: number;
  state: number;
  review: string | number;
  requestId: string;
}
interface CardRow {
  contentCardId: string;
  state: number;
  reps: number;
  lapses: number;
  stability: number;
  difficulty: number;
  learningSteps: number;
  due: string | number;
  lastReview: string | number;
}

/** The learner's ratings (in review order) and cards, read from the e2e server's database. */
function serverState(email: string) {
  const db = new Database("data/e2e.db", { readonly: true, fileMustExist: true });
  try {
    const logs = db
      .prepare(
        `SELECT r."contentCardId", l."rating", l."state", l."review", l."requestId" FROM "ReviewLog" l
         JOIN "ReviewCard" r ON r."id" = l."cardId" JOIN "User" u ON u."id" = l."userId"
         WHERE u."email" = ? ORDER BY l."review"`,
      )
      .all(email) as LogRow[];
    const cards = db
      .prepare(
        `SELECT r."contentCardId", r."state", r."reps", r."lapses", r."stability", r."difficulty", r."learningSteps",
           r."due", r."lastReview"
         FROM "ReviewCard" r JOIN "User" u ON u."id" = r."userId" WHERE u."email" = ? ORDER BY r."contentCardId"`,
      )
      .all(email) as CardRow[];
    return { logs, cards };
  } finally {
    db.close();
  }
}

const GRADES: Grade[] = [3, 3, 4, 1];
const GRADE_NAMES: Record<Grade, string> = { 1: "Again", 2: "Hard", 3: "Good", 4: "Easy" };

test("install the app, review offline, and sync: the server ends as an all-online run", async ({
  page,
  context,
  browser,
}) => {
  // Installable: the manifest and its icons.
  const manifestResponse = await page.request.get("/manifest.webmanifest");
  expect(manifestResponse.ok()).toBe(true);
  expect(manifestResponse.headers()["content-type"]).toContain("application/manifest+json");
  const manifest = await manifestResponse.json();
  expect(manifest).toMatchObject({
    name: "Charted: CMAA exam prep",
    short_name: "Charted",
    start_url: "/review",
    display: "standalone",
    theme_color: "#0b5cad",
  });
  for (const size of [192, 512])
    for (const purpose of ["any", "maskable"])
      expect(manifest.icons).toContainEqual(
        expect.objectContaining({ sizes: `${size}x${size}`, type: "image/png", purpose }),
      );
  for (const icon of manifest.icons as { src: string; sizes: string }[]) {
    const res = await page.request.get(icon.src);
    expect(res.headers()["content-type"]).toBe("image/png");
    expect(pngSize(await res.body()).join("x")).toBe(icon.sizes);
  }

  const email = uniqueEmail("offline");
  await register(page, "Olive Offline", email);
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
  await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute("content", "#0b5cad");

  // One rating online, on the study page.
  // (Clicks, not keys: under load the page may not be hydrated yet, and links and forms work without it.)
  await page.goto("/review/study");
  await page.getByRole("link", { name: "Show answer" }).click();
  await page.getByRole("button", { name: new RegExp(`^${GRADE_NAMES[GRADES[0]]}: next review in`) }).click();
  await expect(page.getByText("1 done today")).toBeVisible();

  // The review page registers the service worker, which keeps the offline page, and saves the cards.
  await page.goto("/review");
  expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL)).toMatch(/\/sw\.js$/);
  await expect.poll(() => page.evaluate(async () => Boolean(await caches.match("/review/offline")))).toBe(true);
  // It stores the offline page and its assets, the notice, the manifest and icons: no signed-in page.
  const cached = await page.evaluate(async () =>
    (await (await caches.open("charted-offline-v1")).keys()).map((r) => new URL(r.url).pathname),
  );
  expect(cached.filter((path) => !path.startsWith("/assets/")).sort()).toEqual([
    "/favicon.svg",
    "/icons/icon-192.png",
    "/icons/icon-512.png",
    "/manifest.webmanifest",
    "/offline.html",
    "/review/offline",
  ]);
  expect(cached.some((path) => /^\/assets\/entry\.client-.+\.js$/.test(path))).toBe(true);
  await expect.poll(async () => (await offlineCards(page)).some((ref) => ref.startsWith("card:"))).toBe(true);
  expect((await offlineCards(page)).length).toBeGreaterThan(20);

  // Offline: the page comes from the service worker's copy, which holds nobody's name.
  await context.setOffline(true);
  const offlineLoad = await page.goto("/review/offline");
  expect(offlineLoad?.fromServiceWorker()).toBe(true);
  await expect(page.getByRole("heading", { level: 1, name: "Review offline" })).toBeVisible();
  await expect(page.getByText("Olive Offline")).toHaveCount(0);
  await expect(page.getByRole("status")).toHaveText("Offline — 0 ratings waiting");
  await expect(page.getByText("1 done today")).toBeVisible();
  await expectAccessible(page);
  for (const [i, grade] of GRADES.slice(1).entries()) {
    const front = await page.locator("#card-front").textContent();
    await page.keyboard.press(i === 0 ? "Enter" : " ");
    await expect(page.getByRole("button", { name: /^Easy: next review in/ })).toBeVisible();
    await page.keyboard.press(String(grade));
    await expect(page.getByRole("status")).toHaveText(`Offline — ${i + 1} rating${i ? "s" : ""} waiting`);
    await expect(page.locator("#card-front")).not.toHaveText(front!);
  }
  await expect(page.getByText("4 done today")).toBeVisible();

  // Other pages say what works offline; exams need the server's clock. Review pages go to offline review.
  const other = await context.newPage();
  await other.goto("/practice");
  await expect(other.getByRole("heading", { name: "You are offline" })).toBeVisible();
  await expect(other.getByText("Exams need a connection.")).toBeVisible();
  await expectAccessible(other);
  await other.goto("/review/study");
  await expect(other).toHaveURL(/\/review\/offline$/);
  await other.close();

  // Back online: the queue is sent.
  await context.setOffline(false);
  await expect(page.getByRole("status")).toHaveText("Synced");
  const offlineRun = serverState(email);
  expect(offlineRun.logs.map((l) => l.rating)).toEqual(GRADES);
  for (const log of offlineRun.logs.slice(1))
    expect(log.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  // Each synced rating was scheduled at the time it was made offline (not when it arrived): the
  // stored card is exactly ts-fsrs's answer for a new card rated then, with the app's settings.
  for (const log of offlineRun.logs.slice(1)) {
    const at = new Date(log.review);
    const card = offlineRun.cards.find((c) => c.contentCardId === log.contentCardId)!;
    const expected = applyGrade(newCardFields(at), log.rating as Grade, at, { desiredRetention: 0.9, fuzz: true }).card;
    expect({ ...card, due: new Date(card.due), lastReview: new Date(card.lastReview) }).toEqual({
      contentCardId: log.contentCardId,
      state: expected.state,
      reps: expected.reps,
      lapses: expected.lapses,
      stability: expected.stability,
      difficulty: expected.difficulty,
      learningSteps: expected.learningSteps,
      due: expected.due,
      lastReview: at,
    });
  }

  // The same ratings made online by a second learner give the same cards, ratings and states
  // (due times differ by the seconds between the two runs, so they are checked above instead).
  const second = await browser.newContext();
  const online = await second.newPage();
  const secondEmail = uniqueEmail("online");
  await register(online, "Ona Online", secondEmail);
  await online.goto("/review/study");
  for (const [i, grade] of GRADES.entries()) {
    await online.getByRole("link", { name: "Show answer" }).click();
    await online.getByRole("button", { name: new RegExp(`^${GRADE_NAMES[grade]}: next review in`) }).click();
    await expect(online.getByText(`${i + 1} done today`)).toBeVisible();
  }
  await second.close();
  const onlineRun = serverState(secondEmail);
  const comparable = (run: ReturnType<typeof serverState>) => ({
    logs: run.logs.map(({ contentCardId, rating, state }) => ({ contentCardId, rating, state })),
    cards: run.cards.map(({ contentCardId, state, reps, lapses, stability, difficulty, learningSteps }) => ({
      contentCardId,
      state,
      reps,
      lapses,
      stability,
      difficulty,
      learningSteps,
    })),
  });
  expect(comparable(offlineRun)).toEqual(comparable(onlineRun));
});

test("a signed-out browser keeps no deck and the offline page says how to get one", async ({ page }) => {
  await register(page, "Sam Shared", uniqueEmail("shared"));
  await page.goto("/review");
  await expect.poll(async () => (await offlineCards(page)).length).toBeGreaterThan(0);
  await page.getByText("Account menu for Sam Shared").click();
  await page.getByRole("button", { name: "Log out" }).click();
  await expect.poll(async () => (await offlineCards(page)).length).toBe(0);
  await page.goto("/review/offline");
  await expect(page.getByRole("heading", { name: "No cards on this device" })).toBeVisible();
});
