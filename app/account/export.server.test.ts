// "Download my data" on a real database (SQLite and PostgreSQL): the zip holds every file of the
// format with the learner's own rows and nobody else's, withheld answer keys stay withheld, every
// field is documented, and a heavy learner's export streams in bounded memory.
import { readFileSync } from "node:fs";
import v8 from "node:v8";
import vm from "node:vm";
import { strFromU8, unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { makeCard, makeQuestion } from "../../tests/fixtures/content.ts";
import { giveHistory, HISTORY_LESSON } from "../../tests/factories/history.ts";
import { makeUser } from "../../tests/factories/users.ts";
import { createAssignment } from "~/assignments/manage.server.ts";
import { startAssignment } from "~/assignments/student.server.ts";
import { createAuthored, updateAuthored } from "~/authoring/authoring.server.ts";
import { authoredQuestionSchema } from "~/authoring/forms.ts";
import { THROTTLES } from "~/auth/rate-limit.ts";
import { createClassFor, joinWithCode, removeStudent } from "~/classes/classes.server.ts";
import { saveAnswer, submitAttempt } from "~/exam/attempts.server.ts";
import { Prisma } from "~/generated/prisma-sqlite/client.ts";
import { syncCards, syncQuestions } from "~/models/bank.server.ts";
import { studyDay } from "~/review/study-day.ts";
import { db } from "~/utils/db.server.ts";
import type { Role } from "~/utils/roles.ts";
import { EXPORT_FILES, type ExportFileName } from "./export-format.ts";
import { startExport, type ExportPaging } from "./export.server.ts";

const KEY_SECRET = "RATIONALE-SECRET";

beforeAll(async () => {
  await syncQuestions(
    Array.from({ length: 12 }, (_, i) =>
      makeQuestion(`LAW-K01-${String(i + 1).padStart(3, "0")}`, {
        answer: "A",
        lesson: HISTORY_LESSON,
        options: ["w", "x", "y", "z"].map((t) => ({ text: `Option ${t}${i}`, rationale: `${KEY_SECRET} ${t}` })),
      }),
    ),
  );
  await syncCards([makeCard("LAW-C0001", { front: "What is PHI?", back: "Protected health information" })]);
});

type Tz = { id: string; timeZone?: string };

/** Runs an export to the end and opens the zip. */
async function exportOf(user: Tz, now = new Date(), paging: ExportPaging = {}) {
  const result = await startExport({ id: user.id, timeZone: user.timeZone ?? "UTC" }, now, paging);
  if (!result.ok) throw new Error(result.message);
  const parts: Uint8Array[] = [];
  for await (const chunk of result.chunks) parts.push(chunk);
  const files = unzipSync(concat(parts));
  const text = Object.fromEntries(Object.entries(files).map(([name, data]) => [name, strFromU8(data)]));
  return {
    filename: result.filename,
    names: Object.keys(files),
    text,
    all: Object.values(text).join("\n"),
    json: (name: ExportFileName) => JSON.parse(text[name]),
  };
}

/** The documented field paths a value shows (a.b for objects, a[].b for lists). */
function fieldPaths(value: unknown, documented: Set<string>, prefix = ""): string[] {
  const isLeaf =
    prefix !== "" &&
    documented.has(prefix) &&
    ![...documented].some((d) => d.startsWith(`${prefix}.`) || d.startsWith(`${prefix}[]`));
  if (isLeaf) return [prefix];
  // A documented group (an object that may be null) counts as written when it is there.
  const group = documented.has(prefix) ? [prefix] : [];
  if (Array.isArray(value)) return [...group, ...value.flatMap((v) => fieldPaths(v, documented, `${prefix}[]`))];
  if (value !== null && typeof value === "object")
    return [
      ...group,
      ...Object.entries(value).flatMap(([k, v]) => fieldPaths(v, documented, prefix ? `${prefix}.${k}` : k)),
    ];
  return [prefix];
}

/** Every field path the file's rows use (for a list, each row's fields). */
function usedFields(name: ExportFileName, parsed: unknown) {
  const format = EXPORT_FILES.find((f) => f.name === name)!;
  const documented = new Set(Object.keys(format.fields));
  const rows = format.shape === "list" ? (parsed as unknown[]) : [parsed];
  return new Set(rows.flatMap((row) => fieldPaths(row, documented)));
}

/** A row of a markdown table whose first cell is the field (Prettier pads the cells). */
const tableRow = (field: string) => new RegExp(`^\\| \`${field.replace(/[.[\]]/g, "\\$&")}\` +\\|`, "m");

async function classOf(instructorId: string, students: string[]) {
  const klass = await createClassFor(instructorId, "Evening cohort");
  const { joinCode } = await db.class.findUniqueOrThrow({ where: { id: klass.id } });
  for (const id of students) expect(await joinWithCode(id, joinCode, "10.30.0.1")).toMatchObject({ ok: true });
  return klass;
}

describe("download my data", () => {
  it("holds every file of the format with the learner's own rows, and nothing of another learner", async () => {
    const now = new Date();
    const learner = await makeUser({ name: "Lena Learner" });
    const other = await makeUser({ name: "Otto Other" });
    const instructor = await makeUser({ role: "instructor" });
    const mine = await giveHistory(learner.id, "LENA", now);
    await giveHistory(other.id, "OTTO", now);
    await classOf(instructor.id, [learner.id, other.id]);

    // Tiny pages, so every paged read crosses page boundaries.
    const zip = await exportOf(learner, now, { pageSize: 1, attemptPageSize: 1 });
    expect(zip.filename).toBe(`charted-data-${now.toISOString().slice(0, 10)}.zip`);
    expect(zip.names).toEqual(["README.txt", ...EXPORT_FILES.map((f) => f.name)]);

    const profile = zip.json("profile.json");
    expect(profile).toMatchObject({
      format: "charted-data-export",
      formatVersion: 1,
      account: { id: learner.id, email: learner.email, name: "Lena Learner", role: "student", timeZone: "UTC" },
      preferences: {
        studyWeekdays: [1, 3, 5],
        examDate: "2027-03-01T00:00:00.000Z",
        fsrsWeights: null,
        longWeekdays: [6],
        daysOff: ["2027-01-01"],
        weeklyGoalDays: null,
      },
    });
    expect(profile.account.onboardedAt).toBe(now.toISOString());
    expect(zip.json("plan-days.json")).toEqual([
      {
        day: now.toISOString().slice(0, 10),
        tasks: [{ kind: "lesson", minutes: 9, title: expect.stringContaining("lesson"), href: expect.any(String) }],
        shownAt: expect.any(String),
      },
    ]);

    const [attempt] = zip.json("attempts.json");
    expect(zip.json("attempts.json")).toHaveLength(1);
    expect(attempt).toMatchObject({ id: mine.attemptId, kind: "practice", status: "submitted", keyWithheld: false });
    expect(attempt.assignment).toBeNull();
    expect(attempt.items).toHaveLength(5);
    expect(attempt.items.slice(0, 3)).toMatchObject([
      { number: 1, selectedOption: "A", correct: true, flagged: false, questionVersion: 1 },
      { number: 2, selectedOption: "B", correct: false, flagged: true },
      { number: 3, selectedOption: null, correct: null, answeredAt: null },
    ]);
    expect(attempt.items[0].questionId).toMatch(/^LAW-K01-\d{3}$/);

    const cards = zip.json("review-cards.json");
    expect(cards.map((c: { source: string }) => c.source).sort()).toEqual(["content", "missed", "own"]);
    expect(cards.find((c: { source: string }) => c.source === "own")).toMatchObject({
      id: mine.ownCardId,
      front: "LENA own front",
      back: "LENA own back",
      stateName: "New",
    });
    expect(zip.json("review-logs.json")).toMatchObject([{ rating: 3, ratingName: "Good", stateName: "New" }]);
    expect(zip.json("fsrs-optimizations.json")).toMatchObject([{ parameters: [0.4, 1.2, 3.1, 15.7], adopted: false }]);
    const [lesson] = zip.json("lesson-completions.json");
    expect(lesson.lessonSlug).toBe(HISTORY_LESSON);
    expect(lesson.lessonTitle).toEqual(expect.any(String));
    // Activity is labelled by study day (4 a.m. rollover), which before 4 a.m. is yesterday's date.
    expect(zip.json("activity.json")).toMatchObject([{ day: studyDay(now, "UTC").label, reviews: 1, lessons: 1 }]);
    expect(zip.json("classes.json")).toMatchObject({
      memberships: [{ className: "Evening cohort", classClosedAt: null }],
      removals: [],
      taught: [],
    });
    expect(zip.json("content-reports.json")).toMatchObject([
      {
        targetKind: "question",
        targetId: "LAW-K01-001",
        message: "LENA thinks the key is out of date.",
        status: "open",
      },
    ]);
    expect(zip.json("instructor-requests.json")).toMatchObject([
      { note: "LENA teaches an evening cohort.", status: "pending" },
    ]);
    expect(zip.json("authored-questions.json")).toEqual([]);
    expect(zip.json("sessions.json")).toMatchObject([{ userAgent: "LENA-browser/1.0", ip: "10.20.30.40" }]);

    // Nothing of the other learner, no secrets, no answer rationales.
    for (const leak of [other.id, other.email, "OTTO", "passwordHash", learner.passwordHash])
      expect(zip.all).not.toContain(leak);
    // Keys and rationales are bank content: only the learner's own missed-question card carries one.
    expect(zip.text["attempts.json"]).not.toContain(KEY_SECRET);
    // Dates are ISO 8601 UTC.
    expect(attempt.startedAt).toBe(new Date(attempt.startedAt).toISOString());
  });

  it("names every field it writes in README.txt and docs/data-export.md", async () => {
    const learner = await makeUser();
    const instructor = await makeUser({ role: "instructor" });
    await giveHistory(learner.id, "DOC");
    const klass = await classOf(instructor.id, [learner.id]);
    await takeAssignment(instructor, klass.id, learner.id, {
      title: "Shown",
      questionIds: ["LAW-K01-001", "LAW-K01-002"],
      revealPolicy: "after_submit",
    });
    // An extension, another time limit and more attempts, every field of assignment-overrides.json.
    await db.assignmentOverride.create({
      data: {
        assignmentId: (await db.assignment.findFirstOrThrow({ where: { classId: klass.id, title: "Shown" } })).id,
        userId: learner.id,
        dueAt: new Date(Date.now() + 14 * 86_400_000),
        timeLimitMinutes: 45,
        attemptsAllowed: 2,
      },
    });
    const left = await classOf(instructor.id, [learner.id]);
    expect(await removeStudent(left.id, learner.id)).toMatchObject({ ok: true });
    await authoredQuestion(instructor);
    const exports = [await exportOf(learner), await exportOf(instructor)];
    const docs = readFileSync("docs/data-export.md", "utf8");
    const readme = exports[0].text["README.txt"];
    for (const format of EXPORT_FILES) {
      const seen = new Set(exports.flatMap((z) => [...usedFields(format.name, z.json(format.name))]));
      const documented = Object.keys(format.fields);
      // Written fields are documented...
      expect(
        [...seen].filter((f) => !documented.includes(f)),
        format.name,
      ).toEqual([]);
      // ...and documented fields are written.
      expect(
        documented.filter((f) => !seen.has(f)),
        format.name,
      ).toEqual([]);
      expect(readme).toContain(format.name);
      expect(docs).toContain(`## ${format.name}`);
      for (const field of documented) {
        expect(readme, `${format.name} ${field}`).toContain(`  - ${field}: `);
        expect(docs, `${format.name} ${field} in docs/data-export.md`).toMatch(tableRow(field));
      }
    }
  });

  it("keeps answers withheld while the class withholds them", async () => {
    const now = new Date();
    const instructor = await makeUser({ role: "instructor" });
    const learner = await makeUser();
    const mine = await giveHistory(learner.id, "KEY", now);
    const klass = await classOf(instructor.id, [learner.id]);
    // The class's assignment never shows its answers, and uses the questions of the practice quiz.
    const practiced = await db.attemptItem.findMany({
      where: { attemptId: mine.attemptId },
      select: { questionVersion: { select: { questionId: true } } },
    });
    const questionIds = practiced.map((p) => p.questionVersion.questionId);
    await takeAssignment(
      instructor,
      klass.id,
      learner.id,
      { title: "Never shown", questionIds, revealPolicy: "never" },
      now,
    );

    const zip = await exportOf(learner, now);
    const attempts = zip.json("attempts.json");
    const assignment = attempts.find((a: { kind: string }) => a.kind === "assignment");
    expect(assignment).toMatchObject({
      keyWithheld: true,
      assignment: { title: "Never shown", className: "Evening cohort" },
    });
    expect(assignment.items.map((i: { correct: unknown }) => i.correct)).toEqual(questionIds.map(() => null));
    expect(assignment.items.filter((i: { selectedOption: unknown }) => i.selectedOption !== null)).toHaveLength(
      questionIds.length,
    );
    // The same questions in the learner's own practice: their right/wrong is held back too.
    const practice = attempts.find((a: { kind: string }) => a.kind === "practice");
    expect(practice.keyWithheld).toBe(false);
    expect(practice.items.map((i: { correct: unknown }) => i.correct)).toEqual(questionIds.map(() => null));
    // The missed-question card keeps its answer side back while the key is held.
    const missed = zip.json("review-cards.json").find((c: { source: string }) => c.source === "missed");
    expect(missed).toMatchObject({ keyHeld: true, back: null });
    expect(missed.front).toEqual(expect.any(String));
  });

  it("gives an instructor the questions they wrote, every version, and the classes they teach", async () => {
    const instructor = await makeUser({ role: "instructor" });
    const students = [await makeUser(), await makeUser()];
    await classOf(
      instructor.id,
      students.map((s) => s.id),
    );
    const id = await authoredQuestion(instructor);
    const zip = await exportOf(instructor);
    expect(zip.json("authored-questions.json")).toMatchObject([
      {
        id,
        knowledgeArea: "LAW.K01",
        currentVersion: 2,
        retiredAt: null,
        versions: [
          { version: 1, answer: "A", stem: expect.stringContaining("sister") },
          {
            version: 2,
            answer: "A",
            stem: expect.stringContaining("brother"),
            options: [
              { letter: "A", text: "Verify identity and authorization first", rationale: "The HIPAA Privacy Rule." },
              { letter: "B" },
              { letter: "C" },
              { letter: "D" },
            ],
            reference: { title: "Summary of the HIPAA Privacy Rule", publisher: "HHS", url: "https://www.hhs.gov/" },
          },
        ],
      },
    ]);
    expect(zip.json("classes.json").taught).toMatchObject([{ className: "Evening cohort", students: 2 }]);
    for (const s of students) expect(zip.all).not.toContain(s.email);
  });

  it(`allows ${THROTTLES.exportPerUser.limit} downloads an hour per account`, async () => {
    const learner = await makeUser();
    const now = new Date();
    for (let i = 0; i < THROTTLES.exportPerUser.limit; i++)
      expect(await startExport({ id: learner.id, timeZone: "UTC" }, now)).toMatchObject({ ok: true });
    expect(await startExport({ id: learner.id, timeZone: "UTC" }, now)).toMatchObject({
      ok: false,
      reason: "rate-limited",
      minutes: 60,
    });
    // Another account has its own allowance.
    expect(await startExport({ id: (await makeUser()).id, timeZone: "UTC" }, now)).toMatchObject({ ok: true });
  });
});

/** The instructor sets an untimed assignment of these questions; the learner answers and submits it. */
async function takeAssignment(
  instructor: { id: string; role: Role },
  classId: string,
  learnerId: string,
  what: { title: string; questionIds: string[]; revealPolicy: "after_submit" | "never" },
  now = new Date(),
) {
  const created = await createAssignment(instructor, classId, {
    title: what.title,
    source: "items",
    domains: [],
    questionIds: what.questionIds,
    itemCount: what.questionIds.length,
    timed: false,
    minutes: undefined,
    opensAt: new Date(now.getTime() - 3600_000),
    dueAt: new Date(now.getTime() + 7 * 86_400_000),
    attemptsAllowed: 1,
    revealPolicy: what.revealPolicy,
  });
  if (!created.ok) throw new Error(created.message);
  const started = await startAssignment(learnerId, "UTC", created.id, now);
  if (!started.ok) throw new Error(started.message);
  for (let n = 1; n <= what.questionIds.length; n++)
    await saveAnswer(learnerId, started.attemptId, n, { selectedIndex: n % 2 }, now);
  await submitAttempt(learnerId, started.attemptId, now);
}

async function authoredQuestion(instructor: { id: string; role: Role }) {
  const question = (who: string) =>
    authoredQuestionSchema.parse({
      stem: `A caller who says she is the patient's ${who} asks for test results over the phone. What do you do?`,
      knowledgeArea: "LAW.K01",
      difficulty: 2,
      cognitive: "application",
      answer: "A",
      options: ["Verify identity and authorization first", "Read the results", "Email them", "Transfer to the lab"].map(
        (text) => ({ text, rationale: "The HIPAA Privacy Rule." }),
      ),
      reference: { title: "Summary of the HIPAA Privacy Rule", publisher: "HHS", url: "https://www.hhs.gov/" },
    });
  const created = await createAuthored(instructor, question("sister"));
  if (!created.ok) throw new Error(JSON.stringify(created.fieldErrors));
  const updated = await updateAuthored(instructor, created.id, question("brother"));
  if (!updated.ok) throw new Error("update failed");
  return created.id;
}

describe("a heavy learner", () => {
  // The benchmark's heavy learner (scripts/bench.ts): 20,000 cards, 200,000 ratings, 300 attempts.
  const CARDS = 20_000;
  const LOGS = 200_000;

  it("streams the export in bounded memory", { timeout: 300_000 }, async () => {
    const { seedHeavyAttempts } = await import("../../scripts/lib/heavy-attempts.ts");
    const heavy = await makeUser();
    const t0 = Date.now();
    // One statement per table (ORM batches of 200,000 rows take minutes): counting rows in SQL.
    const counter = (last: number) =>
      Prisma.sql`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${Prisma.raw(String(last))})`;
    const reviewed = new Date(t0 - 86_400_000);
    await db.$executeRaw`${counter(CARDS - 1)}
      INSERT INTO "ReviewCard" ("id", "userId", "source", "domainId", "front", "back", "due", "stability",
        "difficulty", "reps", "state", "lastReview")
      SELECT 'hc-' || i, ${heavy.id}, 'own', 'LAW', 'Heavy card ' || i || ' front', 'Heavy card ' || i || ' back',
        ${new Date(t0 + 86_400_000)}, 12.5, 5.2, 6, 2, ${reviewed} FROM n`;
    await db.$executeRaw`${counter(LOGS - 1)}
      INSERT INTO "ReviewLog" ("id", "cardId", "userId", "requestId", "rating", "state", "due", "stability",
        "difficulty", "elapsedDays", "lastElapsedDays", "scheduledDays", "learningSteps", "review", "previousCard")
      SELECT 'hl-' || i, 'hc-' || (i % ${Prisma.raw(String(CARDS))}), ${heavy.id}, 'heavy-' || i, 1 + (i % 4), 2,
        ${new Date(t0)}, 5, 5, 3, 2, 4, 0, ${reviewed}, '{}' FROM n`;
    await seedHeavyAttempts(heavy.id, 300);
    const seeded = Date.now();

    const gc = exposedGc();
    gc();
    const before = liveMemory();
    let peak = 0;
    const result = await startExport({ id: heavy.id, timeZone: "UTC" });
    if (!result.ok) throw new Error(result.message);
    const parts: Uint8Array[] = [];
    for await (const chunk of result.chunks) {
      parts.push(chunk);
      // What is still held after a collection (uncollected garbage says nothing about retention).
      if (parts.length % 20 === 0) {
        gc();
        peak = Math.max(peak, liveMemory() - before);
      }
    }
    const seconds = (Date.now() - seeded) / 1000;
    const bytes = parts.reduce((n, p) => n + p.length, 0);
    console.log(
      `[export] heavy learner: ${(bytes / 1e6).toFixed(1)} MB zip in ${seconds.toFixed(1)} s, ` +
        `peak live memory +${(peak / 1e6).toFixed(0)} MB (seeding ${((seeded - t0) / 1000).toFixed(1)} s)`,
    );
    // The zip so far is held by this test (a few MB); the export itself holds about one page.
    // Read whole, the ratings alone would be several hundred MB of objects and text.
    expect(peak - bytes).toBeLessThan(64e6);

    const zip = unzipSync(concat(parts));
    const rows = (name: string) => strFromU8(zip[name]).split("\n").length - 3; // "[", rows, "]", ""
    expect(rows("review-cards.json")).toBe(CARDS);
    expect(rows("review-logs.json")).toBe(LOGS);
    expect(rows("attempts.json")).toBe(300);
  });
});

/** The collector, callable (node --expose-gc, turned on from inside the process). */
function exposedGc(): () => void {
  v8.setFlagsFromString("--expose-gc");
  return vm.runInNewContext("gc") as () => void;
}

function liveMemory() {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function concat(parts: Uint8Array[]) {
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return bytes;
}
