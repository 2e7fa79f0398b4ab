// LTI 1.3 in the browser: an admin registers a stand-in LMS on the admin page; an instructor's
// launch from its course creates the class; a student's launch from a link to an assignment
// signs them in on that assignment; they take it, and the LMS's scores endpoint receives the grade.
import { expect, test, type Page } from "@playwright/test";
import type { JSONWebKeySet } from "jose";
import { startTestPlatform, type TestPlatform } from "../support/lti-platform.ts";
import { DEMO, expectAccessible, logIn } from "./helpers.ts";

const PORT = Number(process.env.E2E_PORT ?? 3210);
// Without APP_URL the server calls itself http://localhost:<port>: the launch goes there.
const TOOL = `http://localhost:${PORT}`;
const LTI = "https://purl.imsglobal.org/spec/lti/claim/";
const option = (page: Page, letter: string) => page.getByRole("radio", { name: new RegExp(`^${letter}\\.`) });

let platform: TestPlatform;
test.beforeAll(async () => {
  platform = await startTestPlatform({
    clientId: `e2e-${Date.now()}`,
    toolJwks: async () => (await (await fetch(`${TOOL}/lti/jwks`)).json()) as JSONWebKeySet,
    toolLoginUrl: `${TOOL}/lti/login`,
  });
});
test.afterAll(() => platform?.stop());

function launchAs(sub: string, role: "Instructor" | "Learner", extra: Record<string, unknown> = {}) {
  platform.nextLaunch = {
    sub,
    claims: {
      email: `${sub}@lms.example.test`,
      name: role === "Instructor" ? "Lee Lecturer" : "Sam Student",
      [`${LTI}version`]: "1.3.0",
      [`${LTI}message_type`]: "LtiResourceLinkRequest",
      [`${LTI}deployment_id`]: platform.deploymentId,
      [`${LTI}roles`]: [`http://purl.imsglobal.org/vocab/lis/v2/membership#${role}`],
      [`${LTI}context`]: { id: `course-${platform.clientId}`, title: `LMS Course ${platform.clientId}` },
      ...extra,
    },
  };
}

test("a student launched from the LMS takes the assignment and the grade goes back", async ({ browser, page }) => {
  await logIn(page, DEMO.editor, DEMO.password);
  await page.goto("/admin/lti");
  await expect(page.getByRole("heading", { level: 1, name: "LTI platforms" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Name").fill("Test LMS");
  await page.getByLabel("Issuer (iss)").fill(platform.issuer);
  await page.getByLabel("Client id").fill(platform.clientId);
  await page.getByLabel("OIDC authentication request URL").fill(platform.authLoginUrl);
  await page.getByLabel("Access token URL").fill(platform.authTokenUrl);
  await page.getByLabel("Public keyset (JWKS) URL").fill(platform.jwksUrl);
  await page.getByLabel("Deployment ids, one a line").fill(platform.deploymentId);
  await page.getByRole("button", { name: "Add platform" }).click();
  await expect(page.getByRole("status")).toContainText("The platform was added");

  const teacher = await (await browser.newContext()).newPage();
  const sub = `teacher-${platform.clientId}`;
  launchAs(sub, "Instructor", { [`${LTI}resource_link`]: { id: "course-home" } });
  await teacher.goto(`${platform.url}/start`);
  await teacher.getByRole("button", { name: "Open Charted" }).click();
  const className = `LMS Course ${platform.clientId}`;
  await expect(teacher.getByRole("heading", { level: 1, name: className })).toBeVisible();
  const classId = /\/classes\/([^/?]+)/.exec(teacher.url())![1];
  await teacher.getByRole("link", { name: "New assignment" }).click();
  const title = "LMS quiz";
  await teacher.getByLabel("Title").fill(title);
  await teacher.getByLabel("Drawn from the domains ticked below").check();
  await teacher.getByLabel("Medical Law, Ethics, and Compliance").check();
  await teacher.getByLabel("Number of questions to draw (5–135)").fill("5");
  await teacher.getByRole("button", { name: "Create assignment" }).click();
  await expect(teacher.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const assignmentId = new RegExp(`/classes/${classId}/assignments/([^/?]+)`).exec(teacher.url())![1];

  const student = await (await browser.newContext()).newPage();
  launchAs(`student-${platform.clientId}`, "Learner", {
    [`${LTI}resource_link`]: { id: "quiz-link" },
    [`${LTI}custom`]: { assignment_id: assignmentId },
    "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": {
      lineitem: `${platform.url}/lineitems/quiz`,
      scope: ["https://purl.imsglobal.org/spec/lti-ags/scope/score"],
    },
  });
  await student.goto(`${platform.url}/start`);
  await student.getByRole("button", { name: "Open Charted" }).click();
  await expect(student.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await student.getByRole("button", { name: "Start assignment" }).click();
  for (let n = 1; n <= 5; n++) {
    await expect(student.getByText(`Question ${n} of 5`)).toBeVisible();
    await option(student, "A").check();
    await expect(student.getByText("Answer saved.")).toBeVisible();
    await student.getByRole("button", { name: n === 5 ? "Review and submit" : "Next" }).click();
  }
  await student.getByRole("button", { name: "Yes, submit my answers" }).click();
  await expect(student.getByRole("heading", { level: 1, name: `Results: ${title}` })).toBeVisible();

  await expect.poll(() => platform.scores.length, { timeout: 30_000 }).toBe(1);
  expect(platform.scores[0]).toMatchObject({
    lineItemPath: "/lineitems/quiz",
    body: {
      userId: `student-${platform.clientId}`,
      scoreMaximum: 100,
      activityProgress: "Completed",
      gradingProgress: "FullyGraded",
    },
  });
});
