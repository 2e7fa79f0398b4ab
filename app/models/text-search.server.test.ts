// Searches treat % and _ as the characters they are (not LIKE wildcards), and ignore case on both
// databases.
import { beforeAll, describe, expect, it } from "vitest";
import { makeQuestion } from "../../tests/fixtures/content.ts";
import { makeUser } from "../../tests/factories/users.ts";
import { syncQuestions } from "./bank.server.ts";
import { bankPage } from "./assignment.server.ts";
import { browseCards } from "./review.server.ts";
import { db } from "~/utils/db.server.ts";

const page = (q: string) => bankPage({ q, page: 1 } as Parameters<typeof bankPage>[0]);

beforeAll(async () => {
  await syncQuestions([
    makeQuestion("BIL-K01-001", { stem: "A copay of 20% applies after the deductible. What does the patient owe?" }),
    makeQuestion("BIL-K01-002", { stem: "The field PATIENT_ID on the form holds which value?" }),
    makeQuestion("BIL-K01-003", { stem: "Which form is sent to the payer first?" }),
  ]);
});

describe("literal search text", () => {
  it("the instructors' bank search: % and _ match themselves, and case does not matter", async () => {
    const ids = async (q: string) => (await page(q)).rows.map((r: { id: string }) => r.id).sort();
    expect(await ids("%")).toEqual(["BIL-K01-001"]);
    expect(await ids("_")).toEqual(["BIL-K01-002"]);
    expect(await ids("20%")).toEqual(["BIL-K01-001"]);
    expect(await ids("patient_id")).toEqual(["BIL-K01-002"]);
    expect(await ids("WHICH FORM")).toEqual(["BIL-K01-003"]);
  });

  it("the review card browser: % and _ match themselves, and case does not matter", async () => {
    const user = await makeUser();
    for (const [front, back] of [
      ["Coinsurance of 20%", "The patient's share"],
      ["abbr_npo", "Nothing by mouth"],
      ["Plain front", "Plain back"],
    ]) {
      await db.reviewCard.create({
        data: { userId: user.id, source: "own", domainId: "BIL", front, back, due: new Date() },
      });
    }
    const fronts = async (q: string) =>
      (await browseCards(user.id, { domains: null, q }, 50, 0))[0].map((c: { front: string | null }) => c.front).sort();
    expect(await fronts("%")).toEqual(["Coinsurance of 20%"]);
    expect(await fronts("_")).toEqual(["abbr_npo"]);
    expect(await fronts("NOTHING BY")).toEqual(["abbr_npo"]);
  });
});
