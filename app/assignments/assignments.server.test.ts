import { found } from "../../tests/support/found.ts";
import { beforeAll, describe, expect, it } from "vitest";
import { makeQuestion } from "../../tests/fixtures/content.ts";
import { makeUser } from "../../tests/factories/users.ts";
import { createClassFor, joinWithCode, leaveClass, setMemberAccommodation } from "~/classes/classes.server.ts";
import {
  attemptResults,
  checkAnswer,
  examScreen,
  saveAnswer,
  startPractice,
  submitAttempt,
} from "~/exam/attempts.server.ts";
import { browseCards, queueCounts } from "~/models/review.server.ts";
import { buryCard } from "~/review/review.server.ts";
import { KEY_NEVER_RELEASED } from "~/exam/key-release.ts";
import { NETWORK_GRACE_MS } from "~/exam/timing.ts";
import { missedQuestionIds } from "~/models/attempt.server.ts";
import { syncQuestions } from "~/models/bank.server.ts";
import { db } from "~/utils/db.server.ts";
import { createAssignment } from "./manage.server.ts";
import { assignmentResults, gradebookCsv, studentWork } from "./results.server.ts";
import { assignmentForStudent, startAssignment, studentAssignments } from "./student.server.ts";
import type { PracticeForm } from "~/exam/forms.ts";
import type { AssignmentForm } from "./forms.ts";
import type { Role } from "~/utils/roles.ts";

/** The results of a submitted attempt (the test fails if there are none). */
async function resultsOf(...args: Parameters<typeof attemptResults>) {
  const results = await attemptResults(...args);
  if (results.state !== "submitted") throw new Error(`no results: ${results.state}`);
  return results;
}

const SECRET = "RATIONALE-SECRET";
const OPENS = new Date("2026-12-01T14:00:00Z");
const DUE = new Date("2026-12-08T22:00:00Z");
const DURING = new Date("2026-12-03T15:00:00Z");
const AFTER = new Date("2026-12-09T15:00:00Z");

beforeAll(async () => {
  // 12 LAW and 12 BIL items; the key is always A and each rationale carries a marker.
  await syncQuestions(
    ["LAW", "BIL"].flatMap((d) =>
      Array.from({ length: 12 }, (_, i) =>
        makeQuestion(`${d}-K01-${String(i + 1).padStart(3, "0")}`, {
          knowledgeArea: `${d}.K01`,
          answer: "A",
          lesson: "hipaa-privacy-and-patient-rights",
          options: ["w", "x", "y", "z"].map((t) => ({ text: `Option ${t} ${d}${i}`, rationale: `${SECRET} ${t}` })),
        }),
      ),
    ),
  );
});

const form = (over: Partial<AssignmentForm> = {}): AssignmentForm => ({
  title: "Week 3 quiz",
  source: "domains",
  domains: ["LAW", "BIL"],
  questionIds: [],
  itemCount: 6,
  timed: true,
  minutes: 10,
  opensAt: OPENS,
  dueAt: DUE,
  attemptsAllowed: 1,
  revealPolicy: "after_submit",
  ...over,
});

async function classWithStudents(n: number) {
  const instructor = { ...(await makeUser({ role: "instructor" })), timeZone: "America/New_York" };
  const klass = await createClassFor(instructor.id, "Cohort");
  const { joinCode } = await db.class.findUniqueOrThrow({ where: { id: klass.id } });
  const students = [];
  for (let i = 0; i < n; i++) {
    const s = await makeUser({ name: `Student ${i + 1}` });
    await joinWithCode(s.id, joinCode, "10.30.0.1");
    students.push(s);
  }
  return { instructor, klass, students };
}

async function create(instructor: { id: string; role: Role }, classId: string, over: Partial<AssignmentForm> = {}) {
  const created = await createAssignment(instructor, classId, form(over));
  if (!created.ok) throw new Error(created.message);
  return created.id;
}

async function start(userId: string, assignmentId: string, at: Date) {
  const started = await startAssignment(userId, "UTC", assignmentId, at);
  if (!started.ok) throw new Error(started.message);
  return started.attemptId;
}

