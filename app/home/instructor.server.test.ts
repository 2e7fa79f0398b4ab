import { beforeAll, describe, expect, it } from "vitest";
import { makeQuestion } from "../../tests/fixtures/content.ts";
import { makeUser } from "../../tests/factories/users.ts";
import { createAssignment } from "~/assignments/manage.server.ts";
import { startAssignment } from "~/assignments/student.server.ts";
import { createClassFor, joinWithCode } from "~/classes/classes.server.ts";
import { saveAnswer, submitAttempt } from "~/exam/attempts.server.ts";
import { syncQuestions } from "~/models/bank.server.ts";
import { db } from "~/utils/db.server.ts";
import type { AssignmentForm } from "~/assignments/forms.ts";
import type { Role } from "~/utils/roles.ts";
import { instructorHome } from "./instructor.server.ts";

const NOW = new Date("2026-12-10T15:00:00Z");
const DAY = 86_400_000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY);
const IDS = ["HOM-K01-001", "HOM-K01-002", "HOM-K01-003"];

beforeAll(async () => {
  // Three LAW items keyed A.
  await syncQuestions(
    IDS.map((id) => makeQuestion(id.replace("HOM", "LAW"), { knowledgeArea: "LAW.K01", answer: "A" })),
  );
});
const QIDS = IDS.map((id) => id.replace("HOM", "LAW"));

const form = (over: Partial<AssignmentForm>): AssignmentForm => ({
  title: "Quiz",
  source: "items",
  domains: [],
  questionIds: QIDS,
  itemCount: 3,
  timed: false,
  minutes: undefined,
  opensAt: at(-30),
  dueAt: at(3),
  attemptsAllowed: 1,
  revealPolicy: "after_submit",
  ...over,
});

async function assign(instructor: { id: string; role: Role }, classId: string, over: Partial<AssignmentForm>) {
  const created = await createAssignment(instructor, classId, form(over), at(-30));
  if (!created.ok) throw new Error(created.message);
  return created.id;
}

async function classWith(instructor: { id: string }, name: string) {
  const { id } = await createClassFor(instructor.id, name);
  const { joinCode } = await db.class.findUniqueOrThrow({ where: { id } });
  return { id, joinCode };
}

async function enrol(klass: { id: string; joinCode: string }, userId: string, joinedAt: Date) {
  const joined = await joinWithCode(userId, klass.joinCode, "10.19.0.1");
  if (!joined.ok) throw new Error(joined.message);
  await db.classMembership.update({ where: { classId_userId: { classId: klass.id, userId } }, data: { joinedAt } });
}

/** Starts and submits the assignment at `when`, answering the items in `right` correctly (A), the rest B. */
async function submit(userId: string, assignmentId: string, right: string[], when: Date) {
  const started = await startAssignment(userId, "UTC", assignmentId, when);
  if (!started.ok) throw new Error(started.message);
  const items = await db.attemptItem.findMany({
    where: { attemptId: started.attemptId },
    include: { questionVersion: true },
    orderBy: { position: "asc" },
  });
  for (const i of items)
    await saveAnswer(
      userId,
      started.attemptId,
      i.position + 1,
      { selectedIndex: right.includes(i.questionVersion.questionId) ? 0 : 1 },
      when,
    );
  await submitAttempt(userId, started.attemptId, when);
  return started.attemptId;
}

