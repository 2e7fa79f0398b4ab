import { Link } from "@remix-run/react";
import type { learnerHome } from "~/home/learner.server.ts";
import { AssignmentList } from "~/components/assignment-list.tsx";
import { Section } from "~/components/section.tsx";
import { SignedInIntro } from "./signed-in-home.tsx";

export function LearnerHome({ data }: { data: Awaited<ReturnType<typeof learnerHome>> }) {
  const { assignments, catchUp } = data;
  return (
    <div className="space-y-8">
      <SignedInIntro name={data.name} />
      {catchUp ? (
        <p className="card">
          {catchUp === "offer"
            ? "Review cards have piled up while you were away. "
            : "Your catch-up plan is running: a steady number of reviews a day until the backlog is gone. "}
          <Link to="/review/catch-up">{catchUp === "offer" ? "Plan a catch-up" : "See your catch-up plan"}</Link>
        </p>
      ) : null}
      {assignments.length ? (
        <Section headingId="assignments-heading" title="Your assignments" className="card">
          <AssignmentList items={assignments} />
        </Section>
      ) : null}
    </div>
  );
}
