import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { InstructorHome } from "~/components/home/instructor-home.tsx";
import { Landing } from "~/components/home/landing.tsx";
import { LearnerHome } from "~/components/home/learner-home.tsx";
import { instructorHome } from "~/home/instructor.server.ts";
import { landingHome } from "~/home/landing.server.ts";
import { learnerHome } from "~/home/learner.server.ts";
import { getUser, hasRole } from "~/utils/auth.server.ts";
import { requestLocale } from "~/utils/locale.server.ts";

// One address, three homes: visitors get the landing page, instructors (and admins) what needs
// their attention, learners their day. A browser whose account was just deleted (/account/data)
// lands here, signed out, with `?deleted=account`.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (!user) return { kind: "visitor" as const, visitor: await landingHome(request) };
  if (hasRole(user, "instructor")) return { kind: "instructor" as const, instructor: await instructorHome(user) };
  return { kind: "learner" as const, learner: await learnerHome({ ...user, locale: requestLocale(request) }) };
}

export default function Home() {
  const d = useLoaderData<typeof loader>();
  switch (d.kind) {
    case "visitor":
      return <Landing data={d.visitor} />;
    case "instructor":
      return <InstructorHome data={d.instructor} />;
    case "learner":
      return <LearnerHome data={d.learner} />;
  }
}
