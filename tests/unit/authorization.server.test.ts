// Who may load what: route loaders called as each kind of visitor would call them.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { makeUser } from "../factories/users.ts";
import { createAssignment } from "~/assignments/manage.server.ts";
import { createClassFor, joinWithCode } from "~/classes/classes.server.ts";
import { startPractice } from "~/exam/attempts.server.ts";
import { syncQuestions } from "~/models/bank.server.ts";
import { startSession } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { makeQuestion } from "../fixtures/content.ts";
import * as accountRoute from "~/routes/account.tsx";
import * as studentAssignmentRoute from "~/routes/assignments.$id.tsx";
import * as assignmentResultsRoute from "~/routes/classes.$id_.assignments.$aid.tsx";
import * as gradebookRoute from "~/routes/classes.$id_.assignments.$aid_.gradebook[.csv].ts";
import * as studentWorkRoute from "~/routes/classes.$id_.assignments.$aid_.students.$uid.tsx";
import * as newAssignmentRoute from "~/routes/classes.$id_.assignments.new.tsx";
import * as attemptRoute from "~/routes/attempts.$id.q.$n.tsx";
import * as classRoute from "~/routes/classes.$id.tsx";
import * as classesRoute from "~/routes/classes._index.tsx";
import * as myQuestionsRoute from "~/routes/classes.questions._index.tsx";
import * as newQuestionRoute from "~/routes/classes.questions.new.tsx";
import * as editQuestionRoute from "~/routes/classes.questions.$qid.tsx";
import { createAuthored } from "~/authoring/authoring.server.ts";
import { authoredQuestionSchema } from "~/authoring/forms.ts";
import * as progressRoute from "~/routes/progress._index.tsx";
import * as planRoute from "~/routes/progress.plan.tsx";
import * as planIcsRoute from "~/routes/progress.plan[.]ics.ts";
import * as reviewRoute from "~/routes/review._index.tsx";

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;

async function outcome(loader: Loader, path: string, cookie: string | null, params: Record<string, string> = {}) {
  const headers = new Headers();
  if (cookie) headers.set("Cookie", cookie.split(";")[0]);
  try {
    await loader({
      request: new Request(`http://localhost${path}`, { headers }),
      params,
      context: { clientIp: "127.0.0.1" },
    });
    return "allowed";
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    if (thrown.status === 302)
      return thrown.headers.get("Location")?.startsWith("/login")
        ? "login"
        : `redirect ${thrown.headers.get("Location")}`;
    return thrown.status;
  }
}

