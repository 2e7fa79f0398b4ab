import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { InstructorHome } from "~/components/home/instructor-home.tsx";
import { Landing } from "~/components/home/landing.tsx";
import { LearnerHome } from "~/components/home/learner-home.tsx";
import { weeklyGoalSchema } from "~/home/forms.ts";
import { instructorHome } from "~/home/instructor.server.ts";
import { landingHome } from "~/home/landing.server.ts";
import { learnerHome } from "~/home/learner.server.ts";
import { saveWeeklyGoalDays } from "~/models/preferences.server.ts";
import { getUser, hasRole, requireUser } from "~/utils/auth.server.ts";
import { parseFormData } from "~/utils/forms.server.ts";
import { requestLocale } from "~/utils/locale.server.ts";

// One address, three homes: visitors get the landing page, instructors (and admins) what needs
// their attention, learners their day. A learner's first visit goes through /welcome first. A
// browser whose account was just deleted (/account/data) lands here, signed out, with `?deleted=account`.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (!user) return { kind: "visitor" as const, visitor: await landingHome(request) };
  if (hasRole(user, "instructor"))
    return {
      kind: "instructor" as const,
      instructor: await instructorHome({ ...user, locale: requestLocale(request) }),
    };
  if (!user.onboarded) throw redirect("/welcome");
  return { kind: "learner" as const, learner: await learnerHome({ ...user, locale: requestLocale(request) }) };
}

// Today's one form: the learner's weekly goal (study days a week, or "as many as my study days").
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if (hasRole(user, "instructor")) throw new Response("Weekly goals are for learners.", { status: 403 });
  const parsed = parseFormData(await request.formData(), weeklyGoalSchema);
  if (!parsed.ok)
    return data({ ok: false as const, fieldErrors: parsed.fieldErrors, formError: parsed.formError }, { status: 400 });
  await saveWeeklyGoalDays(user.id, parsed.data.goalDays);
  return { ok: true as const };
}

export default function Home() {
  const d = useLoaderData<typeof loader>();
  const goalResult = useActionData<typeof action>();
  switch (d.kind) {
    case "visitor":
      return <Landing data={d.visitor} />;
    case "instructor":
      return <InstructorHome data={d.instructor} />;
    case "learner":
      return <LearnerHome data={d.learner} goalResult={goalResult} />;
  }
}
