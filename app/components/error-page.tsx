import { Link } from "@remix-run/react";

const TITLES: Record<number, string> = {
  400: "That request did not make sense",
  401: "Please log in",
  403: "You do not have access to this page",
  404: "We could not find that page",
  500: "Something went wrong on our side",
};

/** A helpful error page: what happened, and where to go next. Never shows a stack trace. */
export function ErrorPage({ status, message }: { status: number; message?: string }) {
  const title = TITLES[status] ?? (status >= 500 ? TITLES[500] : "Something went wrong");
  return (
    <section aria-labelledby="error-title" className="card max-w-2xl">
      <p className="text-sm font-semibold text-muted">Error {status}</p>
      <h1 id="error-title" className="page-title">
        {title}
      </h1>
      {message ? <p className="mb-4">{message}</p> : null}
      {status === 404 ? <p className="mb-4">The link may be old, or the address may have a typo.</p> : null}
      {status >= 500 ? <p className="mb-4">Your answers and reviews are saved. Try again in a moment.</p> : null}
      <ul className="flex flex-wrap gap-3">
        <li>
          <Link to="/" className="btn-primary">
            Go to the home page
          </Link>
        </li>
        <li>
          <Link to="/learn" className="btn-secondary">
            Browse lessons
          </Link>
        </li>
      </ul>
    </section>
  );
}
