import { Link } from "@remix-run/react";
import type { landingHome } from "~/home/landing.server.ts";
import { Section } from "~/components/section.tsx";

export function Landing({ data }: { data: Awaited<ReturnType<typeof landingHome>> }) {
  return (
    <div className="space-y-8">
      {data.accountDeleted ? (
        <p role="status" className="rounded-md border border-success bg-success-soft p-3 font-medium text-success">
          Your account has been deleted and you are signed out. Your answers remain only as anonymous responses in
          question statistics.
        </p>
      ) : null}
      <section className="card">
        <h1 className="page-title">Prepare for the CMAA exam, one evening at a time</h1>
        <p className="mb-4 max-w-2xl text-lg">
          Charted covers all seven domains of the NHA Certified Medical Administrative Assistant exam with
          plain-language lessons, a glossary of the terms you will meet, and search across all of it.
        </p>
        <div className="flex flex-wrap gap-3">
          <Link to="/learn" className="btn-primary">
            Start with the lessons
          </Link>
          <Link to="/register" className="btn-secondary">
            Create a free account
          </Link>
        </div>
      </section>
      <Section headingId="how-heading" title="What you can do here">
        <ul className="grid gap-4 sm:grid-cols-3">
          <li className="card">
            <h3 className="mb-1 font-semibold">Read short lessons</h3>
            <p>Every exam domain, written for career changers, with worked front-desk examples.</p>
          </li>
          <li className="card">
            <h3 className="mb-1 font-semibold">Look up any term</h3>
            <p>Word parts, abbreviations, billing and legal terms, each in plain language.</p>
          </li>
          <li className="card">
            <h3 className="mb-1 font-semibold">Track what you finished</h3>
            <p>Mark lessons complete and see how far you are in each domain.</p>
          </li>
        </ul>
      </Section>
    </div>
  );
}
