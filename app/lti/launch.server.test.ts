// LTI 1.3 launches end to end against a stand-in platform: login initiation, the signed
// id_token, account/class/enrolment, and every way a launch must be refused.
import { generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../../tests/support/lti-platform.ts";
import { makeUser } from "../../tests/factories/users.ts";
import { createPlatform } from "~/models/lti-platform.server.ts";
import { action as launchAction } from "~/routes/lti.launch.ts";
import { db } from "~/utils/db.server.ts";
import { CLAIM } from "./claims.ts";
import { toolJwks } from "./keys.server.ts";
import { admitLaunch } from "./launch.server.ts";
import { startLogin } from "./login.server.ts";
import { verifyLaunch } from "./verify.server.ts";

const INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";
const LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ toolJwks });
  await createPlatform({
    name: "Test LMS",
    issuer: platform.issuer,
    clientId: platform.clientId,
    authLoginUrl: platform.authLoginUrl,
    authTokenUrl: platform.authTokenUrl,
    jwksUrl: platform.jwksUrl,
    deploymentIds: [platform.deploymentId],
  });
});
afterAll(() => platform?.stop());

async function login() {
  const started = await startLogin({
    iss: platform.issuer,
    login_hint: "hint",
    target_link_uri: "http://localhost/lti/launch",
    client_id: platform.clientId,
  });
  if (!started.ok) throw new Error(started.message);
  const redirect = new URL(started.redirectTo);
  return { state: started.state, nonce: redirect.searchParams.get("nonce")!, redirect };
}

function claims(sub: string, extra: Record<string, unknown> = {}) {
  return {
    sub,
    email: `${sub}@school.test`,
    name: `Person ${sub}`,
    [CLAIM.version]: "1.3.0",
    [CLAIM.messageType]: "LtiResourceLinkRequest",
    [CLAIM.deploymentId]: platform.deploymentId,
    [CLAIM.roles]: [LEARNER],
    [CLAIM.context]: { id: "course-1", title: "Biology 101" },
    [CLAIM.resourceLink]: { id: "link-1" },
    ...extra,
  };
}

async function postLaunch(idToken: string, state: string, cookie?: string) {
  const headers = new Headers({ "content-type": "application/x-www-form-urlencoded" });
  if (cookie) headers.set("Cookie", cookie);
  const request = new Request("http://localhost/lti/launch", {
    method: "POST",
    headers,
    body: new URLSearchParams({ id_token: idToken, state }),
  });
  return launchAction({ request, params: {}, context: { clientIp: "127.0.0.1" } });
}

async function refusal(payload: Record<string, unknown>, signing?: Parameters<TestPlatform["signIdToken"]>[1]) {
  const { state, nonce } = await login();
  const token = await platform.signIdToken({ nonce, ...payload }, signing);
  const verified = await verifyLaunch({ idToken: token, state, cookieState: null });
  return verified.ok ? "accepted" : verified.message;
}

describe("LTI login initiation", () => {
  it("redirects to the platform's authorization endpoint with a stored state and nonce", async () => {
    const { state, nonce, redirect } = await login();
    expect(`${redirect.origin}${redirect.pathname}`).toBe(platform.authLoginUrl);
    expect(Object.fromEntries(redirect.searchParams)).toMatchObject({
      scope: "openid",
      response_type: "id_token",
      response_mode: "form_post",
      prompt: "none",
      client_id: platform.clientId,
      login_hint: "hint",
      state,
      nonce,
    });
    expect(redirect.searchParams.get("redirect_uri")).toMatch(/\/lti\/launch$/);
    expect(await db.ltiLaunchState.findUnique({ where: { state } })).toMatchObject({ nonce });
  });

  it("refuses an unknown issuer, client id or deployment", async () => {
    const base = { login_hint: "h", target_link_uri: "http://localhost/lti/launch" };
    expect((await startLogin({ ...base, iss: "https://other.example" })).ok).toBe(false);
    expect((await startLogin({ ...base, iss: platform.issuer, client_id: "nope" })).ok).toBe(false);
    expect((await startLogin({ ...base, iss: platform.issuer, lti_deployment_id: "nope" })).ok).toBe(false);
  });
});

