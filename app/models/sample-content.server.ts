// Real content shown as previews on the visitors' landing page: one bank question (its options
// without the key or rationales) and one review card's front and back. Read-only.
import { db } from "~/utils/db.server.ts";

/** The first live shared bank question that asks the learner to apply knowledge (by id, so the
 * page is stable), its current version's stem and options; the key is not read. */
export async function sampleQuestion() {
  const q = await db.question.findFirst({
    where: { authorId: null, retiredAt: null, versions: { some: { cognitive: "application" } } },
    orderBy: { id: "asc" },
    select: {
      id: true,
      domainId: true,
      currentVersion: true,
      versions: { select: { version: true, stem: true, options: true } },
    },
  });
  const version = q?.versions.find((v) => v.version === q.currentVersion);
  return q && version ? { id: q.id, domainId: q.domainId, stem: version.stem, options: version.options } : null;
}

/** The first live content card of the given kind (by id). */
export function sampleCard(kind: string) {
  return db.contentCard.findFirst({
    where: { retiredAt: null, kind },
    orderBy: { id: "asc" },
    select: { id: true, domainId: true, front: true, back: true },
  });
}
