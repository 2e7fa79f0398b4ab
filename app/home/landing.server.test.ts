import { describe, expect, it } from "vitest";
import { makeCard, makeQuestion } from "../../tests/fixtures/content.ts";
import { syncCards, syncQuestions } from "~/models/bank.server.ts";
import { landingHome } from "./landing.server.ts";

const visit = (path = "/") => landingHome(new Request(`http://localhost${path}`));

describe("the landing page's live previews", () => {
  it("shows nothing to preview before content is synced, and the deleted-account notice on request", async () => {
    const home = await visit("/?deleted=account");
    expect(home).toMatchObject({ accountDeleted: true, question: null, card: null });
    expect(home.exam.domains).toHaveLength(7);
    expect(home.exam.domains.reduce((sum, d) => sum + d.percent, 0)).toBeGreaterThanOrEqual(99);
    expect((await visit()).accountDeleted).toBe(false);
  });

  it("previews a real application question without its key or rationales, and a term card", async () => {
    await syncQuestions([
      makeQuestion("LAW-K01-001", { cognitive: "recall" }),
      makeQuestion("LAW-K01-002", {
        cognitive: "application",
        answer: "C",
        options: ["w", "x", "y", "z"].map((t) => ({ text: `Option ${t}`, rationale: `KEY-SECRET ${t}` })),
      }),
    ]);
    await syncCards([
      makeCard("LAW-C0001", { kind: "fact", front: "A fact" }),
      makeCard("LAW-C0002", { kind: "term", front: "Minor", back: "A patient under the age of majority." }),
    ]);
    const home = await visit();
    expect(home.question).toMatchObject({
      domainName: "Medical Law, Ethics, and Compliance",
      options: ["Option w", "Option x", "Option y", "Option z"],
    });
    expect(home.question!.stem).toContain("LAW-K01-002");
    expect(home.card).toEqual({
      domainName: "Medical Law, Ethics, and Compliance",
      front: "Minor",
      back: "A patient under the age of majority.",
    });
    // Nothing that gives the answer away reaches the page.
    const sent = JSON.stringify(home);
    expect(sent).not.toContain("KEY-SECRET");
    expect(sent).not.toMatch(/answer/i);
  });
});
