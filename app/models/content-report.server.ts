// Data access for "Report a problem": learners' reports on content and the editors' answers.
import { db } from "~/utils/db.server.ts";

import type { ReportStatus, ReportTarget } from "./content-report-kinds.ts";

const REPORT_FIELDS = {
  id: true,
  targetKind: true,
  targetId: true,
  section: true,
  message: true,
  source: true,
  status: true,
  reply: true,
  resolvedAt: true,
  createdAt: true,
} as const;

export function createReport(input: {
  reporterId: string;
  targetKind: ReportTarget;
  targetId: string;
  section: string | null;
  message: string;
  source: string | null;
}) {
  return db.contentReport.create({ data: input, select: { id: true } });
}

/** A learner's own reports, newest first. */
export function reportsBy(reporterId: string) {
  return db.contentReport.findMany({
    where: { reporterId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: REPORT_FIELDS,
    take: 200,
  });
}

/** The editors' queue: reports with a status, oldest first (first come, first answered). */
export function reportQueue(status: ReportStatus, take: number, skip: number) {
  const where = { status };
  return Promise.all([
    db.contentReport.findMany({
      where,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take,
      skip,
      select: { ...REPORT_FIELDS, reporter: { select: { name: true, email: true } } },
    }),
    db.contentReport.count({ where }),
  ]);
}

export async function countByStatus() {
  const rows = await db.contentReport.groupBy({ by: ["status"], _count: { _all: true } });
  return new Map(rows.map((r) => [r.status, r._count._all]));
}

/** Records an editor's decision and reply. False when there is no such report. */
export async function resolveReport(id: string, input: { status: ReportStatus; reply: string | null; by: string }) {
  const { count } = await db.contentReport.updateMany({
    where: { id },
    data: {
      status: input.status,
      reply: input.reply,
      resolvedById: input.status === "open" ? null : input.by,
      resolvedAt: input.status === "open" ? null : new Date(),
    },
  });
  return count === 1;
}

/** Open reports per question id (item analysis). */
export async function openReportCounts(questionIds: string[]) {
  if (!questionIds.length) return new Map<string, number>();
  const rows = await db.contentReport.groupBy({
    by: ["targetId"],
    where: { targetKind: "question", targetId: { in: questionIds }, status: "open" },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.targetId, r._count._all]));
}

/** Reports a learner filed in the last `since` window (a flood guard). */
export function countRecentReports(reporterId: string, since: Date) {
  return db.contentReport.count({ where: { reporterId, createdAt: { gte: since } } });
}
