// A student who closes the tab on a timed assignment: once the time is up, the instructor's
// results, the student's assignment page and their list show it submitted (graded a bounded
// few per page load), not "in progress" forever.
import { found } from "../../tests/support/found.ts";
import { beforeAll, describe, expect, it } from "vitest";
import { makeQuestion } from "../../tests/fixtures/content.ts";
import { makeUser } from "../../tests/factories/users.ts";
import { createClassFor, joinWithCode } from "~/classes/classes.server.ts";
import { GRADE_PER_PAGE_LOAD } from "~/exam/limits.ts";
import { syncQuestions } from "~/models/bank.server.ts";
import * as classPage from "~/routes/classes.$id.tsx";
import { startSession } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { createAssignment } from "./manage.server.ts";
import { assignmentResults, studentWork } from "./results.server.ts";
import { assignmentForStudent, startAssignment, studentAssignments } from "./student.server.ts";

const T0 = new Date("2026-06-01T12:00:00Z");
const later = new Date(T0.getTime() + 60 * 60_000);

beforeAll(async () => {
  await syncQuestions(Array.from({ length: 10 }, (_, i) => makeQuestion(`LAW-K01-${String(i + 1).padStart(3, "0")}`)));
});

async function timedAssignment(students: number) {
  const instructor = { ...(await makeUser({ role: "instructor" })), timeZone: "UTC" };
  const klass = await createClassFor(instructor.id, "Timed");
  const { joinCode } = await db.class.findUniqueOrThrow({ where: { id: klass.id } });
  const quiz = await createAssignment(instructor, klass.id, {
    title: "Ten minutes",
    source: "domains",
    domains: ["LAW"],
    questionIds: [],
    itemCount: 5,
    timed: true,
    minutes: 10,
    opensAt: new Date("2026-01-01T00:00:00Z"),
    dueAt: new Date("2026-12-01T00:00:00Z"),
    attemptsAllowed: 1,
    revealPolicy: "after_submit",
  });
  if (!quiz.ok) throw new Error(quiz.message);
  const learners = [];
  for (let i = 0; i < students; i++) {
    const student = await makeUser();
    await joinWithCode(student.id, joinCode, "10.30.0.1");
    const started = await startAssignment(student.id, "UTC", quiz.id, T0);
    if (!started.ok) throw new Error(started.message);
    learners.push(student);
  }
  return { instructor, klass, quizId: quiz.id, learners };
}

describe("expired assignment attempts", () => {
  it(`the instructor's results grade them, at most ${GRADE_PER_PAGE_LOAD} per load`, async () => {
    const { instructor, klass, quizId, learners } = await timedAssignment(GRADE_PER_PAGE_LOAD + 1);
    const first = found(await assignmentResults(instructor, klass.id, quizId, later));
    expect(first.rows.filter((r) => r.status === "submitted")).toHaveLength(GRADE_PER_PAGE_LOAD);
    expect(first.rows.filter((r) => r.status === "in_progress")).toHaveLength(1);
    const second = found(await assignmentResults(instructor, klass.id, quizId, later));
    expect(second.rows.map((r) => r.status)).toEqual(learners.map(() => "submitted"));
    expect(second.rows[0]).toMatchObject({ percent: 0, submittedAt: expect.any(String) });
  });

  it("the student's own pages grade theirs", async () => {
    const { quizId, learners } = await timedAssignment(1);
    const [student] = learners;
    expect((await studentAssignments(student.id, "UTC", later))[0]).toMatchObject({ id: quizId, status: "submitted" });
    const page = found(await assignmentForStudent(student.id, "UTC", quizId, later));
    expect(page).toMatchObject({ status: "submitted", canStart: false });
  });

  it("the class page (a few per load) and a student's work page grade them too", async () => {
    const { instructor, klass, quizId, learners } = await timedAssignment(GRADE_PER_PAGE_LOAD + 2);
    // Their time ran out long ago (the class page reads the real clock).
    await db.examAttempt.updateMany({
      where: { assignmentId: quizId },
      data: { deadline: new Date(Date.now() - 3_600_000) },
    });
    const cookie = (await startSession(instructor.id)).split(";")[0];
    const load = () =>
      classPage.loader({
        request: new Request(`http://localhost/classes/${klass.id}`, { headers: { cookie } }),
        params: { id: klass.id },
        context: { clientIp: "203.0.113.9" },
      });
    const page = await load();
    // Submitted (late, by the real clock, if the due date has passed): no longer in progress.
    const statuses = page.students.map((st) => st.assignments[0].status);
    expect(statuses.filter((st) => st === "in_progress")).toHaveLength(learners.length - GRADE_PER_PAGE_LOAD);
    const last = learners[learners.length - 1];
    const work = found(await studentWork(instructor, klass.id, quizId, last.id));
    expect(work.attempts[0]).toMatchObject({ status: "submitted" });
  });
});
