// "Report a problem" on a real database (SQLite and PostgreSQL) and the real content index:
// reports name things that exist, a flood is refused, editors answer, reporters see the answer.
import { beforeAll, describe, expect, it } from "vitest";
import { makeCard, makeQuestion } from "../../tests/fixtures/content.ts";
import { makeUser } from "../../tests/factories/users.ts";
import { syncCards, syncQuestions } from "~/models/bank.server.ts";
import { openReportCounts } from "~/models/content-report.server.ts";
import { db } from "~/utils/db.server.ts";
import {
  answerReport,
  fileReport,
  myReports,
  QUEUE_PAGE_SIZE,
  reportQueue,
  REPORTS_PER_DAY,
} from "./reports.server.ts";

/** Every report in a status, across the queue's pages (oldest first). */
async function wholeQueue(status: "open" | "fixed" | "wont-fix") {
  const first = await reportQueue(status, 1);
  const rest = await Promise.all(
    Array.from({ length: Math.ceil(first.total / QUEUE_PAGE_SIZE) - 1 }, (_, i) => reportQueue(status, i + 2)),
  );
  return [first, ...rest].flatMap((p) => p.reports);
}

beforeAll(async () => {
  await syncQuestions([makeQuestion("LAW-K01-001", { stem: "Who may see a patient's chart?" })]);
  await syncCards([makeCard("LAW-C0001", { front: "What is PHI?" })]);
});

const report = (kind: "question" | "card" | "lesson" | "glossary", id: string, section: string | null = null) => ({
  kind,
  id,
  section,
  message: "The answer marked correct is out of date.",
  source: null,
});

describe("reporting a problem", () => {
  it("takes a report on a question, a card, a lesson section and a glossary term, and names each", async () => {
    const learner = await makeUser();
    for (const r of [
      report("question", "LAW-K01-001"),
      report("card", "LAW-C0001"),
      report("lesson", "urgent-requests-delays-and-walk-ins", "check-yourself"),
      { ...report("glossary", "hipaa"), source: "https://www.hhs.gov/hipaa/index.html" },
    ])
      expect(await fileReport(learner.id, r)).toMatchObject({ ok: true });
    const mine = await myReports(learner.id);
    expect(mine.map((r) => [r.target.label, r.target.href, r.status])).toEqual([
      ["Glossary: HIPAA", "/glossary/hipaa", "open"],
      [
        "Lesson: Urgent requests, delays, late patients and walk-ins › Check yourself",
        "/learn/scheduling/urgent-requests-delays-and-walk-ins#check-yourself",
        "open",
      ],
      ["Card LAW-C0001: What is PHI?", null, "open"],
      ["Question LAW-K01-001: Who may see a patient's chart?", null, "open"],
    ]);
    expect(mine[0].source).toBe("https://www.hhs.gov/hipaa/index.html");
  });

  it("refuses a report on something that does not exist, and stores nothing", async () => {
    const learner = await makeUser();
    for (const r of [
      report("question", "LAW-K01-999"),
      report("card", "LAW-C9999"),
      report("lesson", "no-such-lesson"),
      report("lesson", "urgent-requests-delays-and-walk-ins", "no-such-section"),
      report("glossary", "no-such-term"),
      report("glossary", "hipaa", "a-section"),
    ])
      expect(await fileReport(learner.id, r)).toMatchObject({ ok: false, reason: "not-found" });
    expect(await db.contentReport.count({ where: { reporterId: learner.id } })).toBe(0);
  });

  it(`takes at most ${REPORTS_PER_DAY} reports a day from one learner`, async () => {
    const learner = await makeUser();
    const now = new Date();
    for (let i = 0; i < REPORTS_PER_DAY; i++)
      expect(await fileReport(learner.id, report("glossary", "hipaa"), now)).toMatchObject({ ok: true });
    expect(await fileReport(learner.id, report("glossary", "hipaa"), now)).toMatchObject({
      ok: false,
      reason: "too-many",
    });
    expect(await db.contentReport.count({ where: { reporterId: learner.id } })).toBe(REPORTS_PER_DAY);
    // A day later there is room again.
    const tomorrow = new Date(now.getTime() + 86_400_000 + 1_000);
    expect(await fileReport(learner.id, report("glossary", "hipaa"), tomorrow)).toMatchObject({ ok: true });
  });

  it("an editor answers from the queue; the reporter sees the outcome; item analysis counts open ones", async () => {
    const learner = await makeUser();
    const editor = await makeUser({ role: "admin" });
    const first = await fileReport(learner.id, report("question", "LAW-K01-001"));
    const second = await fileReport(learner.id, {
      ...report("question", "LAW-K01-001"),
      message: "Option C is also right.",
    });
    if (!first.ok || !second.ok) throw new Error("not filed");
    const before = (await openReportCounts(["LAW-K01-001"])).get("LAW-K01-001") ?? 0;

    const open = await wholeQueue("open");
    expect(open.map((r) => r.id)).toEqual(expect.arrayContaining([first.id, second.id]));
    expect(open.find((r) => r.id === first.id)?.reporter.name).toBe(learner.name);
    // Oldest first: the editors answer in the order learners wrote.
    expect(open.findIndex((r) => r.id === first.id)).toBeLessThan(open.findIndex((r) => r.id === second.id));

    expect(
      await answerReport(editor.id, { reportId: first.id, status: "fixed", reply: "Updated to the 2026 rule." }),
    ).toEqual({
      ok: true,
    });
    expect(await answerReport(editor.id, { reportId: "no-such-report", status: "fixed", reply: null })).toMatchObject({
      ok: false,
      reason: "not-found",
    });
    const mine = await myReports(learner.id);
    expect(mine.find((r) => r.id === first.id)).toMatchObject({ status: "fixed", reply: "Updated to the 2026 rule." });
    expect(mine.find((r) => r.id === first.id)?.resolvedAt).toBeInstanceOf(Date);
    expect(mine.find((r) => r.id === second.id)).toMatchObject({ status: "open", reply: null });
    expect((await openReportCounts(["LAW-K01-001"])).get("LAW-K01-001")).toBe(before - 1);
    expect((await wholeQueue("fixed")).map((r) => r.id)).toContain(first.id);
    expect((await wholeQueue("open")).map((r) => r.id)).not.toContain(first.id);

    // Reopened: back in the open queue, no longer marked resolved.
    await answerReport(editor.id, { reportId: first.id, status: "open", reply: "Reopened: checking again." });
    expect((await myReports(learner.id)).find((r) => r.id === first.id)).toMatchObject({
      status: "open",
      resolvedAt: null,
    });
  });
});
