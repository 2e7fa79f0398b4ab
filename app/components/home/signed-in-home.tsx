import { Link } from "@remix-run/react";

/** The greeting and main links shared by the signed-in homes until each has its own. */
export function SignedInIntro({ name }: { name: string }) {
  return (
    <section className="card">
      <h1 className="page-title">{`Hello, ${name}`}</h1>
      <p className="mb-4 max-w-2xl text-lg">
        Charted covers all seven domains of the NHA Certified Medical Administrative Assistant exam with plain-language
        lessons, a glossary of the terms you will meet, and search across all of it.
      </p>
      <div className="flex flex-wrap gap-3">
        <Link to="/learn" className="btn-primary">
          Continue learning
        </Link>
        <Link to="/progress" className="btn-secondary">
          Your progress and study plan
        </Link>
      </div>
    </section>
  );
}