/** Answers every item: correct (A) for the positions in `right`, B otherwise. */
async function answerAll(userId: string, attemptId: string, right: (questionId: string) => boolean, at: Date) {
  const items = await db.attemptItem.findMany({
    where: { attemptId },
    include: { questionVersion: true },
    orderBy: { position: "asc" },
  });
  for (const i of items)
    await saveAnswer(
      userId,
      attemptId,
      i.position + 1,
      { selectedIndex: right(i.questionVersion.questionId) ? 0 : 1 },
      at,
    );
  return items;
}

describe("assignments", () => {
  it("fixes the questions at creation: every student gets the same set, with their own extra time on the clock", async () => {
    const { instructor, klass, students } = await classWithStudents(2);
    await setMemberAccommodation(klass.id, students[1].id, 1.5);
    const id = await create(instructor, klass.id);
    const a = await start(students[0].id, id, DURING);
    const b = await start(students[1].id, id, DURING);
    const setOf = async (attemptId: string) =>
      (await db.attemptItem.findMany({ where: { attemptId }, include: { questionVersion: true } }))
        .map((i) => i.questionVersion.questionId)
        .sort();
    expect(await setOf(a)).toHaveLength(6);
    expect(await setOf(a)).toEqual(await setOf(b));
    const [ta, tb] = await Promise.all([a, b].map((x) => db.examAttempt.findUniqueOrThrow({ where: { id: x } })));
    expect(ta).toMatchObject({ kind: "assignment", mode: "exam", assignmentId: id });
    expect(ta.deadline?.toISOString()).toBe("2026-12-03T15:10:00.000Z");
    expect(tb.deadline?.toISOString()).toBe("2026-12-03T15:15:00.000Z");
    // The membership's factor, set by this class's instructor, is what counts.
    await db.classMembership.update({
      where: { classId_userId: { classId: klass.id, userId: students[0].id } },
      data: { accommodationFactor: 2 },
    });
    const id2 = await create(instructor, klass.id, { title: "Second" });
    const c = await db.examAttempt.findUniqueOrThrow({ where: { id: await start(students[0].id, id2, DURING) } });
    expect(c.deadline?.toISOString()).toBe("2026-12-03T15:20:00.000Z");
  });

  it("refuses before it opens, after the attempts are used, and to non-members, each with a clear message", async () => {
    const { instructor, klass, students } = await classWithStudents(1);
    const [student] = students;
    const stranger = await makeUser();
    const id = await create(instructor, klass.id);
    expect(await startAssignment(student.id, "America/New_York", id, new Date("2026-11-30T00:00:00Z"))).toEqual({
      ok: false,
      status: 403,
      message: "This assignment opens on Dec 1, 2026, 9:00 AM EST.",
    });
    const refused = await startAssignment(stranger.id, "UTC", id, DURING);
    expect(refused).toMatchObject({
      ok: false,
      status: 404,
      message: expect.stringMatching(/members of its class only/),
    });
    const first = await start(student.id, id, DURING);
    expect(await start(student.id, id, DURING)).toBe(first); // resumes, does not open a second
    await submitAttempt(student.id, first, DURING);
    expect(await startAssignment(student.id, "UTC", id, DURING)).toEqual({
      ok: false,
      status: 409,
      message: "You have used your one attempt at this assignment.",
    });
    expect(await db.examAttempt.count({ where: { assignmentId: id } })).toBe(1);
    // Leaving the class ends access.
    await leaveClass(klass.id, student.id);
    expect(await assignmentForStudent(student.id, "UTC", id, DURING)).toMatchObject({ ok: false, reason: "not-found" });
  });

  it("keeps to the attempt limit when two starts race", async () => {
    const { instructor, klass, students } = await classWithStudents(1);
    const id = await create(instructor, klass.id, { attemptsAllowed: 1 });
    const results = await Promise.all(
      Array.from({ length: 6 }, () => startAssignment(students[0].id, "UTC", id, DURING)),
    );
    const ids = new Set(results.flatMap((r) => (r.ok ? [r.attemptId] : [])));
    expect(await db.examAttempt.count({ where: { assignmentId: id } })).toBe(1);
    // Every racer is offered the one attempt that was made.
    expect(ids.size).toBe(1);
  });

  it("accepts work after the due date but marks it late; closes to new starts when answers come out at the due date", async () => {
    const { instructor, klass, students } = await classWithStudents(2);
    const id = await create(instructor, klass.id, { timed: false, minutes: undefined });
    const late = await start(students[0].id, id, DURING);
    await submitAttempt(students[0].id, late, AFTER);
    const onTime = await start(students[1].id, id, DURING);
    await submitAttempt(students[1].id, onTime, DURING);
    const results = found(await assignmentResults(instructor, klass.id, id, AFTER));
    expect(results.rows.map((r) => [r.name, r.status, r.late])).toEqual([
      ["Student 1", "late", true],
      ["Student 2", "submitted", false],
    ]);
    expect((await studentAssignments(students[0].id, "UTC", AFTER)).map((a) => a.status)).toEqual(["late"]);

    const closing = await create(instructor, klass.id, { revealPolicy: "after_due", title: "Closes" });
    expect(await startAssignment(students[0].id, "UTC", closing, AFTER)).toMatchObject({
      ok: false,
      status: 409,
      message: expect.stringContaining("closed"),
    });
    expect(found(await assignmentForStudent(students[0].id, "UTC", closing, AFTER)).status).toBe("closed");
    // After-submit policy: a late start is allowed (and will be late).
    const lateStart = await create(instructor, klass.id, { title: "Late start" });
    expect(found(await assignmentForStudent(students[0].id, "UTC", lateStart, AFTER)).startsLate).toBe(true);
  });

  it("shows the key and rationales only as the reveal policy allows (loader data, and no review cards)", async () => {
    const { instructor, klass, students } = await classWithStudents(1);
    const [s] = students;
    const shownQuestions: string[] = [];
    for (const [policy, visibleDuring, visibleAfter] of [
      ["after_submit", true, true],
      ["after_due", false, true],
      ["never", false, false],
    ] as const) {
      const id = await create(instructor, klass.id, { revealPolicy: policy, title: policy });
      const attemptId = await start(s.id, id, DURING);
      await answerAll(s.id, attemptId, () => false, DURING);
      await submitAttempt(s.id, attemptId, DURING);
      const during = await resultsOf(s.id, attemptId, DURING);
      const after = await resultsOf(s.id, attemptId, AFTER);
      expect([policy, JSON.stringify(during).includes(SECRET), JSON.stringify(after).includes(SECRET)]).toEqual([
        policy,
        visibleDuring,
        visibleAfter,
      ]);
      expect(during.assignment?.answersVisible).toBe(visibleDuring);
      if (!visibleDuring) {
        expect(during.items).toEqual([]);
        expect(JSON.stringify(during)).not.toMatch(/answerIndex|rationale/);
        expect(during.assignment?.message).toMatch(policy === "never" ? /does not show/ : /after the due date/);
        expect(during.score.total).toBe(6); // the score itself is theirs to see
      }
      const cards = await db.reviewCard.count({
        where: {
          userId: s.id,
          source: "missed",
          questionId: {
            in: (await db.attemptItem.findMany({ where: { attemptId }, include: { questionVersion: true } })).map(
              (i) => i.questionVersion.questionId,
            ),
          },
        },
      });
      if (policy === "after_submit") expect(cards).toBe(6);
      // "Previously missed" practice must not offer (and so reveal) answers the policy withholds.
      const questionIds = (
        await db.attemptItem.findMany({ where: { attemptId }, include: { questionVersion: true } })
      ).map((i) => i.questionVersion.questionId);
      const missed = await missedQuestionIds(s.id);
      if (policy === "after_submit") shownQuestions.push(...questionIds);
      else expect(questionIds.filter((q) => missed.has(q) && !shownQuestions.includes(q))).toEqual([]);
      await db.reviewCard.deleteMany({ where: { userId: s.id } });
    }
  });

  it("gives the instructor results, item analysis, the drill-down and a CSV; other instructors get 404", async () => {
    const { instructor, klass, students } = await classWithStudents(3);
    const other = { ...(await makeUser({ role: "instructor" })), timeZone: "UTC" };
    await db.user.update({ where: { id: students[2].id }, data: { name: '=HYPERLINK("http://evil")' } });
    const id = await create(instructor, klass.id, {
      source: "items",
      questionIds: ["LAW-K01-001", "LAW-K01-002", "BIL-K01-001"],
      itemCount: undefined,
    });
    // Student 1 gets everything right; student 2 only LAW-K01-002; student 3 only BIL-K01-001.
    const right = [() => true, (q: string) => q === "LAW-K01-002", (q: string) => q === "BIL-K01-001"];
    for (const [n, s] of students.entries()) {
      const attemptId = await start(s.id, id, DURING);
      await answerAll(s.id, attemptId, right[n], DURING);
      await submitAttempt(s.id, attemptId, DURING);
    }
    const results = found(await assignmentResults(instructor, klass.id, id, DURING));
    expect(results.rows.map((r) => r.percent)).toEqual([100, 33, 33]);
    expect(results.domains.map((d) => d.id)).toEqual(["LAW", "BIL"]);
    expect(results.rows[0].byDomain).toEqual({ LAW: 100, BIL: 100 });
    expect(results.items.map((i) => i.questionId)).toEqual(["LAW-K01-001", "LAW-K01-002", "BIL-K01-001"]);
    // Three students: difficulty is shown, but discrimination needs more responses (the maths is
    // checked against hand-computed values in item-analysis.test.ts).
    expect(results.items.map((i) => i.difficulty)).toEqual([1 / 3, 2 / 3, 2 / 3]);
    expect(results.items.map((i) => [i.responses, i.discrimination])).toEqual([
      [3, null],
      [3, null],
      [3, null],
    ]);
    expect(results.items.map((i) => i.flagged)).toEqual([false, false, false]);
    expect(results.items[0].optionCounts).toEqual([1, 2, 0, 0]);
    expect(results.weakest[0]).toMatchObject({ id: "LAW.K01", correct: 3, answered: 6 });

    const work = found(await studentWork(instructor, klass.id, id, students[1].id));
    expect(work.attempts[0].items.map((i) => [i.questionId, i.selectedIndex, i.answerIndex]).sort()).toEqual([
      ["BIL-K01-001", 1, 0],
      ["LAW-K01-001", 1, 0],
      ["LAW-K01-002", 0, 0],
    ]);

    const { csv, filename } = found(await gradebookCsv(instructor, klass.id, id, DURING));
    expect(filename).toBe("week-3-quiz-gradebook.csv");
    const lines = csv.replace(/^\uFEFF/, "").split("\r\n");
    // A domain name with commas is quoted.
    expect(lines[0]).toBe(
      'Student,Email,Status,Score (%),Correct,Scored questions,"Medical Law, Ethics, and Compliance (%)",Billing and Revenue Cycle (%),Time used (minutes),Due (America/New_York),"Due (ISO 8601, UTC)",Extended,Submitted at (America/New_York),"Submitted at (ISO 8601, UTC)",Late,Attempts',
    );
    // Dates readable in the instructor's zone, the exact instant beside them.
    // The zone is in the header only, so a spreadsheet reads the cell as a date and time.
    expect(lines[1]).toContain(",2026-12-08 17:00,2026-12-08T22:00:00.000Z,no,");
    expect(lines[3]).toMatch(/^"'=HYPERLINK\(""http:\/\/evil""\)",/);
    expect(lines[1]).toContain(",Submitted,100,3,3,100,100,");

    for (const call of [
      () => assignmentResults(other, klass.id, id),
      () => studentWork(other, klass.id, id, students[0].id),
      () => gradebookCsv(other, klass.id, id),
    ]) {
      expect(await call()).toMatchObject({ ok: false, reason: "not-found" });
    }
  });

  it("explains bad question choices instead of creating the assignment", async () => {
    const { instructor, klass } = await classWithStudents(0);
    expect(
      await createAssignment(instructor, klass.id, form({ source: "items", questionIds: ["LAW-K01-001", "NOPE-1"] })),
    ).toEqual({
      ok: false,
      field: "questionIds",
      message: "These questions are not in the bank: NOPE-1.",
    });
    expect(await createAssignment(instructor, klass.id, form({ domains: ["LAW"], itemCount: 40 }))).toMatchObject({
      ok: false,
      field: "itemCount",
    });
    expect(await createAssignment(instructor, klass.id, form({ source: "blueprint" }))).toMatchObject({
      ok: false,
      message: expect.stringContaining("full simulation"),
    });
    expect(await db.assignment.count({ where: { classId: klass.id } })).toBe(0);
  });
});