describe("LTI launch", () => {
  it("creates the instructor's account and class, then enrols a student, and signs each in", async () => {
    const teacher = await login();
    const teacherLaunch = await postLaunch(
      await platform.signIdToken({ nonce: teacher.nonce, ...claims("t-1", { [CLAIM.roles]: [INSTRUCTOR] }) }),
      teacher.state,
      `lti_state=${teacher.state}`,
    );
    const teacherResponse = teacherLaunch;
    expect(teacherResponse.status).toBe(303);
    expect(teacherResponse.headers.get("Set-Cookie")).toMatch(/charted_session=/);
    const instructor = await db.user.findUniqueOrThrow({ where: { email: "t-1@school.test" } });
    expect(instructor.role).toBe("instructor");
    const context = await db.ltiContext.findUniqueOrThrow({
      where: {
        platformId_contextId: { platformId: (await db.ltiPlatform.findFirstOrThrow()).id, contextId: "course-1" },
      },
      include: { class: true },
    });
    expect(context.class).toMatchObject({ name: "Biology 101", instructorId: instructor.id });
    expect(teacherResponse.headers.get("Location")).toBe(`/classes/${context.classId}`);

    // A student whose Charted account already exists is linked to it by the email the LMS vouches for.
    const existing = await makeUser({ email: "s-1@school.test" });
    const student = await login();
    const verified = await verifyLaunch({
      idToken: await platform.signIdToken({ nonce: student.nonce, ...claims("s-1") }),
      state: student.state,
      cookieState: null,
    });
    if (!verified.ok) throw new Error(verified.message);
    // Not yet bound to an assignment: the student is told so, but is in the class.
    expect(await admitLaunch(verified)).toMatchObject({ ok: false });
    expect(await db.ltiAccount.findFirst({ where: { sub: "s-1" } })).toMatchObject({ userId: existing.id });
    expect(
      await db.classMembership.findFirst({ where: { classId: context.classId, userId: existing.id } }),
    ).not.toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { id: existing.id } })).role).toBe("student");
  });

  it("binds the resource link to the class's assignment named by the custom parameter", async () => {
    const klass = await db.ltiContext.findFirstOrThrow({ where: { contextId: "course-1" } });
    const assignment = await db.assignment.create({
      data: {
        classId: klass.classId,
        title: "Quiz 1",
        config: JSON.stringify({ source: "domains", domains: [], itemCount: 1 }),
        opensAt: new Date(Date.now() - 60_000),
        dueAt: new Date(Date.now() + 86_400_000),
      },
    });
    const other = await db.assignment.create({
      data: {
        class: {
          create: { name: "Other", joinCode: "OTHERCLS", instructorId: (await makeUser({ role: "instructor" })).id },
        },
        title: "Elsewhere",
        config: "{}",
        opensAt: new Date(),
        dueAt: new Date(Date.now() + 86_400_000),
      },
    });
    const lineitem = `${platform.url}/lineitems/7`;
    const launchWith = async (assignmentId: string, linkId: string) => {
      const { state, nonce } = await login();
      return postLaunch(
        await platform.signIdToken({
          nonce,
          ...claims("s-2", {
            [CLAIM.resourceLink]: { id: linkId },
            [CLAIM.custom]: { assignment_id: assignmentId },
            [CLAIM.ags]: { lineitem, scope: ["https://purl.imsglobal.org/spec/lti-ags/scope/score"] },
          }),
        }),
        state,
      );
    };
    // Another class's assignment cannot be reached by editing the custom parameter.
    const refused = await launchWith(other.id, "link-x");
    expect(refused.status).toBe(403);
    expect(refused.headers.get("Set-Cookie")).not.toMatch(/charted_session/);
    expect(await db.ltiResourceLink.count({ where: { resourceLinkId: "link-x" } })).toBe(0);

    const launched = await launchWith(assignment.id, "link-2");
    expect(launched.status).toBe(303);
    expect(launched.headers.get("Location")).toBe(`/assignments/${assignment.id}`);
    expect(await db.ltiResourceLink.findFirstOrThrow({ where: { resourceLinkId: "link-2" } })).toMatchObject({
      assignmentId: assignment.id,
      lineItemUrl: lineitem,
    });
  });

  it("refuses forged, misdirected, stale, replayed and unsupported launches", async () => {
    const good = claims("s-3");
    expect(await refusal(good)).toBe("accepted");
    const { privateKey: otherKey } = await generateKeyPair("RS256");
    expect(await refusal(good, { key: otherKey })).toMatch(/could not be verified/);
    expect(await refusal({ ...good, aud: "someone-else" })).toMatch(/could not be verified/);
    expect(await refusal({ ...good, iss: "https://evil.example" })).toMatch(/could not be verified/);
    const past = Math.floor(Date.now() / 1000) - 3600;
    expect(await refusal(good, { issuedAt: past - 300, expiresIn: past })).toMatch(/could not be verified/);
    expect(await refusal({ ...good, [CLAIM.deploymentId]: "deployment-9" })).toMatch(/deployment/);
    expect(await refusal({ ...good, [CLAIM.version]: "1.1" })).toMatch(/1\.3\.0/);
    expect(await refusal({ ...good, [CLAIM.messageType]: "LtiSubmissionReviewRequest" })).toMatch(
      /kind of LTI message/,
    );

    // Wrong nonce for the state.
    const a = await login();
    const wrongNonce = await platform.signIdToken({ ...good, nonce: "not-the-nonce" });
    expect((await verifyLaunch({ idToken: wrongNonce, state: a.state, cookieState: null })).ok).toBe(false);

    // A state is spent by its launch: the same post again is refused.
    const b = await login();
    const token = await platform.signIdToken({ nonce: b.nonce, ...good });
    expect((await verifyLaunch({ idToken: token, state: b.state, cookieState: null })).ok).toBe(true);
    expect(await verifyLaunch({ idToken: token, state: b.state, cookieState: null })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/expired or was already used/),
    });

    // A state cookie from another login in this browser refuses the launch.
    const c = await login();
    const forC = await platform.signIdToken({ nonce: c.nonce, ...good });
    expect((await verifyLaunch({ idToken: forC, state: c.state, cookieState: "another-state" })).ok).toBe(false);
  });

  it("creates no account when the platform shares no email", async () => {
    const { state, nonce } = await login();
    const { email: _email, ...anonymous } = claims("s-4");
    const verified = await verifyLaunch({
      idToken: await platform.signIdToken({ nonce, ...anonymous }),
      state,
      cookieState: null,
    });
    if (!verified.ok) throw new Error(verified.message);
    expect(await admitLaunch(verified)).toMatchObject({ ok: false, message: expect.stringMatching(/email/) });
    expect(await db.ltiAccount.count({ where: { sub: "s-4" } })).toBe(0);
  });
});