describe("authorization", () => {
  it("each role gets exactly what it may see", async () => {
    await syncQuestions(
      Array.from({ length: 8 }, (_, i) =>
        makeQuestion(`LAW-K01-${String(i + 1).padStart(3, "0")}`, { lesson: "hipaa-privacy-and-patient-rights" }),
      ),
    );
    const student = await makeUser({ role: "student" });
    const otherStudent = await makeUser({ role: "student" });
    const instructor = await makeUser({ role: "instructor" });
    const otherInstructor = await makeUser({ role: "instructor" });
    const admin = await makeUser({ role: "admin" });
    const klass = await createClassFor(instructor.id, "Evening cohort");
    const attempt = await startPractice(student.id, {
      domains: ["LAW"],
      weakest: false,
      count: 5,
      timed: false,
      mode: "exam",
      only: "all",
    });
    if (!attempt.ok) throw new Error(attempt.message);
    await joinWithCode(
      student.id,
      (await db.class.findUniqueOrThrow({ where: { id: klass.id } })).joinCode,
      "10.30.0.1",
    );
    const assignment = await createAssignment(instructor, klass.id, {
      title: "Quiz",
      source: "domains",
      domains: ["LAW"],
      questionIds: [],
      itemCount: 5,
      timed: false,
      minutes: undefined,
      opensAt: new Date("2026-01-01T00:00:00Z"),
      dueAt: new Date("2099-01-01T00:00:00Z"),
      attemptsAllowed: 1,
      revealPolicy: "after_submit",
    });
    if (!assignment.ok) throw new Error(assignment.message);
    const aid = assignment.id;
    const written = await createAuthored(
      instructor,
      authoredQuestionSchema.parse({
        stem: "A caller who says she is the patient's sister asks for test results over the phone. What do you do?",
        knowledgeArea: "LAW.K01",
        difficulty: 2,
        cognitive: "application",
        answer: "A",
        options: [
          "Verify identity and authorization first",
          "Read the results",
          "Email them",
          "Transfer to the lab",
        ].map((text) => ({ text, rationale: "Because of the HIPAA Privacy Rule." })),
        reference: { title: "Summary of the HIPAA Privacy Rule", publisher: "HHS" },
      }),
    );
    if (!written.ok) throw new Error(JSON.stringify(written.fieldErrors));
    const instructorOnly = {
      anonymous: "login",
      student: 403,
      otherStudent: 403,
      instructor: "allowed",
      otherInstructor: 404,
      admin: "allowed",
    };
    const cookies = {
      anonymous: null,
      student: await startSession(student.id),
      otherStudent: await startSession(otherStudent.id),
      instructor: await startSession(instructor.id),
      otherInstructor: await startSession(otherInstructor.id),
      admin: await startSession(admin.id),
    };
    const routes: [string, Loader, string, Record<string, string>, Record<keyof typeof cookies, unknown>][] = [
      [
        "account",
        accountRoute.loader as Loader,
        "/account",
        {},
        {
          anonymous: "login",
          student: "allowed",
          otherStudent: "allowed",
          instructor: "allowed",
          otherInstructor: "allowed",
          admin: "allowed",
        },
      ],
      [
        "review",
        reviewRoute.loader as Loader,
        "/review",
        {},
        {
          anonymous: "login",
          student: "allowed",
          otherStudent: "allowed",
          instructor: "allowed",
          otherInstructor: "allowed",
          admin: "allowed",
        },
      ],
      [
        "progress",
        progressRoute.loader as Loader,
        "/progress",
        {},
        {
          anonymous: "login",
          student: "allowed",
          otherStudent: "allowed",
          instructor: "allowed",
          otherInstructor: "allowed",
          admin: "allowed",
        },
      ],
      [
        "study plan",
        planRoute.loader as Loader,
        "/progress/plan",
        {},
        {
          anonymous: "login",
          student: "allowed",
          otherStudent: "allowed",
          instructor: "allowed",
          otherInstructor: "allowed",
          admin: "allowed",
        },
      ],
      [
        "study plan calendar",
        planIcsRoute.loader as Loader,
        "/progress/plan.ics",
        {},
        {
          anonymous: "login",
          student: "allowed",
          otherStudent: "allowed",
          instructor: "allowed",
          otherInstructor: "allowed",
          admin: "allowed",
        },
      ],
      [
        "classes",
        classesRoute.loader as Loader,
        "/classes",
        {},
        {
          anonymous: "login",
          student: 403,
          otherStudent: 403,
          instructor: "allowed",
          otherInstructor: "allowed",
          admin: "allowed",
        },
      ],
      [
        "class roster",
        classRoute.loader as Loader,
        `/classes/${klass.id}`,
        { id: klass.id },
        {
          anonymous: "login",
          student: 403,
          otherStudent: 403,
          instructor: "allowed",
          otherInstructor: 404,
          admin: "allowed",
        },
      ],
      [
        "new assignment",
        newAssignmentRoute.loader as Loader,
        `/classes/${klass.id}/assignments/new`,
        { id: klass.id },
        instructorOnly,
      ],
      [
        "assignment results",
        assignmentResultsRoute.loader as Loader,
        `/classes/${klass.id}/assignments/${aid}`,
        { id: klass.id, aid },
        instructorOnly,
      ],
      [
        "gradebook csv",
        gradebookRoute.loader as Loader,
        `/classes/${klass.id}/assignments/${aid}/gradebook.csv`,
        { id: klass.id, aid },
        instructorOnly,
      ],
      [
        "student's work",
        studentWorkRoute.loader as Loader,
        `/classes/${klass.id}/assignments/${aid}/students/${student.id}`,
        { id: klass.id, aid, uid: student.id },
        instructorOnly,
      ],
      // Members only: a student of another class, and instructors and admins (not members), learn nothing.
      [
        "my questions",
        myQuestionsRoute.loader as Loader,
        "/classes/questions",
        {},
        {
          anonymous: "login",
          student: 403,
          otherStudent: 403,
          instructor: "allowed",
          otherInstructor: "allowed",
          admin: "allowed",
        },
      ],
      [
        "write a question",
        newQuestionRoute.loader as Loader,
        "/classes/questions/new",
        {},
        {
          anonymous: "login",
          student: 403,
          otherStudent: 403,
          instructor: "allowed",
          otherInstructor: "allowed",
          admin: "allowed",
        },
      ],
      [
        "edit own question",
        editQuestionRoute.loader as Loader,
        `/classes/questions/${written.id}`,
        { qid: written.id },
        instructorOnly,
      ],
      [
        "student assignment",
        studentAssignmentRoute.loader as Loader,
        `/assignments/${aid}`,
        { id: aid },
        {
          anonymous: "login",
          student: "allowed",
          otherStudent: 404,
          instructor: 404,
          otherInstructor: 404,
          admin: 404,
        },
      ],
      [
        "exam item",
        attemptRoute.loader as Loader,
        `/attempts/${attempt.attemptId}/q/1`,
        { id: attempt.attemptId, n: "1" },
        {
          anonymous: "login",
          student: "allowed",
          otherStudent: 404,
          instructor: 404,
          otherInstructor: 404,
          admin: 404,
        },
      ],
    ];
    for (const [name, loader, path, params, expected] of routes) {
      const actual: Record<string, unknown> = {};
      for (const [who, cookie] of Object.entries(cookies)) actual[who] = await outcome(loader, path, cookie, params);
      expect({ route: name, ...actual }).toEqual({ route: name, ...expected });
    }
  });
});
