// Bad input changes nothing: for every action, take a valid form, spoil one field at a time
// (empty, oversized, wrong type, injection strings, unknown ids), post it as a signed-in user of
// the right role, and check the answer is a 4xx (never a crash) and that no table changed.
import type { ActionFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { makeQuestion } from "../fixtures/content.ts";
import { makeUser, TEST_PASSWORD } from "../factories/users.ts";
import { createAssignment } from "~/assignments/manage.server.ts";
import { createClassFor } from "~/classes/classes.server.ts";
import { startPractice } from "~/exam/attempts.server.ts";
import { syncQuestions } from "~/models/bank.server.ts";
import { addOwnCard } from "~/review/review.server.ts";
import { startSession } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import * as account from "~/routes/account.tsx";
import * as studentAssignment from "~/routes/assignments.$id.tsx";
import * as newAssignment from "~/routes/classes.$id_.assignments.new.tsx";
import * as attemptItem from "~/routes/attempts.$id.q.$n.tsx";
import * as classRoster from "~/routes/classes.$id.tsx";
import * as classes from "~/routes/classes._index.tsx";
import * as join from "~/routes/join.tsx";
import * as lesson from "~/routes/learn.$domain.$slug.tsx";
import * as practice from "~/routes/practice._index.tsx";
import * as newQuestion from "~/routes/classes.questions.new.tsx";
import * as studyPlan from "~/routes/progress.plan.tsx";
import * as reviewCards from "~/routes/review.cards.tsx";
import * as reviewNew from "~/routes/review.new.tsx";
import * as reviewSettings from "~/routes/review.settings.tsx";
import * as study from "~/routes/review.study.tsx";
import * as register from "~/routes/register.tsx";
import * as theme from "~/routes/theme.tsx";
import * as adminInvitations from "~/routes/admin.invitations.tsx";
import * as adminRequests from "~/routes/admin.requests.tsx";
import * as instructorAccess from "~/routes/instructor-access.tsx";
import * as acceptInvitation from "~/routes/invitations.accept.tsx";
import { inviteInstructor } from "~/invitations/instructor-invitations.server.ts";
import { requestInstructorAccess } from "~/invitations/requests.server.ts";

type Action = (args: ActionFunctionArgs) => Promise<unknown>;

const HUGE = "x".repeat(100_001);
// Unicode spaces alone are no text either (no-break, ideographic, em space).
const TEXT_GARBAGE = ["", "   ", "\u00a0\u3000\u2003", HUGE];
// Non-decimal and padded numbers and LIKE wildcards are refused where a number, id or choice is expected.
const OTHER_GARBAGE = [
  "",
  "-1",
  "1e309",
  "NaN",
  "0x10",
  "1e2",
  " 5",
  "+5",
  "5.0",
  "%",
  "_",
  "\u00a0",
  "<script>alert(1)</script>",
  '\'; DROP TABLE "User";--',
  "\u0000",
  "999999999",
  "zzzzzzzzzzzzzzzzzzzzzzzzz",
  HUGE,
  "true",
  "[object Object]",
];

// Deterministic pseudo-random choices so a failure reproduces.
let seed = 42;
const pick = <T>(list: readonly T[]) => list[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % list.length];

async function snapshot() {
  const counts = await Promise.all([
    db.user.count(),
    db.session.count(),
    db.loginFailure.count(),
    db.lessonCompletion.count(),
    db.examAttempt.count(),
    db.attemptItem.count({ where: { selectedIndex: { not: null } } }),
    db.attemptItem.count({ where: { flagged: true } }),
    db.reviewCard.count(),
    db.reviewLog.count(),
    db.reviewCard.count({ where: { suspended: true } }),
    db.class.count(),
    db.classMembership.count(),
    db.question.count(),
    db.questionVersion.count(),
    db.assignment.count(),
    db.invitation.count(),
    db.invitation.count({ where: { acceptedAt: { not: null } } }),
    db.instructorRequest.count(),
    db.instructorRequest.count({ where: { status: "pending" } }),
    db.auditEntry.count(),
    db.job.count(),
  ]);
  const users = await db.user.findMany({
    select: {
      passwordHash: true,
      role: true,
      timeZone: true,
      accommodationFactor: true,
      preferences: {
        select: {
          desiredRetention: true,
          newCardsPerDay: true,
          reviewsPerDay: true,
          examDate: true,
          studyWeekdays: true,
          studyMinutes: true,
          studyStartTime: true,
          loadBalance: true,
          lightWeekdays: true,
        },
      },
    },
    orderBy: { id: "asc" },
  });
  const memberships = await db.classMembership.findMany({
    select: { accommodationFactor: true },
    orderBy: [{ classId: "asc" }, { userId: "asc" }],
  });
  return JSON.stringify({ counts, users, memberships });
}

function statusOf(result: unknown): number {
  if (result instanceof Response) return result.status;
  if (result && typeof result === "object" && "init" in result)
    return (result as { init?: { status?: number } }).init?.status ?? 200;
  return 200;
}

describe("malformed input", () => {
  it("every action answers 4xx to a bad field and changes nothing; the valid form does change things", async () => {
    await syncQuestions(
      Array.from({ length: 6 }, (_, i) =>
        makeQuestion(`LAW-K01-00${i + 1}`, { lesson: "hipaa-privacy-and-patient-rights" }),
      ),
    );
    const student = await makeUser();
    const member = await makeUser();
    // Changing a password signs out the user's other sessions, so the account form gets its own user.
    const accountCookie = (await startSession((await makeUser()).id)).split(";")[0];
    const instructor = await makeUser({ role: "instructor" });
    const studentCookie = (await startSession(student.id)).split(";")[0];
    const instructorCookie = (await startSession(instructor.id)).split(";")[0];
    const klass = await createClassFor(instructor.id, "Fuzz class");
    const { joinCode } = await db.class.findUniqueOrThrow({ where: { id: klass.id } });
    await db.classMembership.create({ data: { classId: klass.id, userId: member.id } });
    const attempt = await startPractice(student.id, {
      domains: ["LAW"],
      weakest: false,
      count: 5,
      timed: false,
      mode: "tutor",
      only: "all",
    });
    if (!attempt.ok) throw new Error(attempt.message);
    const memberCookie = (await startSession(member.id)).split(";")[0];
    const quiz = await createAssignment(instructor, klass.id, {
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
    if (!quiz.ok) throw new Error(quiz.message);
    const ownCard = await addOwnCard(student.id, { domainId: "LAW", front: "Q", back: "A" });
    const admin = await makeUser({ role: "admin" });
    const adminCookie = (await startSession(admin.id)).split(";")[0];
    const requester = await makeUser();
    await requestInstructorAccess(requester, "I teach the evening CMAA course.");
    const { id: requestId } = await db.instructorRequest.findFirstOrThrow({ where: { userId: requester.id } });
    const invited = await inviteInstructor(admin, { email: "fuzz-invited@example.test", name: null });
    if (!invited.ok) throw new Error(invited.message);
    const invitationToken = new URL(invited.url).searchParams.get("token")!;

    // Each target: a valid form (which succeeds and changes something), and for each field the
    // garbage values that must make it fail. Optional fields are fuzzed only with values that
    // are wrong, not merely absent.
    const longPhrase = "a long enough new phrase";
    const targets: {
      name: string;
      action: Action;
      path: string;
      params?: Record<string, string>;
      cookie: string | null;
      valid: Record<string, string>;
      bad: Record<string, readonly string[]>;
    }[] = [
      {
        name: "register",
        action: register.action,
        path: "/register",
        cookie: null,
        valid: { name: "Val Id", email: "valid-fuzz@example.test", password: longPhrase, confirmPassword: longPhrase },
        bad: {
          name: TEXT_GARBAGE,
          email: [...TEXT_GARBAGE, ...OTHER_GARBAGE],
          password: ["", "short", HUGE],
          confirmPassword: ["mismatch", ""],
        },
      },
      {
        name: "account",
        action: account.action,
        path: "/account",
        cookie: accountCookie,
        valid: {
          intent: "change-password",
          currentPassword: TEST_PASSWORD,
          newPassword: longPhrase,
          confirmPassword: longPhrase,
        },
        bad: {
          intent: OTHER_GARBAGE,
          currentPassword: ["", "not the password", HUGE],
          newPassword: ["", "short", HUGE],
          confirmPassword: ["mismatch", ""],
        },
      },
      {
        name: "lesson",
        action: lesson.action,
        path: "/learn/law/hipaa-privacy-and-patient-rights",
        params: { domain: "law", slug: "hipaa-privacy-and-patient-rights" },
        cookie: studentCookie,
        valid: { intent: "complete" },
        bad: { intent: OTHER_GARBAGE },
      },
      {
        name: "practice",
        action: practice.action,
        path: "/practice",
        cookie: studentCookie,
        valid: { intent: "practice", domains: "LAW", count: "5", mode: "exam", only: "all" },
        bad: {
          domains: OTHER_GARBAGE,
          count: OTHER_GARBAGE,
          mode: OTHER_GARBAGE,
          only: OTHER_GARBAGE,
          minutes: OTHER_GARBAGE.filter((v) => v.trim() !== "" && v !== "\u0000"),
          areas: OTHER_GARBAGE,
        },
      },
      {
        name: "study plan",
        action: studyPlan.action,
        path: "/progress/plan",
        cookie: studentCookie,
        valid: {
          examDate: new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10),
          weekdays: "2",
          minutes: "30",
          startTime: "18:15",
        },
        bad: {
          examDate: [...OTHER_GARBAGE.filter((v) => v !== ""), "2020-01-01", "2026-02-30", "2999-01-01"],
          weekdays: OTHER_GARBAGE,
          minutes: OTHER_GARBAGE,
          startTime: [...OTHER_GARBAGE, "24:00", "7pm"],
        },
      },
      {
        name: "exam item",
        action: attemptItem.action,
        path: `/attempts/${attempt.attemptId}/q/1`,
        params: { id: attempt.attemptId, n: "1" },
        cookie: studentCookie,
        valid: { intent: "answer", choice: "1" },
        bad: { intent: OTHER_GARBAGE, choice: OTHER_GARBAGE.filter((v) => v !== "") },
      },
      {
        name: "review study",
        action: study.action,
        path: "/review/study",
        cookie: studentCookie,
        valid: { intent: "rate", ref: `card:${ownCard.id}`, grade: "3", requestId: "fuzz-request-0001" },
        bad: { intent: OTHER_GARBAGE, ref: OTHER_GARBAGE, grade: OTHER_GARBAGE, requestId: ["", "-1", HUGE] },
      },
      {
        name: "review cards",
        action: reviewCards.action,
        path: "/review/cards",
        cookie: studentCookie,
        valid: { cardId: ownCard.id, suspended: "true" },
        bad: { cardId: OTHER_GARBAGE, suspended: OTHER_GARBAGE.filter((v) => v !== "true") },
      },
      {
        name: "review new",
        action: reviewNew.action,
        path: "/review/new",
        cookie: studentCookie,
        valid: { domainId: "LAW", front: "Front", back: "Back" },
        bad: { domainId: OTHER_GARBAGE, front: TEXT_GARBAGE, back: TEXT_GARBAGE },
      },
      {
        name: "review settings",
        action: reviewSettings.action,
        path: "/review/settings",
        cookie: studentCookie,
        valid: { desiredRetention: "0.85", newCardsPerDay: "15", reviewsPerDay: "150", timeZone: "America/Denver" },
        bad: {
          desiredRetention: OTHER_GARBAGE,
          newCardsPerDay: OTHER_GARBAGE,
          reviewsPerDay: OTHER_GARBAGE,
          timeZone: OTHER_GARBAGE,
        },
      },
      {
        name: "review spreading",
        action: reviewSettings.action,
        path: "/review/settings",
        cookie: studentCookie,
        valid: { intent: "balance", loadBalance: "on", lightWeekdays: "6" },
        // An empty list is no light day (all boxes unticked), which is valid.
        bad: { loadBalance: OTHER_GARBAGE, lightWeekdays: OTHER_GARBAGE.filter((v) => v !== "") },
      },
      {
        name: "classes",
        action: classes.action,
        path: "/classes",
        cookie: instructorCookie,
        valid: { name: "A valid class" },
        bad: { name: TEXT_GARBAGE },
      },
      {
        name: "class roster",
        action: classRoster.action,
        path: `/classes/${klass.id}`,
        params: { id: klass.id },
        cookie: instructorCookie,
        valid: { intent: "accommodation", userId: member.id, factor: "1.5", confirmed: "yes" },
        bad: { intent: OTHER_GARBAGE, userId: OTHER_GARBAGE, factor: OTHER_GARBAGE },
      },
      {
        name: "new assignment",
        action: newAssignment.action,
        path: `/classes/${klass.id}/assignments/new`,
        params: { id: klass.id },
        cookie: instructorCookie,
        valid: {
          title: "Week 1",
          source: "domains",
          domains: "LAW",
          itemCount: "5",
          timed: "on",
          minutes: "10",
          opensAt: "2026-01-01T09:00",
          dueAt: "2026-01-08T09:00",
          attemptsAllowed: "2",
          revealPolicy: "after_due",
        },
        bad: {
          title: TEXT_GARBAGE,
          source: OTHER_GARBAGE,
          domains: OTHER_GARBAGE,
          itemCount: OTHER_GARBAGE,
          minutes: OTHER_GARBAGE,
          opensAt: OTHER_GARBAGE,
          dueAt: [...OTHER_GARBAGE, "2025-12-31T09:00", "2026-02-30T09:00"],
          attemptsAllowed: OTHER_GARBAGE,
          revealPolicy: OTHER_GARBAGE,
        },
      },
      {
        name: "start assignment",
        action: studentAssignment.action,
        path: `/assignments/${quiz.id}`,
        params: { id: quiz.id },
        cookie: memberCookie,
        valid: { intent: "start" },
        bad: { intent: OTHER_GARBAGE },
      },
      {
        name: "write a question",
        action: newQuestion.action,
        path: "/classes/questions/new",
        cookie: instructorCookie,
        valid: {
          stem: "A new patient arrives without a photo ID and asks to be seen today. What should you do first?",
          knowledgeArea: "ENC.K01",
          difficulty: "2",
          cognitive: "application",
          answer: "B",
          optionA: "Turn the patient away",
          rationaleA: "Refusing care is not the policy.",
          optionB: "Follow the office's identity policy",
          rationaleB: "The policy says how to verify identity.",
          optionC: "Ask a neighbour",
          rationaleC: "Neighbours cannot verify identity.",
          optionD: "Skip registration",
          rationaleD: "Registration cannot be skipped.",
          referenceTitle: "Medical identity theft",
          referencePublisher: "FTC",
          referenceUrl: "",
        },
        bad: {
          stem: TEXT_GARBAGE,
          knowledgeArea: OTHER_GARBAGE,
          difficulty: OTHER_GARBAGE,
          cognitive: OTHER_GARBAGE,
          answer: OTHER_GARBAGE,
          optionA: TEXT_GARBAGE,
          rationaleC: TEXT_GARBAGE,
          referenceTitle: TEXT_GARBAGE,
          referenceUrl: OTHER_GARBAGE.filter((v) => v !== ""),
        },
      },
      {
        name: "join",
        action: join.action,
        path: "/join",
        cookie: studentCookie,
        valid: { code: joinCode },
        bad: { code: OTHER_GARBAGE },
      },
      {
        name: "request instructor access",
        action: instructorAccess.action,
        path: "/instructor-access",
        cookie: studentCookie,
        valid: { note: "I teach the evening CMAA course." },
        bad: { note: [...TEXT_GARBAGE, "too short"] },
      },
      {
        name: "invite an instructor",
        action: adminInvitations.action,
        path: "/admin/invitations",
        cookie: adminCookie,
        valid: { intent: "invite", email: "fuzz-teacher@example.test", name: "Fuzz Teacher" },
        bad: { intent: OTHER_GARBAGE, email: [...TEXT_GARBAGE, ...OTHER_GARBAGE], name: [HUGE] },
      },
      {
        name: "decide an instructor request",
        action: adminRequests.action,
        path: "/admin/requests",
        cookie: adminCookie,
        valid: { intent: "approve", requestId },
        bad: { intent: OTHER_GARBAGE, requestId: OTHER_GARBAGE, reason: [HUGE] },
      },
      {
        name: "invite students from a roster",
        action: classRoster.action,
        path: `/classes/${klass.id}`,
        params: { id: klass.id },
        cookie: instructorCookie,
        valid: { intent: "invite-roster", roster: "Fuzz Student, fuzz-student@example.test" },
        bad: { roster: TEXT_GARBAGE, allowRemoved: OTHER_GARBAGE },
      },
      {
        name: "accept an invitation with a new account",
        action: acceptInvitation.action,
        path: `/invitations/accept?token=${invitationToken}`,
        cookie: null,
        valid: {
          intent: "create-account",
          token: invitationToken,
          name: "Fuzz Invitee",
          password: longPhrase,
          confirmPassword: longPhrase,
        },
        bad: {
          intent: OTHER_GARBAGE,
          token: OTHER_GARBAGE,
          name: TEXT_GARBAGE,
          password: ["", "short", HUGE],
          confirmPassword: ["mismatch", ""],
        },
      },
      {
        name: "theme",
        action: theme.action,
        path: "/theme",
        cookie: null,
        valid: { theme: "dark" },
        bad: { theme: OTHER_GARBAGE },
      },
    ];

    const call = async (target: (typeof targets)[number], body: URLSearchParams) => {
      const headers = new Headers({ "content-type": "application/x-www-form-urlencoded" });
      if (target.cookie) headers.set("Cookie", target.cookie);
      try {
        return statusOf(
          await target.action({
            request: new Request(`http://localhost${target.path}`, { method: "POST", headers, body }),
            params: target.params ?? {},
            context: { clientIp: "203.0.113.9" },
          }),
        );
      } catch (thrown) {
        if (!(thrown instanceof Response))
          throw new Error(`${target.name} crashed on ${body.toString().slice(0, 200)}: ${thrown}`);
        return thrown.status;
      }
    };

    for (const target of targets) {
      for (const [field, values] of Object.entries(target.bad)) {
        for (const value of values) {
          const body = new URLSearchParams({ ...target.valid, [field]: value });
          if (pick([true, false])) body.append(pick(["extra", "__proto__", "constructor"]), pick(OTHER_GARBAGE));
          const label = `${target.name}: ${field}=${JSON.stringify(value.slice(0, 40))}`;
          const before = await snapshot();
          const status = await call(target, body);
          expect({ label, changed: (await snapshot()) !== before }).toEqual({ label, changed: false });
          expect({ label, status: status >= 400 && status < 500 }).toEqual({ label, status: true });
        }
      }
    }
    // The same forms, unspoiled, are accepted: so the failures above came from the bad field.
    for (const target of targets.filter((t) => t.name !== "theme")) {
      const before = await snapshot();
      const status = await call(target, new URLSearchParams(target.valid));
      expect({ name: target.name, status: status < 400, changed: (await snapshot()) !== before }).toEqual({
        name: target.name,
        status: true,
        changed: true,
      });
    }
  }, 180_000);
});
