import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData, useNavigate } from "@remix-run/react";
import { ChevronLeft, ChevronRight, Flag, LayoutGrid } from "lucide-react";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { ActionBar } from "~/components/action-bar.tsx";
import { ExamTimer } from "~/components/exam-timer.tsx";
import { QuestionNavigator } from "~/components/question-navigator.tsx";
import { checkAnswer, examScreen, saveAnswer } from "~/exam/attempts.server.ts";
import { answerFormSchema, attemptIdParam, positionParam } from "~/exam/forms.ts";
import { decodeNavigatorStates, encodeNavigatorStates } from "~/exam/navigator-states.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { routeParams } from "~/utils/http.server.ts";
import { OPTION_LETTERS as LETTERS } from "~/content/exam-ids.ts";
import { Button, FormError } from "~/components/form-controls.tsx";
import { ReportLink } from "~/components/report-link.tsx";
import type { FocusMode } from "~/components/focus-header.tsx";

export const meta: MetaFunction = () => [{ title: "Exam · Charted" }];

/** Focus mode: a one-line header instead of the site's (answers save as they are chosen). */
export const handle = { focus: { exitTo: "/practice", exitLabel: "Save and exit" } satisfies FocusMode };

function parseParams(params: LoaderFunctionArgs["params"]) {
  const { id, n } = routeParams(params, { id: attemptIdParam, n: positionParam }, "We could not find that question.");
  return { attemptId: id, position: n };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { attemptId, position } = parseParams(params);
  const screen = await examScreen(user.id, attemptId, position);
  if (screen.state === "not-found") throw new Response(screen.message, { status: 404 });
  if (screen.state === "expired") return redirect(`/attempts/${attemptId}/results?timeup=1`);
  if (screen.state === "submitted") return redirect(`/attempts/${attemptId}/results`);
  return { ...screen, navigator: encodeNavigatorStates(screen.navigator) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { attemptId, position } = parseParams(params);
  const form = answerFormSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!form.success)
    return data(
      { ok: false as const, message: "That answer could not be read. Choose one of the four options." },
      { status: 400 },
    );
  const { intent, choice, goto, from } = form.data;
  const base = `/attempts/${attemptId}`;
  // Post/redirect/get for the no-JS form: reloading the page then does not post again.
  const done = () => (from === "page" ? redirect(`${base}/q/${position}`, 303) : { ok: true as const });
  const resultsUrl = (reason: string) => `/attempts/${attemptId}/results${reason === "time-up" ? "?timeup=1" : ""}`;
  if (intent === "check") {
    const checked = await checkAnswer(user.id, attemptId, position, choice);
    if (checked.ok) return done();
    if (checked.reason === "time-up" || checked.reason === "submitted")
      return data(
        { ok: false as const, message: checked.message, redirectTo: resultsUrl(checked.reason) },
        { status: 409 },
      );
    const status = checked.reason === "not-found" ? 404 : checked.reason === "no-answer" ? 400 : 409;
    return data({ ok: false as const, message: checked.message }, { status });
  }
  const change: { selectedIndex?: number; flagged?: boolean } = {};
  if (choice !== undefined) change.selectedIndex = choice;
  if (intent === "flag" || intent === "unflag") change.flagged = intent === "flag";
  if (Object.keys(change).length) {
    const saved = await saveAnswer(user.id, attemptId, position, change);
    if (!saved.ok) {
      if (saved.reason === "time-up" || saved.reason === "submitted") {
        const to = resultsUrl(saved.reason);
        if (intent === "answer" || intent === "flag" || intent === "unflag")
          return data({ ok: false as const, message: saved.message, redirectTo: to }, { status: 409 });
        return redirect(to);
      }
      return data({ ok: false as const, message: saved.message }, { status: saved.reason === "not-found" ? 404 : 409 });
    }
  }
  if (intent === "next") return redirect(`${base}/q/${position + 1}`);
  if (intent === "previous") return redirect(`${base}/q/${Math.max(1, position - 1)}`);
  if (intent === "review") return redirect(`${base}/review`);
  if (intent === "goto" && goto) return redirect(`${base}/q/${goto}`);
  return done();
}

