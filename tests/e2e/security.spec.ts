import { expect, test } from "@playwright/test";
import { DEMO } from "./helpers.ts";

test("responses carry security headers and the session cookie is locked down", async ({ page, request }) => {
  const res = await request.get("/login");
  const headers = res.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'strict-dynamic' 'nonce-/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");

  await page.goto("/login");
  await page.getByLabel("Email").fill(DEMO.student);
  await page.getByLabel("Password").fill(DEMO.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Today" })).toBeVisible();
  const cookie = (await page.context().cookies()).find((c) => c.name === "charted_session");
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: true });
});

test("a form post from another origin is refused and changes nothing", async ({ request }) => {
  const res = await request.post("/login", {
    headers: { Origin: "https://evil.example" },
    form: { email: DEMO.student, password: DEMO.password },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(403);
  expect(await res.text()).toContain("Cross-origin request refused");
  expect(res.headers()["set-cookie"]).toBeUndefined();
});

test("health check reports the database", async ({ request }) => {
  const res = await request.get("/healthz");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: "ok", database: "sqlite" });
});
