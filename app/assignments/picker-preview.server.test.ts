import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { makeQuestion } from "../../tests/fixtures/content.ts";
import { makeUser } from "../../tests/factories/users.ts";
import { createClassFor, joinWithCode } from "~/classes/classes.server.ts";
import { saveAnswer, submitAttempt } from "~/exam/attempts.server.ts";
import { syncQuestions } from "~/models/bank.server.ts";
import { startSession } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import * as newAssignmentRoute from "~/routes/classes.$id_.assignments.new.tsx";
import { MIN_RESPONSES_FOR_DISCRIMINATION } from "./item-analysis.ts";
import { bankForPicking, createAssignment } from "./manage.server.ts";
import { startAssignment } from "./student.server.ts";

const IDS = ["LAW-K09-001", "LAW-K09-002", "LAW-K09-003"];
const FILTER = { ka: "LAW.K09", page: 1 };

beforeAll(async () => {
  await syncQuestions(
    IDS.map((id) =>
      makeQuestion(id, {
        knowledgeArea: "LAW.K09",
        answer: "C",
        options: ["w", "x", "y", "z"].map((t) => ({ text: `Option ${t} ${id}`, rationale: `PREVIEW-RATIONALE ${t}` })),
      }),
    ),
  );
});

async function loadAs(cookie: string, classId: string) {
  try {
    return await newAssignmentRoute.loader({
      request: new Request(`http://localhost/classes/${classId}/assignments/new?ka=LAW.K09`, {
        headers: { Cookie: cookie.split(";")[0] },
      }),
      params: { id: classId },
      context: { clientIp: "127.0.0.1" },
    } as unknown as LoaderFunctionArgs);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

describe("question picker preview", () => {
  it("shows each question in full with its key and rationales, and its statistics once known", async () => {
    const instructor = await makeUser({ role: "instructor" });
    const other = await makeUser({ role: "instructor" });
    const klass = await createClassFor(instructor.id, "Preview cohort");
    const { joinCode } = await db.class.findUniqueOrThrow({ where: { id: klass.id } });
    const now = new Date();
    const created = await createAssignment(instructor, klass.id, {
      title: "Stats",
      source: "items",
      domains: [],
      questionIds: IDS,
      itemCount: undefined,
      timed: false,
      minutes: undefined,
      opensAt: new Date(now.getTime() - 3600_000),
      dueAt: new Date(now.getTime() + 86_400_000),
      attemptsAllowed: 1,
      revealPolicy: "after_submit",
    });
    if (!created.ok) throw new Error(created.message);

    const before = await bankForPicking(FILTER, instructor.id);
    expect(before.items.map((i) => i.id)).toEqual(IDS);
    const first = before.items[0].preview;
    expect(first.answerIndex).toBe(2);
    expect(first.options.map((o) => o.rationale)).toEqual(["w", "x", "y", "z"].map((t) => `PREVIEW-RATIONALE ${t}`));
    expect(first).toMatchObject({ responses: 0, facility: null, discrimination: null });

    // Enough students for a discrimination: stronger students get LAW-K09-001 right.
    const n = MIN_RESPONSES_FOR_DISCRIMINATION + 1;
    for (let s = 0; s < n; s++) {
      const student = await makeUser();
      await joinWithCode(student.id, joinCode, "10.50.0.1");
      const started = await startAssignment(student.id, "UTC", created.id, now);
      if (!started.ok) throw new Error(started.message);
      const items = await db.attemptItem.findMany({
        where: { attemptId: started.attemptId },
        select: { position: true, questionVersion: { select: { questionId: true } } },
      });
      for (const item of items) {
        const rank = IDS.indexOf(item.questionVersion.questionId);
        // The strongest students (highest s) get the first item right; the others vary.
        const right = rank === 0 ? s >= 5 : rank === 1 ? s >= 3 : s % 2 === 0;
        await saveAnswer(student.id, started.attemptId, item.position + 1, { selectedIndex: right ? 2 : 0 }, now);
      }
      await submitAttempt(student.id, started.attemptId, now);
    }
    const after = (await bankForPicking(FILTER, instructor.id)).items[0].preview;
    expect(after.responses).toBe(n);
    expect(after.facility).toBeCloseTo(6 / n, 5);
    expect(after.discrimination).toBeGreaterThan(0.2);
    // Another instructor's picker knows nothing of this class's responses.
    expect((await bankForPicking(FILTER, other.id)).items[0].preview).toMatchObject({ responses: 0, facility: null });

    // The preview lives in the instructors' picker: the key is in its data, and students cannot load it.
    const data = await loadAs(await startSession(instructor.id), klass.id);
    if (typeof data === "number") throw new Error(`refused: ${data}`);
    expect(data.bank.items[0].preview.answerIndex).toBe(2);
    const student = await db.classMembership.findFirstOrThrow({ where: { classId: klass.id } });
    expect(await loadAs(await startSession(student.userId), klass.id)).toBe(403);
    expect(await loadAs(await startSession(other.id), klass.id)).toBe(404);
  });
});
