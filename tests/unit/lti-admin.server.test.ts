// The LTI platform admin page: admins only, validated, audited; and the origin check lets the
// LMS's cross-site posts reach exactly the LTI login and launch paths.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { makeUser } from "../factories/users.ts";
import { createClassFor } from "~/classes/classes.server.ts";
import { deepLinkRequestToken } from "~/lti/deep-linking.server.ts";
import * as adminLti from "~/routes/admin.lti.tsx";
import * as deepLink from "~/routes/lti.deep-link.tsx";
import { startSession } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { refuseCrossOrigin } from "../../server/security.js";

type Handler = (args: LoaderFunctionArgs | ActionFunctionArgs) => Promise<unknown>;

async function outcome(handler: Handler, cookie: string | null, form?: Record<string, string>, path = "/admin/lti") {
  const headers = new Headers();
  if (cookie) headers.set("Cookie", cookie.split(";")[0]);
  const init: RequestInit = form ? { method: "POST", headers, body: new URLSearchParams(form) } : { headers };
  try {
    const result = await handler({
      request: new Request(`http://localhost${path}`, init),
      params: {},
      context: { clientIp: "127.0.0.1" },
    });
    if (result instanceof Response) return `redirect ${result.headers.get("Location")}`;
    // data(body, { status }): the page again, with that status.
    return (result as { init?: { status?: number } } | null)?.init?.status ?? "allowed";
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    if (thrown.status === 302) return "login";
    return thrown.status;
  }
}

const platformForm = {
  intent: "save",
  name: "Canvas",
  issuer: "https://canvas.example.edu",
  clientId: "10000000000001",
  authLoginUrl: "https://canvas.example.edu/api/lti/authorize_redirect",
  authTokenUrl: "https://canvas.example.edu/login/oauth2/token",
  jwksUrl: "https://canvas.example.edu/api/lti/security/jwks",
  deploymentIds: "dep-1\n dep-2 \n\ndep-1",
};

describe("/admin/lti", () => {
  it("lets admins in and nobody else; refused requests change nothing", async () => {
    const cookies = {
      anonymous: null,
      student: await startSession((await makeUser({ role: "student" })).id),
      instructor: await startSession((await makeUser({ role: "instructor" })).id),
    };
    for (const handler of [adminLti.loader, adminLti.action] as Handler[]) {
      const actual: Record<string, unknown> = {};
      for (const [who, cookie] of Object.entries(cookies))
        actual[who] = await outcome(handler, cookie, handler === adminLti.action ? platformForm : undefined);
      expect(actual).toEqual({ anonymous: "login", student: 403, instructor: 403 });
    }
    expect(await db.ltiPlatform.count()).toBe(0);

    const admin = await makeUser({ role: "admin" });
    const adminCookie = await startSession(admin.id);
    expect(await outcome(adminLti.loader as Handler, adminCookie)).toBe("allowed");
    expect(await outcome(adminLti.action as Handler, adminCookie, platformForm)).toBe("redirect /admin/lti?done=added");
    const saved = await db.ltiPlatform.findFirstOrThrow({ include: { deployments: true } });
    expect(saved.deployments.map((d) => d.deploymentId).sort()).toEqual(["dep-1", "dep-2"]);
    expect(await db.auditEntry.findFirst({ where: { action: "lti.platform.add", actorId: admin.id } })).not.toBeNull();

    // Plain http is refused except to this machine; the same issuer and client id twice is refused.
    const bad = await outcome(adminLti.action as Handler, adminCookie, {
      ...platformForm,
      jwksUrl: "http://lms.example/jwks",
    });
    expect(bad).toBe(400);
    expect(await outcome(adminLti.action as Handler, adminCookie, platformForm)).toBe(409);
    expect(await db.ltiPlatform.count()).toBe(1);

    expect(await outcome(adminLti.action as Handler, adminCookie, { intent: "remove", platformId: saved.id })).toBe(
      "redirect /admin/lti?done=removed",
    );
    expect(await db.ltiPlatform.count()).toBe(0);
    expect(await db.auditEntry.count({ where: { action: "lti.platform.remove" } })).toBe(1);
  });
});

describe("origin check and LTI", () => {
  function check(path: string) {
    const middleware = refuseCrossOrigin({ trustProxy: false });
    let status = 0;
    let passed = false;
    const req = {
      method: "POST",
      path,
      get: (name: string) => ({ origin: "https://lms.example.edu", host: "charted.example" })[name.toLowerCase()],
    };
    const res = { status: (s: number) => ((status = s), res), type: () => res, send: () => res };
    middleware(req, res, () => (passed = true));
    return passed ? "passed" : status;
  }
  it("lets cross-site posts reach /lti/login and /lti/launch only", () => {
    expect(check("/lti/login")).toBe("passed");
    expect(check("/lti/launch")).toBe("passed");
    expect(check("/lti/deep-link")).toBe(403);
    expect(check("/lti/launch/x")).toBe(403);
    expect(check("/login")).toBe(403);
  });
});

describe("/lti/deep-link", () => {
  it("serves only the instructor the deep linking request was made for", async () => {
    const instructor = await makeUser({ role: "instructor" });
    const klass = await createClassFor(instructor.id, "Deep link class");
    const platform = await db.ltiPlatform.create({
      data: {
        name: "P",
        issuer: "https://p.example",
        clientId: "c",
        authLoginUrl: "https://p.example/a",
        authTokenUrl: "https://p.example/t",
        jwksUrl: "https://p.example/j",
      },
    });
    const token = await deepLinkRequestToken({
      userId: instructor.id,
      platformId: platform.id,
      classId: klass.id,
      deploymentId: "d",
      returnUrl: "https://p.example/return",
      data: null,
    });
    const path = `/lti/deep-link?${new URLSearchParams({ request: token })}`;
    const loader = deepLink.loader as Handler;
    expect(await outcome(loader, null, undefined, path)).toBe("login");
    expect(await outcome(loader, await startSession((await makeUser()).id), undefined, path)).toBe(403);
    const otherInstructor = await startSession((await makeUser({ role: "instructor" })).id);
    expect(await outcome(loader, otherInstructor, undefined, path)).toBe(400);
    expect(await outcome(loader, await startSession(instructor.id), undefined, "/lti/deep-link?request=forged")).toBe(
      400,
    );
    expect(await outcome(loader, await startSession(instructor.id), undefined, path)).toBe("allowed");
  });
});