export default function ExamItemPage() {
  const { attempt, item, navigator } = useLoaderData<typeof loader>();
  const answer = useFetcher<typeof action>({ key: `answer-${attempt.id}` });
  const flag = useFetcher<typeof action>({ key: `flag-${attempt.id}` });
  const check = useFetcher<typeof action>({ key: `check-${attempt.id}-${item.number}` });
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const base = `/attempts/${attempt.id}`;
  const isLast = item.number === attempt.total;
  const tutor = attempt.mode === "tutor";
  // Tutor mode: a choice can change until it is checked; then the key shows and it locks.
  const locked = tutor && item.checked;
  const canCheck = tutor && !item.checked && !item.keyWithheld;

  // Optimistic: what the learner just chose or flagged shows at once (the radio is controlled,
  // so the choice is held locally until the server's copy comes back).
  const [selected, setSelected] = useState<number | null>(item.selectedIndex);
  useEffect(() => setSelected(item.selectedIndex), [item.number, item.selectedIndex]);
  const pendingFlag = flag.formData?.get("intent");
  const flagged = pendingFlag ? pendingFlag === "flag" : item.flagged;
  const nav = decodeNavigatorStates(navigator).map((n) =>
    n.number === item.number ? { ...n, answered: selected !== null, flagged } : n,
  );

  const choose = useCallback(
    (index: number) => {
      if (locked) return;
      setSelected(index);
      answer.submit({ intent: "answer", choice: String(index) }, { method: "post" });
    },
    [answer, locked],
  );
  const toggleFlag = useCallback(
    () => flag.submit({ intent: flagged ? "unflag" : "flag" }, { method: "post" }),
    [flag, flagged],
  );
  const checkChoice = useCallback(() => {
    if (!canCheck || check.state !== "idle") return;
    check.submit({ intent: "check", choice: selected === null ? "" : String(selected) }, { method: "post" });
  }, [canCheck, check, selected]);

  // A move asked for by keyboard while the answer or flag is still saving waits for the save (and
  // its revalidation) to finish: a revalidation finishing during a navigation could replace it, and
  // the learner pressed N to go on, not to stay.
  const saving = answer.state !== "idle" || flag.state !== "idle";
  const [pendingMove, setPendingMove] = useState<string | null>(null);
  useEffect(() => {
    if (pendingMove === null || saving) return;
    setPendingMove(null);
    navigate(pendingMove);
  }, [pendingMove, saving, navigate]);
  const move = useCallback((to: string) => (saving ? setPendingMove(to) : navigate(to)), [saving, navigate]);

  // Keyboard: 1-4 or A-D answer, N/P move, F flags. Ignored while typing or with modifiers.
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement;
      if (target.closest("textarea, select, input[type=text], input[type=number], input[type=search]")) return;
      if (event.key === "Enter" && canCheck && !target.closest("a, button, textarea, select, summary")) {
        event.preventDefault();
        checkChoice();
        return;
      }
      const key = event.key.toLowerCase();
      const index = "1234".indexOf(key) >= 0 ? "1234".indexOf(key) : "abcd".indexOf(key);
      if (index >= 0 && key.length === 1) {
        event.preventDefault();
        choose(index);
        document.getElementById(`option-${index}`)?.focus();
      } else if (key === "n" && !isLast) {
        event.preventDefault();
        move(`${base}/q/${item.number + 1}`);
      } else if (key === "p" && item.number > 1) {
        event.preventDefault();
        move(`${base}/q/${item.number - 1}`);
      } else if (key === "f") {
        event.preventDefault();
        toggleFlag();
      }
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [base, canCheck, checkChoice, choose, isLast, item.number, move, toggleFlag]);

  const failure =
    check.data && !check.data.ok && check.state === "idle"
      ? check.data
      : answer.data && !answer.data.ok
        ? answer.data
        : flag.data && !flag.data.ok
          ? flag.data
          : null;
  useEffect(() => {
    if (failure && "redirectTo" in failure && failure.redirectTo) navigate(failure.redirectTo);
  }, [failure, navigate]);

  const onExpire = useCallback(() => {
    // The server finalizes after its short network grace; then the results page loads.
    setTimeout(() => navigate(`${base}/results?timeup=1`), 2500);
  }, [base, navigate]);

  return (
    <div className="lg:grid lg:grid-cols-[minmax(0,1fr)_15rem] lg:gap-8">
      <div>
        <p className="mb-3 font-semibold sm:mb-4">
          <span className="text-muted">
            {attempt.kind === "simulation"
              ? "Full simulation"
              : attempt.kind === "assignment"
                ? "Assignment"
                : attempt.mode === "tutor"
                  ? "Tutor practice"
                  : "Practice"}{" "}
            ·{" "}
          </span>
          Question {item.number} of {attempt.total}
        </p>

        <FormError message={failure?.message} />

        <Form method="post" ref={formRef} className="card">
          <input type="hidden" name="from" value="page" />
          {/* The default button: Enter on an option checks it (tutor) or moves on, also without JS. */}
          <button
            type="submit"
            name="intent"
            value={canCheck ? "check" : isLast ? "review" : "next"}
            className="sr-only"
            tabIndex={-1}
            aria-hidden="true"
          >
            {canCheck ? "Check answer" : isLast ? "Review and submit" : "Next"}
          </button>
          <fieldset>
            <legend
              className="mb-4 text-lg font-semibold [overflow-wrap:anywhere] sm:text-xl"
              dangerouslySetInnerHTML={{ __html: item.stemHtml }}
            />
            <div className="space-y-2">
              {item.options.map((text, i) => {
                const feedback = item.feedback;
                const isKey = feedback?.answerIndex === i;
                const isWrongChoice = feedback && selected === i && !isKey;
                return (
                  <label
                    key={`${item.number}-${i}`}
                    className={`flex min-h-11 w-full cursor-pointer items-start gap-3 rounded-md border p-3 [overflow-wrap:anywhere] ${
                      isKey
                        ? "border-success bg-success-soft"
                        : isWrongChoice
                          ? "border-danger bg-danger-soft"
                          : selected === i
                            ? "border-brand bg-brand-soft"
                            : "border-line"
                    }`}
                  >
                    <input
                      id={`option-${i}`}
                      type="radio"
                      name="choice"
                      value={i}
                      checked={selected === i}
                      disabled={locked && selected !== i}
                      onChange={() => choose(i)}
                      className="mt-1 h-5 w-5 shrink-0"
                    />
                    <span>
                      <span className="font-semibold">{LETTERS[i]}.</span> {text}
                      {feedback ? (
                        <span className="mt-1 block text-sm">
                          <span className="font-semibold">
                            {isKey ? "Correct answer. " : isWrongChoice ? "Your answer. " : ""}
                          </span>
                          {feedback.rationales[i]}
                        </span>
                      ) : null}
                    </span>
                  </label>
                );
              })}
            </div>
          </fieldset>
          {item.feedback ? (
            <p
              role="status"
              className={`mt-4 font-semibold ${item.feedback.answerIndex === selected ? "text-success" : "text-danger"}`}
            >
              {item.feedback.answerIndex === selected
                ? "Correct."
                : `Not quite: the answer is ${LETTERS[item.feedback.answerIndex]}.`}
              {item.feedback.lessonUrl ? (
                <>
                  {" "}
                  <Link to={item.feedback.lessonUrl}>Read the lesson</Link>
                </>
              ) : null}
            </p>
          ) : null}
          {item.feedback ? (
            <p className="mt-2">
              <ReportLink kind="question" id={item.feedback.questionId} />
            </p>
          ) : (
            <p className="mt-3 text-sm text-muted" aria-live="polite">
              {check.state !== "idle"
                ? "Checking…"
                : answer.state !== "idle"
                  ? "Saving…"
                  : tutor && item.keyWithheld
                    ? "Your class has an assignment with this question whose answers are not out yet, so it cannot be checked here. Your answer is saved as soon as you choose it."
                    : tutor
                      ? item.selectedIndex !== null
                        ? "Answer saved. You can still change it; choose Check answer (or press Enter) to see if it is right."
                        : "Choose an answer, then Check answer (or press Enter) to see the explanation."
                      : item.selectedIndex !== null
                        ? "Answer saved."
                        : "Your answer is saved as soon as you choose it."}
            </p>
          )}
          {canCheck ? (
            <Button
              name="intent"
              value="check"
              onClick={(e) => {
                e.preventDefault();
                checkChoice();
              }}
              className="mt-4 w-full sm:w-auto"
            >
              Check answer
            </Button>
          ) : null}

          {/* Within thumb reach on a phone, and never scrolled away: the timer and the moves. */}
          <ActionBar label="Exam controls">
            <div className="flex flex-wrap items-center justify-end gap-1 sm:gap-2">
              <div className="mr-auto">
                {attempt.secondsLeft !== null ? (
                  <ExamTimer key={attempt.deadline} secondsLeft={attempt.secondsLeft} onExpire={onExpire} compact />
                ) : (
                  <p className="text-sm text-muted">Untimed</p>
                )}
              </div>
              <div className="flex items-center gap-1 sm:gap-2">
                <Button
                  name="intent"
                  value="previous"
                  variant="secondary"
                  disabled={item.number === 1}
                  className="px-3"
                >
                  <ChevronLeft aria-hidden="true" className="h-5 w-5 shrink-0" />
                  <span className="max-sm:sr-only">Previous</span>
                </Button>
                <button
                  type="submit"
                  name="intent"
                  value={flagged ? "unflag" : "flag"}
                  aria-pressed={flagged}
                  onClick={(e) => {
                    e.preventDefault();
                    toggleFlag();
                  }}
                  className={`btn-secondary px-3 ${flagged ? "border-warn bg-warn-soft text-warn" : ""}`}
                >
                  <Flag aria-hidden="true" className="h-5 w-5 shrink-0" fill={flagged ? "currentColor" : "none"} />
                  <span className="max-sm:sr-only">{flagged ? "Flagged for review" : "Flag for review"}</span>
                </button>
                <NavigatorToggle key={item.number}>
                  <QuestionNavigator attemptId={attempt.id} items={nav} current={item.number} />
                  <p className="mt-3">
                    <Link to={`${base}/review`}>Review all answers and submit</Link>
                  </p>
                </NavigatorToggle>
                {isLast ? (
                  <Button name="intent" value="review" className="px-3">
                    Review<span className="max-sm:sr-only"> and submit</span>
                    <ChevronRight aria-hidden="true" className="h-5 w-5 shrink-0" />
                  </Button>
                ) : (
                  <Button name="intent" value="next" className="px-3">
                    Next <ChevronRight aria-hidden="true" className="h-5 w-5 shrink-0" />
                  </Button>
                )}
              </div>
            </div>
          </ActionBar>
        </Form>
        <p className="mt-3 text-sm text-muted">
          <span className="max-sm:hidden">
            Keyboard: 1–4 or A–D to answer{tutor ? ", Enter to check" : ""}, N next, P previous, F flag.{" "}
          </span>
          <Link to={`${base}/review`}>Review all answers and submit</Link>
        </p>
      </div>
      <aside className="hidden lg:block">
        <h2 className="mb-2 font-semibold">All questions</h2>
        <QuestionNavigator attemptId={attempt.id} items={nav} current={item.number} />
      </aside>
    </div>
  );
}

/**
 * The question grid on phones and tablets: a native disclosure in the bar (so it works without
 * JavaScript) that opens upwards; Escape closes it. Wide screens show the grid beside the question.
 */
function NavigatorToggle({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  return (
    <details
      ref={ref}
      className="lg:hidden"
      onKeyDown={(event) => {
        if (event.key !== "Escape" || !ref.current?.open) return;
        ref.current.open = false;
        ref.current.querySelector("summary")?.focus();
      }}
    >
      <summary className="btn-secondary cursor-pointer list-none px-3 [&::-webkit-details-marker]:hidden">
        <LayoutGrid aria-hidden="true" className="h-5 w-5 shrink-0" />
        <span className="sr-only">All </span>
        <span className="max-sm:sr-only">Questions</span>
      </summary>
      <div className="absolute inset-x-0 bottom-full max-h-[60vh] overflow-y-auto border-t border-line bg-surface p-4 shadow-[0_-4px_12px_rgb(0_0_0/0.12)]">
        <div className="mx-auto max-w-5xl">{children}</div>
      </div>
    </details>
  );
}
