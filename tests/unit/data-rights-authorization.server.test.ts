// Who may reach "Your data" (/account/data) and the download (/account/export): signed-in
// accounts only, and each gets its own data whatever the URL says (no id is ever read from it).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { makeUser } from "../factories/users.ts";
import { THROTTLES } from "~/auth/rate-limit.ts";
import * as exportRoute from "~/routes/account.export.ts";
import * as dataPage from "~/routes/account_.data.tsx";
import { startSession } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";

type Handler = (args: LoaderFunctionArgs & ActionFunctionArgs) => Promise<unknown>;

async function call(handler: Handler, path: string, cookie: string | null, method = "GET") {
  const headers = new Headers();
  if (cookie) headers.set("Cookie", cookie);
  const request = new Request(`http://localhost${path}`, {
    method,
    headers,
    ...(method === "POST" ? { body: new URLSearchParams({ currentPassword: "x", confirmation: "DELETE" }) } : {}),
  });
  try {
    return await handler({ request, params: {}, context: { clientIp: "127.0.0.1" } });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const loginRedirect = (result: unknown) =>
  result instanceof Response && result.status === 302 ? result.headers.get("Location") : null;

async function signedIn(over: Parameters<typeof makeUser>[0] = {}) {
  const user = await makeUser(over);
  return { user, cookie: (await startSession(user.id)).split(";")[0] };
}

async function profileIn(response: Response) {
  const zip = unzipSync(new Uint8Array(await response.arrayBuffer()));
  return JSON.parse(strFromU8(zip["profile.json"])).account as { id: string; email: string };
}

describe("your data: who may ask", () => {
  it("sends anonymous visitors and disabled accounts to log in", async () => {
    const disabled = await signedIn();
    await db.user.update({ where: { id: disabled.user.id }, data: { disabledAt: new Date() } });
    for (const cookie of [null, disabled.cookie]) {
      expect(loginRedirect(await call(exportRoute.loader as Handler, "/account/export", cookie))).toBe(
        "/login?redirectTo=%2Faccount%2Fexport",
      );
      expect(loginRedirect(await call(dataPage.loader as Handler, "/account/data", cookie))).toBe(
        "/login?redirectTo=%2Faccount%2Fdata",
      );
      expect(loginRedirect(await call(dataPage.action as Handler, "/account/data", cookie, "POST"))).toMatch(
        /^\/login\?/,
      );
    }
    expect(await db.user.findUniqueOrThrow({ where: { id: disabled.user.id } })).toMatchObject({
      email: disabled.user.email,
    });
  });

  it("gives each account its own data, whatever the address asks for", async () => {
    const a = await signedIn({ role: "student" });
    const b = await signedIn({ role: "instructor" });
    for (const path of ["/account/export", `/account/export?userId=${b.user.id}`, `/account/export?id=${b.user.id}`]) {
      const response = (await call(exportRoute.loader as Handler, path, a.cookie)) as Response;
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toBe("application/zip");
      expect(response.headers.get("Content-Disposition")).toMatch(
        /^attachment; filename="charted-data-\d{4}-\d{2}-\d{2}\.zip"$/,
      );
      expect(response.headers.get("Cache-Control")).toBe("no-store");
      expect(await profileIn(response)).toMatchObject({ id: a.user.id, email: a.user.email });
    }
    const own = (await call(exportRoute.loader as Handler, "/account/export", b.cookie)) as Response;
    expect(await profileIn(own)).toMatchObject({ id: b.user.id, email: b.user.email });
    expect(await call(dataPage.loader as Handler, "/account/data", a.cookie)).toMatchObject({
      blockers: { lastAdmin: false, classesWithStudents: [] },
      exportWaitMinutes: null,
    });
  });

  it("sends a download past the hourly allowance back to the page, which says how long to wait", async () => {
    const { cookie } = await signedIn();
    for (let i = 0; i < THROTTLES.exportPerUser.limit; i++) {
      const ok = (await call(exportRoute.loader as Handler, "/account/export", cookie)) as Response;
      expect(ok.status).toBe(200);
      await ok.body?.cancel();
    }
    const refused = (await call(exportRoute.loader as Handler, "/account/export", cookie)) as Response;
    expect(refused.status).toBe(302);
    const location = refused.headers.get("Location")!;
    expect(location).toBe("/account/data?export=wait&minutes=60");
    expect(await call(dataPage.loader as Handler, location, cookie)).toMatchObject({ exportWaitMinutes: 60 });
    // A hand-made query is ignored unless it is a plausible wait.
    expect(await call(dataPage.loader as Handler, "/account/data?export=wait&minutes=9999", cookie)).toMatchObject({
      exportWaitMinutes: null,
    });
  });
});
