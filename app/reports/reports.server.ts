// "Report a problem": learners report an error in a question, card, lesson (section) or glossary
// term; content editors (admins) answer from a queue; reporters see the outcome.
import { getContentIndex } from "~/content/index.server.ts";
import { contentCardFronts, currentStems } from "~/models/bank.server.ts";
import * as store from "~/models/content-report.server.ts";
import type { ReportStatus, ReportTarget } from "~/models/content-report-kinds.ts";
import { notFound, type NotFound } from "~/utils/results.ts";

/** More reports than this in a day from one learner is a flood, not feedback. */
export const REPORTS_PER_DAY = 30;
const DAY_MS = 86_400_000;

export interface TargetView {
  kind: ReportTarget;
  id: string;
  section: string | null;
  /** What the reporter and the editor read: "Glossary: HIPAA", "Lesson: … › Section". */
  label: string;
  /** Where to see it, when it has a page of its own. */
  href: string | null;
}

const clip = (text: string, n = 90) => (text.length > n ? `${text.slice(0, n - 1).trimEnd()}…` : text);

type Target = { kind: ReportTarget; id: string; section: string | null };

/**
 * Names reports' targets (null where one does not exist: a stale or forged link), with one query
 * per kind for the database-backed ones however many reports there are.
 */
async function describeTargets(targets: Target[]): Promise<(TargetView | null)[]> {
  const ids = (kind: ReportTarget) => [
    ...new Set(targets.filter((t) => t.kind === kind && !t.section).map((t) => t.id)),
  ];
  const [stems, fronts] = await Promise.all([currentStems(ids("question")), contentCardFronts(ids("card"))]);
  const index = getContentIndex();
  return targets.map(({ kind, id, section }): TargetView | null => {
    switch (kind) {
      case "glossary": {
        const entry = index.glossaryBySlug.get(id);
        return entry && !section
          ? { kind, id, section, label: `Glossary: ${entry.term}`, href: `/glossary/${entry.slug}` }
          : null;
      }
      case "lesson": {
        const lesson = index.lessons.get(id);
        if (!lesson) return null;
        const heading = section ? lesson.headings.find((h) => h.id === section) : undefined;
        if (section && !heading) return null;
        const href = `/learn/${lesson.domainSlug}/${lesson.slug}${heading ? `#${heading.id}` : ""}`;
        return { kind, id, section, label: `Lesson: ${lesson.title}${heading ? ` › ${heading.text}` : ""}`, href };
      }
      case "question": {
        const stem = section ? undefined : stems.get(id);
        return stem === undefined ? null : { kind, id, section, label: `Question ${id}: ${clip(stem)}`, href: null };
      }
      case "card": {
        const front = section ? undefined : fronts.get(id);
        return front === undefined ? null : { kind, id, section, label: `Card ${id}: ${clip(front)}`, href: null };
      }
    }
  });
}

/** Names one report's target, or null when it does not exist. */
export async function describeTarget(
  kind: ReportTarget,
  id: string,
  section: string | null,
): Promise<TargetView | null> {
  return (await describeTargets([{ kind, id, section }]))[0];
}

export type FileResult = { ok: true; id: string } | NotFound | { ok: false; reason: "too-many"; message: string };

export async function fileReport(
  reporterId: string,
  input: { kind: ReportTarget; id: string; section: string | null; message: string; source: string | null },
  now = new Date(),
): Promise<FileResult> {
  if (!(await describeTarget(input.kind, input.id, input.section)))
    return notFound("We could not find what you are reporting. Go back to it and use its Report a problem link.");
  if ((await store.countRecentReports(reporterId, new Date(now.getTime() - DAY_MS))) >= REPORTS_PER_DAY)
    return {
      ok: false,
      reason: "too-many",
      message: `You have sent ${REPORTS_PER_DAY} reports today, the most we take in a day. Thank you; please send the rest tomorrow.`,
    };
  const { id } = await store.createReport({
    reporterId,
    targetKind: input.kind,
    targetId: input.id,
    section: input.section,
    message: input.message,
    source: input.source,
  });
  return { ok: true, id };
}

type ReportRow = Awaited<ReturnType<typeof store.reportsBy>>[number];

async function withTargets<R extends ReportRow>(rows: R[]) {
  const targets = await describeTargets(
    rows.map((r) => ({ kind: r.targetKind as ReportTarget, id: r.targetId, section: r.section })),
  );
  return rows.map((r, i) => ({
    ...r,
    target: targets[i] ?? {
      kind: r.targetKind as ReportTarget,
      id: r.targetId,
      section: r.section,
      label: `${r.targetKind} ${r.targetId} (no longer in Charted)`,
      href: null,
    },
  }));
}

/** A learner's own reports with their outcome. */
export async function myReports(reporterId: string) {
  return withTargets(await store.reportsBy(reporterId));
}

export const QUEUE_PAGE_SIZE = 20;

/** The editors' queue for one status, a page at a time, with the count per status. */
export async function reportQueue(status: ReportStatus, page: number) {
  const [[rows, total], counts] = await Promise.all([
    store.reportQueue(status, QUEUE_PAGE_SIZE, (page - 1) * QUEUE_PAGE_SIZE),
    store.countByStatus(),
  ]);
  return {
    reports: await withTargets(rows),
    total,
    counts: Object.fromEntries(counts) as Partial<Record<ReportStatus, number>>,
  };
}

export async function answerReport(
  editorId: string,
  input: { reportId: string; status: ReportStatus; reply: string | null },
): Promise<{ ok: true } | NotFound> {
  const done = await store.resolveReport(input.reportId, { status: input.status, reply: input.reply, by: editorId });
  return done ? { ok: true } : notFound("That report no longer exists.");
}