describe("the instructor's home", () => {
  it("lists overdue and upcoming work, new submissions, inactive and falling-behind students", async () => {
    const instructor = await makeUser({ role: "instructor", name: "Ms Rivera" });
    const klass = await classWith(instructor, "Evening CMAA");
    const strong = await makeUser({ name: "Strong Student" });
    const weak = await makeUser({ name: "Weak Student" });
    const quiet = await makeUser({ name: "Quiet Student" });
    const newcomer = await makeUser({ name: "New Student" });
    const reader = await makeUser({ name: "Reading Student" });
    await enrol(klass, strong.id, at(-22));
    await enrol(klass, weak.id, at(-21));
    await enrol(klass, quiet.id, at(-15));
    await enrol(klass, newcomer.id, at(-1));
    await enrol(klass, reader.id, at(-20));

    const older = await assign(instructor, klass.id, { title: "Week 1 quiz", opensAt: at(-25), dueAt: at(-12) });
    const overdue = await assign(instructor, klass.id, { title: "Week 2 quiz", opensAt: at(-9), dueAt: at(-2) });
    const upcoming = await assign(instructor, klass.id, { title: "Week 3 quiz", opensAt: at(-1), dueAt: at(3) });
    await assign(instructor, klass.id, { title: "Final mock", opensAt: at(-1), dueAt: at(20) });
    // Older work, submitted 8 days ago (not new); then Week 2, 3 days ago.
    await submit(strong.id, older, QIDS, at(-13));
    await submit(weak.id, older, QIDS, at(-13));
    await submit(reader.id, older, QIDS, at(-13));
    await submit(strong.id, overdue, QIDS, at(-3));
    await submit(weak.id, overdue, QIDS.slice(0, 1), at(-3));
    // The reader has an extension to Week 2 and finished a lesson 8 days ago (nothing since).
    await db.assignmentOverride.create({ data: { assignmentId: overdue, userId: reader.id, dueAt: at(2) } });
    await db.lessonCompletion.create({
      data: { userId: reader.id, lessonSlug: "hipaa-privacy-and-patient-rights", completedAt: at(-8) },
    });
    // A class of the same instructor that is archived: none of it shows.
    const archived = await classWith(instructor, "Last year");
    await assign(instructor, archived.id, { title: "Archived quiz", dueAt: at(-1) });
    await db.class.update({ where: { id: archived.id }, data: { archivedAt: at(-5) } });

    const home = await instructorHome({ ...instructor, timeZone: "America/New_York" }, NOW);
    expect(home.classes).toHaveLength(1);
    const [c] = home.classes;
    expect(c).toMatchObject({ id: klass.id, name: "Evening CMAA", students: 5 });
    // Week 1: quiet missed it. Week 2: quiet again; the reader has an extension, and the newcomer
    // joined after it was due.
    expect(c.overdue).toEqual([
      {
        id: older,
        classId: klass.id,
        title: "Week 1 quiz",
        dueAt: "Nov 28, 2026, 10:00 AM EST",
        submitted: 3,
        students: 5,
        missing: 1,
      },
      {
        id: overdue,
        classId: klass.id,
        title: "Week 2 quiz",
        dueAt: "Dec 8, 2026, 10:00 AM EST",
        submitted: 2,
        students: 5,
        missing: 1,
      },
    ]);
    // The final mock (due in 20 days) is not upcoming yet.
    expect(c.upcoming.map((a) => [a.id, a.submitted, a.dueAt])).toEqual([[upcoming, 0, "Dec 13, 2026, 10:00 AM EST"]]);

    // New: the two Week 2 submissions (3 days ago), newest first; the 13-day-old ones are not new.
    expect(home.submissions.map((s) => [s.studentName, s.title, s.percent])).toEqual([
      ["Weak Student", "Week 2 quiz", 33],
      ["Strong Student", "Week 2 quiz", 100],
    ]);
    expect(home.submissions[1].href).toBe(`/classes/${klass.id}/assignments/${overdue}/students/${strong.id}`);
    expect(home.submissions[1].submittedAt).toBe("Dec 7, 2026, 10:00 AM EST");

    // Inactive: the reader's last lesson was 8 days ago; quiet never studied (joined 15 days ago).
    // The newcomer joined yesterday; the others submitted 3 days ago.
    expect(home.inactive.map((s) => [s.name, s.lastActive])).toEqual([
      ["Reading Student", "Dec 2, 2026"],
      ["Quiet Student", null],
    ]);
    // Behind: weak scored 33% on their latest; quiet missed two due dates.
    expect(home.behind.map((s) => [s.name, s.reason, s.href])).toEqual([
      ["Weak Student", "Scored 33% on Week 2 quiz", `/classes/${klass.id}/assignments/${overdue}/students/${weak.id}`],
      ["Quiet Student", "Missed 2 due dates", `/classes/${klass.id}/assignments/${older}`],
    ]);
    expect(home.flagged).toEqual([]);
  });

  it("flags the items item analysis flags", async () => {
    const instructor = await makeUser({ role: "instructor" });
    const klass = await classWith(instructor, "Item analysis");
    const quiz = await assign(instructor, klass.id, { title: "Analysed quiz", opensAt: at(-9), dueAt: at(-1) });
    // Ten students: the five who get the other two items right miss the first, and the reverse,
    // so the first item discriminates negatively (a miskeyed-looking item).
    for (let n = 0; n < 10; n++) {
      const s = await makeUser();
      await enrol(klass, s.id, at(-10));
      await submit(s.id, quiz, n < 5 ? QIDS.slice(1) : QIDS.slice(0, 1), at(-2));
    }
    const home = await instructorHome({ ...instructor, timeZone: "UTC" }, NOW);
    expect(home.flagged).toHaveLength(1);
    expect(home.flagged[0]).toMatchObject({
      questionId: QIDS[0],
      title: "Analysed quiz",
      className: "Item analysis",
      href: `/classes/${klass.id}/assignments/${quiz}`,
    });
    expect(home.flagged[0].discrimination).toBeLessThan(0);
    expect(home.flagged[0].stem).toContain("Scenario");
  });

  it("shows instructors (and admins) only their own classes", async () => {
    const owner = await makeUser({ role: "instructor" });
    const other = await makeUser({ role: "instructor" });
    const admin = await makeUser({ role: "admin" });
    const student = await makeUser();
    const klass = await classWith(owner, "Owner's class");
    await enrol(klass, student.id, at(-20));
    const quiz = await assign(owner, klass.id, { title: "Owner's quiz", opensAt: at(-9), dueAt: at(-1) });
    await submit(student.id, quiz, QIDS, at(-2));
    const adminClass = await classWith(admin, "Admin's class");

    const forOther = await instructorHome({ ...other, timeZone: "UTC" }, NOW);
    expect(forOther).toMatchObject({ classes: [], submissions: [], inactive: [], behind: [], flagged: [] });
    const forAdmin = await instructorHome({ ...admin, timeZone: "UTC" }, NOW);
    expect(forAdmin.classes.map((c) => c.id)).toEqual([adminClass.id]);
    expect(forAdmin.submissions).toEqual([]);
    const forOwner = await instructorHome({ ...owner, timeZone: "UTC" }, NOW);
    expect(forOwner.submissions.map((s) => s.title)).toEqual(["Owner's quiz"]);
  });
});
