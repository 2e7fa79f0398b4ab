// Grade return (AGS): submitting an attempt at an LTI-linked assignment queues a job that gets an
// access token with a client assertion the platform checks against the tool's JWKS, then posts
// the best score to the line item. Deep linking: the signed response carries the content item.
import { createLocalJWKSet, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeQuestion } from "../../tests/fixtures/content.ts";
import { makeUser } from "../../tests/factories/users.ts";
import { startTestPlatform, type TestPlatform } from "../../tests/support/lti-platform.ts";
import { createAssignment } from "~/assignments/manage.server.ts";
import { startAssignment } from "~/assignments/student.server.ts";
import { createClassFor, enrolStudent } from "~/classes/classes.server.ts";
import { saveAnswer, submitAttempt } from "~/exam/attempts.server.ts";
import { jobHandlers, jobRetries } from "~/jobs/handlers.server.ts";
import { runNextJob } from "~/jobs/worker.server.ts";
import { syncQuestions } from "~/models/bank.server.ts";
import { linkAccount, saveResourceLink } from "~/models/lti-link.server.ts";
import { createPlatform } from "~/models/lti-platform.server.ts";
import { db } from "~/utils/db.server.ts";
import { CLAIM } from "./claims.ts";
import { deepLinkRequestToken, deepLinkResponse, readDeepLinkRequest } from "./deep-linking.server.ts";
import { toolJwks } from "./keys.server.ts";
import { bestScore, scoresUrl } from "./scores.server.ts";

let platform: TestPlatform;
let platformId: string;
beforeAll(async () => {
  await syncQuestions(
    Array.from({ length: 6 }, (_, i) =>
      makeQuestion(`LAW-K01-${String(i + 1).padStart(3, "0")}`, {
        answer: "A",
        lesson: "hipaa-privacy-and-patient-rights",
      }),
    ),
  );
  platform = await startTestPlatform({ toolJwks });
  const created = await createPlatform({
    name: "Test LMS",
    issuer: platform.issuer,
    clientId: platform.clientId,
    authLoginUrl: platform.authLoginUrl,
    authTokenUrl: platform.authTokenUrl,
    jwksUrl: platform.jwksUrl,
    deploymentIds: [platform.deploymentId],
  });
  platformId = created!.id;
});
afterAll(() => platform?.stop());

async function linkedAssignment(revealPolicy: "after_submit" | "after_due" | "never", linkId: string) {
  const instructor = await makeUser({ role: "instructor" });
  const klass = await createClassFor(instructor.id, "LTI class");
  const now = Date.now();
  const created = await createAssignment(instructor, klass.id, {
    title: `Quiz ${linkId}`,
    source: "domains",
    domains: ["LAW"],
    questionIds: [],
    itemCount: 4,
    timed: false,
    minutes: 10,
    opensAt: new Date(now - 3_600_000),
    dueAt: new Date(now + 3_600_000),
    attemptsAllowed: 2,
    revealPolicy,
  });
  if (!created.ok) throw new Error(created.message);
  const student = await makeUser();
  await enrolStudent({ id: klass.id, instructorId: instructor.id }, student.id);
  await linkAccount(platformId, `sub-${student.id}`, student.id);
  await saveResourceLink({
    platformId,
    resourceLinkId: linkId,
    assignmentId: created.id,
    lineItemUrl: `${platform.url}/lineitems/${linkId}?type=x`,
  });
  return { instructor, klass, student, assignmentId: created.id };
}

async function takeAndSubmit(userId: string, assignmentId: string, correct: number) {
  const started = await startAssignment(userId, "UTC", assignmentId);
  if (!started.ok) throw new Error(started.message);
  for (let n = 1; n <= 4; n++) await saveAnswer(userId, started.attemptId, n, { selectedIndex: n <= correct ? 0 : 1 });
  await submitAttempt(userId, started.attemptId);
}

async function runJobs() {
  while (await runNextJob(jobHandlers, "lti-test", new Date(), jobRetries));
}

