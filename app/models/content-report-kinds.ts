// What a content report can be about and the states it moves through: the one definition the
// model, the forms and the pages share (no server code, so pages may import it).
export const REPORT_TARGETS = ["question", "card", "lesson", "glossary"] as const;
export type ReportTarget = (typeof REPORT_TARGETS)[number];
export const REPORT_STATUSES = ["open", "fixed", "wont-fix"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
