import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { studentAssignments } from "~/assignments/student.server.ts";
import { classesJoinedBy, joinWithCode, leaveClass } from "~/classes/classes.server.ts";
import { AssignmentList } from "~/components/assignment-list.tsx";
import { joinClassSchema, leaveForm } from "~/classes/forms.ts";
import { Button, FormError, TextField } from "~/components/form-controls.tsx";
import { requireUser } from "~/utils/auth.server.ts";
import { formFailure, parseFormData } from "~/utils/forms.server.ts";
import { requestLocale } from "~/utils/locale.server.ts";
import { Section } from "~/components/section.tsx";
import { GraduationCap } from "lucide-react";
import { EmptyState } from "~/components/empty-state.tsx";

export const meta: MetaFunction = () => [{ title: "My classes · Charted" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [rows, assignments] = await Promise.all([
    classesJoinedBy(user.id),
    studentAssignments(user.id, { timeZone: user.timeZone, locale: requestLocale(request) }),
  ]);
  // After accepting a class invitation (?joined=<class id>): say which class, if they are in it.
  const joinedId = new URL(request.url).searchParams.get("joined");
  return {
    classes: rows.map((r) => ({
      id: r.class.id,
      name: r.class.name,
      instructor: r.class.instructor.name,
      joinedAt: r.joinedAt.toISOString(),
    })),
    assignments,
    joined: rows.find((r) => r.class.id === joinedId)?.class.name ?? null,
    isStudent: user.role === "student",
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  if (formData.get("intent") === "leave") {
    const form = leaveForm.safeParse(Object.fromEntries(formData));
    if (!form.success) return data(formFailure(formData, "That class could not be left."), { status: 400 });
    await leaveClass(form.data.classId, user.id);
    return { ok: true as const, message: "You left the class." };
  }
  const parsed = parseFormData(formData, joinClassSchema);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const joined = await joinWithCode(user.id, parsed.data.code, context.clientIp);
  if (!joined.ok) return data(formFailure(formData, "", { code: [joined.message] }), { status: 400 });
  return { ok: true as const, message: `You joined ${joined.className}.` };
}

export default function JoinPage() {
  const { classes, assignments, joined, isStudent } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors = result && !result.ok ? result : undefined;
  return (
    <div className="mx-auto max-w-xl space-y-6">
      <h1 className="page-title">My classes</h1>
      {result?.ok || (joined && !result) ? (
        <p role="status" className="rounded-md border border-success bg-success-soft p-3 font-medium text-success">
          {result?.ok ? result.message : `You joined ${joined}.`}
        </p>
      ) : null}
      <Form method="post" className="card" noValidate>
        <h2 className="mb-3 text-lg font-semibold">Join a class</h2>
        <FormError message={errors?.formError || undefined} />
        <TextField
          name="code"
          label="Class code"
          autoComplete="off"
          autoCapitalize="characters"
          defaultValue={errors?.values.code ?? params.get("code") ?? ""}
          errors={errors?.fieldErrors.code}
          hint="Your instructor gives you an 8-character code."
        />
        <Button>Join class</Button>
      </Form>
      <Section headingId="joined-heading" title="Classes you are in" size="lg" gap={2}>
        {classes.length ? (
          <ul className="space-y-2">
            {classes.map((c) => (
              <li key={c.id} className="card space-y-3">
                <div className="flex flex-wrap items-center justify-between gap-3">
                  <span>
                    <span className="font-semibold">{c.name}</span> · {c.instructor}
                  </span>
                  <Form method="post">
                    <input type="hidden" name="intent" value="leave" />
                    <input type="hidden" name="classId" value={c.id} />
                    <Button variant="secondary" aria-label={`Leave ${c.name}`}>
                      Leave
                    </Button>
                  </Form>
                </div>
                <AssignmentList items={assignments.filter((a) => a.classId === c.id)} showClass={false} />
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState
            icon={GraduationCap}
            title="You are not in any class yet"
            headingLevel={3}
            action={
              <a href="#code" className="btn-secondary">
                Enter a join code
              </a>
            }
          >
            Ask your instructor for the class&apos;s 8-character code and enter it above.
          </EmptyState>
        )}
      </Section>
      {isStudent ? (
        <p>
          Do you teach a CMAA course? <Link to="/instructor-access">Request instructor access</Link> to create your own
          classes.
        </p>
      ) : null}
    </div>
  );
}