describe("answers released at the due date", () => {
  it("an attempt still open at the due date (untimed, several attempts allowed) cannot be finished with the released keys", async () => {
    const { instructor, klass, students } = await classWithStudents(2);
    const id = await create(instructor, klass.id, {
      revealPolicy: "after_due",
      timed: false,
      minutes: undefined,
      attemptsAllowed: 3,
      title: "Keys at due",
    });
    const [early, late] = students;
    // One student submits during the window; the other leaves an attempt open past the due date.
    const done = await start(early.id, id, DURING);
    await answerAll(early.id, done, () => true, DURING);
    expect(await submitAttempt(early.id, done, DURING)).toBe(true);
    const open = await start(late.id, id, DURING);
    const openAttempt = await db.examAttempt.findUniqueOrThrow({ where: { id: open } });
    expect(openAttempt.deadline?.toISOString()).toBe(DUE.toISOString());

    // The keys go out to the first student after the due date...
    const afterDue = new Date(DUE.getTime() + 60_000);
    const results = await resultsOf(early.id, done, afterDue);
    expect(results?.assignment?.answersVisible).toBe(true);
    // Under this policy no review cards were made, and the results page must not say otherwise.
    expect(results?.assignment?.cardsMade).toBe(false);
    // ...by which time the open attempt is closed: submitted at the due date, saves refused.
    const closed = await db.examAttempt.findUniqueOrThrow({ where: { id: open } });
    expect(closed.status).toBe("submitted");
    expect(closed.submittedAt?.toISOString()).toBe(DUE.toISOString());
    expect(await saveAnswer(late.id, open, 1, { selectedIndex: 0 }, afterDue)).toMatchObject({ ok: false });
    // And no new attempt starts once the keys are out.
    expect(await startAssignment(late.id, "UTC", id, afterDue)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/closed/),
    });
  });

  it("keys are not shown within the network grace after the due date, while a last save could still land", async () => {
    const { instructor, klass, students } = await classWithStudents(1);
    const id = await create(instructor, klass.id, { revealPolicy: "after_due", title: "Grace" });
    const attempt = await start(students[0].id, id, DURING);
    expect(await submitAttempt(students[0].id, attempt, DURING)).toBe(true);
    expect((await resultsOf(students[0].id, attempt, new Date(DUE.getTime() + 500)))?.assignment?.answersVisible).toBe(
      false,
    );
    expect(
      (await resultsOf(students[0].id, attempt, new Date(DUE.getTime() + 5_000)))?.assignment?.answersVisible,
    ).toBe(true);
  });
});

