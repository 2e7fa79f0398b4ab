// Every list a form or URL can send is capped (a plain message, never a 500 from a query with
// too many parameters) and de-duplicated, in the feature's own schema.
import { describe, expect, it } from "vitest";
import { assignmentFormSchema, pickedQuerySchema } from "~/assignments/forms.ts";
import { practiceFormSchema, practicePrefillSchema } from "~/exam/forms.ts";
import { planSettingsSchema } from "~/progress/forms.ts";
import { DOMAIN_IDS } from "~/content/exam-ids.ts";

const many = (value: string, n = 1000) => Array.from({ length: n }, () => value);
const messages = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];

describe("list inputs", () => {
  const practice = { count: "5", mode: "exam" };
  it("practice: domains and knowledge areas capped with a message, duplicates dropped", () => {
    expect(messages(practiceFormSchema.safeParse({ ...practice, domains: many("LAW") }))).toEqual([
      "domains: Choose at most 7 exam domains.",
    ]);
    expect(messages(practiceFormSchema.safeParse({ ...practice, domains: [], areas: many("LAW.K01", 11) }))).toContain(
      "areas: Choose at most 10 knowledge areas.",
    );
    const ok = practiceFormSchema.safeParse({
      ...practice,
      domains: ["LAW", "LAW", "BIL"],
      areas: ["LAW.K01", "LAW.K01"],
    });
    expect(ok.data).toMatchObject({ domains: ["LAW", "BIL"], areas: ["LAW.K01"] });
  });

  it("practice: “All domains” asks for every domain; no choice at all is refused with a message", () => {
    expect(practiceFormSchema.parse({ ...practice, domains: [], allDomains: "on" }).domains).toEqual([...DOMAIN_IDS]);
    expect(messages(practiceFormSchema.safeParse({ ...practice, domains: [] }))).toEqual([
      "domains: Choose at least one domain, “All domains” or “My weakest domains”.",
    ]);
  });

  it("practice links: prefilled lists capped and de-duplicated", () => {
    expect(practicePrefillSchema.parse({ domains: "LAW,LAW,BIL", areas: "LAW.K01,LAW.K01" })).toMatchObject({
      domains: ["LAW", "BIL"],
      areas: ["LAW.K01"],
    });
  });

  it("assignments: domains and hand-picked questions capped, duplicates dropped; the browsing URL too", () => {
    const form = {
      title: "Quiz",
      source: "items",
      opensAt: "2026-01-01T09:00",
      dueAt: "2026-01-08T09:00",
      attemptsAllowed: "1",
      revealPolicy: "after_submit",
    };
    const schema = assignmentFormSchema("UTC");
    expect(messages(schema.safeParse({ ...form, domains: many("LAW"), questionIds: ["LAW-K01-001"] }))).toEqual([
      "domains: Choose at most 7 domains.",
    ]);
    expect(messages(schema.safeParse({ ...form, domains: [], questionIds: many("LAW-K01-001", 136) }))).toEqual([
      "questionIds: Choose at most 135 questions.",
    ]);
    expect(
      schema.safeParse({ ...form, domains: [], questionIds: ["LAW-K01-001", "LAW-K01-001"] }).data?.questionIds,
    ).toEqual(["LAW-K01-001"]);
    expect(messages(pickedQuerySchema.safeParse({ domains: [], questionIds: many("LAW-K01-001") }))).toEqual([
      "questionIds: Choose at most 135 questions.",
    ]);
  });

  it("study plan: weekdays capped and de-duplicated", () => {
    const schema = planSettingsSchema("2026-06-01");
    const plan = { examDate: "", minutes: "30", startTime: "19:00" };
    expect(messages(schema.safeParse({ ...plan, weekdays: many("1") }))).toEqual([
      "weekdays: Choose at most the 7 days of the week.",
    ]);
    expect(schema.safeParse({ ...plan, weekdays: ["3", "1", "3"] }).data?.weekdays).toEqual([1, 3]);
  });
});
