import { Link } from "@remix-run/react";

export interface AssignmentListItem {
  id: string;
  title: string;
  className: string;
  opensAt: string;
  dueAt: string;
  /** The due date is the student's own extension. */
  extended?: boolean;
  status: string;
  statusLabel: string;
  overdue: boolean;
}

const TONE: Record<string, string> = {
  submitted: "border-success bg-success-soft text-success",
  late: "border-warn bg-warn-soft text-warn",
  in_progress: "border-brand bg-brand-soft text-ink",
  closed: "border-line bg-raised text-muted",
  not_open: "border-line bg-raised text-muted",
  not_started: "border-line text-ink",
};

/** A student's assignments with due date and status; links open the assignment page. */
export function AssignmentList({ items, showClass = true }: { items: AssignmentListItem[]; showClass?: boolean }) {
  if (!items.length) return <p>No assignments yet.</p>;
  return (
    <ul className="space-y-2">
      {items.map((a) => (
        <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-line p-3">
          <span>
            <Link to={`/assignments/${a.id}`} className="font-semibold">
              {a.title}
            </Link>
            <span className="block text-sm text-muted">
              {showClass ? `${a.className} · ` : ""}
              {a.status === "not_open"
                ? `opens ${a.opensAt}`
                : a.extended
                  ? `extended to ${a.dueAt}`
                  : `due ${a.dueAt}`}
              {a.overdue ? " · past due" : ""}
            </span>
          </span>
          <span className={`rounded-full border px-3 py-1 text-sm font-medium ${TONE[a.status] ?? "border-line"}`}>
            {a.statusLabel}
          </span>
        </li>
      ))}
    </ul>
  );
}