describe("withheld keys stay withheld everywhere", () => {
  const practiceAll: PracticeForm = {
    domains: ["LAW"],
    areas: [],
    weakest: false,
    count: 12,
    timed: false,
    mode: "tutor",
    only: "all",
  };

  it("a class's withheld questions leave its members' practice until the policy allows, and only theirs", async () => {
    const { instructor, klass, students } = await classWithStudents(1);
    const [member] = students;
    const outsider = await makeUser();
    const withheld = ["LAW-K01-001", "LAW-K01-002", "LAW-K01-003"];
    await create(instructor, klass.id, {
      source: "items",
      questionIds: withheld,
      revealPolicy: "after_due",
      title: "Held",
    });
    // The member's LAW pool lost the three: 12 questions are no longer there.
    expect(await startPractice(member.id, practiceAll, DURING)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Only 9 questions/),
    });
    const nine = await startPractice(member.id, { ...practiceAll, count: 9 }, DURING);
    if (!nine.ok) throw new Error(nine.message);
    const drawn = await db.attemptItem.findMany({
      where: { attemptId: nine.attemptId },
      select: { questionVersion: { select: { questionId: true } } },
    });
    expect(drawn.some((d) => withheld.includes(d.questionVersion.questionId))).toBe(false);
    // Someone outside the class practises them as usual; so does the member once keys are out.
    expect(await startPractice(outsider.id, practiceAll, DURING)).toMatchObject({ ok: true });
    expect(await startPractice(member.id, practiceAll, AFTER)).toMatchObject({ ok: true });
  });

  it("keys withheld after the fact: earlier cards, results and open tutor attempts hide them; leaving gives them back", async () => {
    // Real times: grading holds new cards by what is withheld now.
    const now = new Date();
    const due = new Date(now.getTime() + 3 * 86_400_000);
    const { instructor, klass, students } = await classWithStudents(1);
    const [member] = students;
    const held = ["LAW-K01-001", "LAW-K01-002"];

    // Before the assignment: a practice with every answer wrong (B) makes 12 missed cards, and a
    // tutor practice is left open.
    const earlier = await startPractice(member.id, { ...practiceAll, mode: "exam", count: 12 }, now);
    const tutor = await startPractice(member.id, practiceAll, now);
    if (!earlier.ok || !tutor.ok) throw new Error("could not start");
    for (let n = 1; n <= 12; n++) await saveAnswer(member.id, earlier.attemptId, n, { selectedIndex: 1 }, now);
    await submitAttempt(member.id, earlier.attemptId, now);
    const deckNew = async (at: Date) =>
      (
        await queueCounts({
          userId: member.id,
          domain: null,
          now: at,
          dayEnd: new Date(at.getTime() + 86_400_000),
          dueUpTo: 999,
          newUpTo: 999,
        })
      ).deckNew;
    expect(await deckNew(now)).toBe(12);
    const findCard = (questionId: string) =>
      db.reviewCard.findFirstOrThrow({
        where: { userId: member.id, questionId },
        select: { keyHeld: true, buriedUntil: true },
      });
    expect((await browseCards(member.id, { domains: null, q: "Option w LAW0" }, 50, 0))[1]).toBe(1);

    await createAssignment(
      instructor,
      klass.id,
      form({ source: "items", questionIds: held, revealPolicy: "after_due", title: "Held", opensAt: now, dueAt: due }),
      now,
    );
    // The deck: the two cards are held until the keys are out, then come back by themselves.
    for (const id of held)
      expect(await findCard(id)).toEqual({ keyHeld: true, buriedUntil: new Date(due.getTime() + NETWORK_GRACE_MS) });
    expect(await findCard("LAW-K01-003")).toMatchObject({ keyHeld: false, buriedUntil: null });
    expect(await deckNew(now)).toBe(10);
    expect(await deckNew(new Date(due.getTime() + NETWORK_GRACE_MS))).toBe(12);
    // The card browser's search does not match a held card's back (the key).
    expect((await browseCards(member.id, { domains: null, q: "Option w LAW0" }, 50, 0))[1]).toBe(0);
    expect((await browseCards(member.id, { domains: null, q: "Option w LAW2" }, 50, 0))[1]).toBe(1);

    // The earlier practice's results: the two items show the learner's choice only.
    const results = await resultsOf(member.id, earlier.attemptId, now);
    const hidden = results!.items.filter((i) => i.keyWithheld);
    expect(hidden).toHaveLength(2);
    expect(JSON.stringify(hidden)).not.toContain(SECRET);
    expect(hidden.every((i) => i.answerIndex === null && i.correct === null && i.selectedIndex === 1)).toBe(true);
    expect(results!.items.filter((i) => !i.keyWithheld && i.options[0].rationale.includes(SECRET))).toHaveLength(10);

    // The open tutor attempt: a held question cannot be checked; the others can.
    const positions = await db.attemptItem.findMany({
      where: { attemptId: tutor.attemptId },
      select: { position: true, questionVersion: { select: { questionId: true } } },
    });
    const heldAt = positions.find((p) => p.questionVersion.questionId === held[0])!.position + 1;
    const freeAt = positions.find((p) => !held.includes(p.questionVersion.questionId))!.position + 1;
    expect(await checkAnswer(member.id, tutor.attemptId, heldAt, 0, now)).toMatchObject({
      ok: false,
      reason: "withheld",
    });
    const screen = await examScreen(member.id, tutor.attemptId, heldAt, now);
    expect(screen.state === "open" && screen.item).toMatchObject({ keyWithheld: true, checked: false, feedback: null });
    expect(await checkAnswer(member.id, tutor.attemptId, freeAt, 0, now)).toEqual({ ok: true });

    // Missing a held question later (the tutor attempt) makes a card that is held from the start.
    await saveAnswer(member.id, tutor.attemptId, heldAt, { selectedIndex: 2 }, now);
    await db.reviewCard.deleteMany({ where: { userId: member.id, questionId: held[0] } });
    await submitAttempt(member.id, tutor.attemptId, now);
    expect(await findCard(held[0])).toMatchObject({ keyHeld: true });

    // Burying a held card (its id is in the card browser) cannot shorten the hold.
    const heldCard = await db.reviewCard.findFirstOrThrow({ where: { userId: member.id, questionId: held[1] } });
    expect(await buryCard(member.id, heldCard.id, now)).toBe(false);
    expect(await findCard(held[1])).toEqual({ keyHeld: true, buriedUntil: new Date(due.getTime() + NETWORK_GRACE_MS) });

    // Leaving the class gives them back at once.
    await leaveClass(klass.id, member.id, now);
    for (const id of held) expect(await findCard(id)).toEqual({ keyHeld: false, buriedUntil: null });
    expect(await deckNew(now)).toBe(12);
  });

  it("joining a class whose assignment never shows answers holds the joiner's cards for those questions", async () => {
    const { instructor, klass } = await classWithStudents(0);
    const { joinCode } = await db.class.findUniqueOrThrow({ where: { id: klass.id } });
    await create(instructor, klass.id, {
      source: "items",
      questionIds: ["LAW-K01-005"],
      revealPolicy: "never",
      title: "Never",
    });
    const learner = await makeUser();
    const practice = await startPractice(learner.id, { ...practiceAll, mode: "exam", count: 12 });
    if (!practice.ok) throw new Error(practice.message);
    for (let n = 1; n <= 12; n++) await saveAnswer(learner.id, practice.attemptId, n, { selectedIndex: 3 });
    await submitAttempt(learner.id, practice.attemptId);
    expect(await joinWithCode(learner.id, joinCode, "10.30.0.9")).toMatchObject({ ok: true });
    const card = await db.reviewCard.findFirstOrThrow({ where: { userId: learner.id, questionId: "LAW-K01-005" } });
    expect(card).toMatchObject({ keyHeld: true, buriedUntil: KEY_NEVER_RELEASED });
    expect(await db.reviewCard.count({ where: { userId: learner.id, keyHeld: true } })).toBe(1);
  });

  it("an assignment that never shows answers keeps its questions out for good", async () => {
    const { instructor, klass, students } = await classWithStudents(1);
    await create(instructor, klass.id, {
      source: "items",
      questionIds: ["LAW-K01-004"],
      revealPolicy: "never",
      title: "Never",
    });
    expect(await startPractice(students[0].id, practiceAll, AFTER)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Only 11 questions/),
    });
  });
});