describe("grade return", () => {
  it("posts the best submitted score, with a token the platform issued for the tool's assertion", async () => {
    const { student, assignmentId } = await linkedAssignment("after_submit", "ags-1");
    await takeAndSubmit(student.id, assignmentId, 3);
    await runJobs();
    await takeAndSubmit(student.id, assignmentId, 1);
    await runJobs();
    const received = platform.scores.filter((s) => s.lineItemPath === "/lineitems/ags-1");
    expect(received).toHaveLength(2);
    expect(received[0].contentType).toBe("application/vnd.ims.lis.v1.score+json");
    expect(received[0].body).toMatchObject({
      userId: `sub-${student.id}`,
      scoreGiven: 75,
      scoreMaximum: 100,
      activityProgress: "Completed",
      gradingProgress: "FullyGraded",
    });
    // The retake scored lower: the grade stays the best one.
    expect(received[1].body).toMatchObject({ scoreGiven: 75 });
    expect(platform.tokenRequests).toBeGreaterThanOrEqual(2);
  });

  it("waits for the due date under after_due and sends nothing under never", async () => {
    const due = await linkedAssignment("after_due", "ags-2");
    await takeAndSubmit(due.student.id, due.assignmentId, 4);
    const job = await db.job.findFirstOrThrow({ where: { kind: "lti-score", userId: due.student.id } });
    const { dueAt } = await db.assignment.findUniqueOrThrow({ where: { id: due.assignmentId } });
    expect(job.runAfter.getTime()).toBeGreaterThanOrEqual(dueAt.getTime());
    expect(job.status).toBe("queued");

    const never = await linkedAssignment("never", "ags-3");
    await takeAndSubmit(never.student.id, never.assignmentId, 4);
    expect(await db.job.count({ where: { kind: "lti-score", userId: never.student.id } })).toBe(0);
  });

  it("keeps the line item's query and picks the highest attempt", () => {
    expect(scoresUrl("https://lms.example/items/4?type=x")).toBe("https://lms.example/items/4/scores?type=x");
    const at = new Date();
    expect(
      bestScore([
        { scoredCorrect: 2, scoredTotal: 4, submittedAt: at },
        { scoredCorrect: 3, scoredTotal: 4, submittedAt: at },
        { scoredCorrect: 1, scoredTotal: 4, submittedAt: at },
      ]),
    ).toEqual({ percent: 75, submittedAt: at });
  });
});

describe("deep linking", () => {
  it("returns a response signed by the tool key that carries the chosen assignment", async () => {
    const { instructor, klass, assignmentId } = await linkedAssignment("after_submit", "dl-1");
    const token = await deepLinkRequestToken({
      userId: instructor.id,
      platformId,
      classId: klass.id,
      deploymentId: platform.deploymentId,
      returnUrl: `${platform.url}/deep-link-return`,
      data: "opaque-data",
    });
    expect(await readDeepLinkRequest(token, (await makeUser({ role: "instructor" })).id)).toBeNull();
    const request = await readDeepLinkRequest(token, instructor.id);
    if (!request) throw new Error("request not read back");
    const response = await deepLinkResponse(request, assignmentId);
    if (!response.ok) throw new Error(response.message);
    expect(response.returnUrl).toBe(`${platform.url}/deep-link-return`);
    const { payload } = await jwtVerify(response.jwt, createLocalJWKSet(await toolJwks()), {
      issuer: platform.clientId,
      audience: platform.issuer,
      algorithms: ["RS256"],
    });
    expect(payload).toMatchObject({
      [CLAIM.messageType]: "LtiDeepLinkingResponse",
      [CLAIM.version]: "1.3.0",
      [CLAIM.deploymentId]: platform.deploymentId,
      [CLAIM.deepLinkingData]: "opaque-data",
      [CLAIM.deepLinkingContentItems]: [
        {
          type: "ltiResourceLink",
          title: `Quiz dl-1`,
          url: expect.stringMatching(/\/lti\/launch$/),
          custom: { assignment_id: assignmentId },
          lineItem: { scoreMaximum: 100, label: "Quiz dl-1" },
        },
      ],
    });
    expect(typeof payload.nonce).toBe("string");
    // Another class's assignment cannot be chosen.
    const other = await linkedAssignment("after_submit", "dl-2");
    expect((await deepLinkResponse(request, other.assignmentId)).ok).toBe(false);
  });
});
