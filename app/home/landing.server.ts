// The visitor's landing page (issue 19): what Charted does, with live previews built from the
// real content (a bank question without its key, a review card), the exam's real shape from the
// blueprint, and the `?deleted=account` notice after an account was deleted.
import { getContentIndex } from "~/content/index.server.ts";
import { decodeOptions } from "~/models/json-columns.ts";
import { sampleCard, sampleQuestion } from "~/models/sample-content.server.ts";

export async function landingHome(request: Request) {
  const { blueprint, lessons } = getContentIndex();
  const [question, card] = await Promise.all([sampleQuestion(), sampleCard("term")]);
  const domainName = (id: string) => blueprint.domains.find((d) => d.id === id)?.name ?? id;
  return {
    accountDeleted: new URL(request.url).searchParams.get("deleted") === "account",
    exam: {
      name: blueprint.exam.name,
      totalItems: blueprint.exam.totalItems,
      minutes: blueprint.exam.minutes,
      domains: blueprint.domains.map((d) => ({ id: d.id, name: d.name, percent: Math.round(d.weight * 100) })),
    },
    lessonCount: lessons.size,
    // Only the stem and the options' text leave the server: never the key or the rationales.
    question: question
      ? {
          domainName: domainName(question.domainId),
          stem: question.stem,
          options: decodeOptions(question.options).map((o) => o.text),
        }
      : null,
    card: card ? { domainName: domainName(card.domainId), front: card.front, back: card.back } : null,
  };
}
