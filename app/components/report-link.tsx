// The "Report a problem" link every question, card, lesson and glossary term carries. It names
// the item and where to come back to; the report form itself is /reports/new.
import { Link, useLocation } from "@remix-run/react";

export function reportHref(target: { kind: string; id: string; section?: string | null }, returnTo: string) {
  const params = new URLSearchParams({ kind: target.kind, id: target.id });
  if (target.section) params.set("section", target.section);
  params.set("returnTo", returnTo);
  return `/reports/new?${params}`;
}

export function ReportLink({
  kind,
  id,
  section,
  label = "Report a problem",
  what,
}: {
  kind: "question" | "card" | "lesson" | "glossary";
  id: string;
  section?: string | null;
  label?: string;
  /** Names the item for screen readers when several links share a page. */
  what?: string;
}) {
  const location = useLocation();
  return (
    <Link to={reportHref({ kind, id, section }, `${location.pathname}${location.search}`)} className="text-sm">
      {label}
      {what ? <span className="sr-only"> with {what}</span> : null}
    </Link>
  );
}
