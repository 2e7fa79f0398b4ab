// What a page opened from an emailed link shows when the link is spent: what happened and the
// way to a new one.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

export function ExpiredLink({ children, next }: { children: ReactNode; next: { to: string; label: string } }) {
  return (
    <div className="mx-auto max-w-md">
      <h1 className="page-title">This link no longer works</h1>
      <div className="card space-y-3">
        {children}
        <p>
          <Link to={next.to} className="btn-primary">
            {next.label}
          </Link>
        </p>
      </div>
    </div>
  );
}
