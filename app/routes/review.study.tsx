import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigate, useNavigation, useSearchParams, useSubmit } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { ActionBar } from "~/components/action-bar.tsx";
import type { FocusMode } from "~/components/focus-header.tsx";
import { ProgressBar } from "~/components/progress-bar.tsx";
import { RATING_ROW, ratingButtonClass } from "~/components/rating-buttons.tsx";
import { Celebration } from "~/components/celebration.tsx";
import { EmptyState } from "~/components/empty-state.tsx";
import { ChartLine, ClipboardCheck, Layers, PartyPopper } from "lucide-react";
import { getContentIndex } from "~/content/index.server.ts";
import { deckParam, studyAction } from "~/review/forms.ts";
import { backlogStatus } from "~/review/catch-up.server.ts";
import { NEAR_DUE_DAYS } from "~/review/catch-up.ts";
import { buryCard, rateCard, setCardSuspended, studyQueue, undoLastRating } from "~/review/review.server.ts";
import { GRADE_LABELS, type Grade } from "~/review/scheduler.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { Button } from "~/components/form-controls.tsx";
import { ReportLink } from "~/components/report-link.tsx";
import { MemoryExplanation, MemoryFacts } from "~/components/card-memory.tsx";
import { formatDifficulty, formatRecall, formatStability } from "~/review/memory.ts";
import { learnerPreferences, savePreferences } from "~/models/preferences.server.ts";

export const meta: MetaFunction = () => [{ title: "Study · Review · Charted" }];

/** Focus mode: a one-line header instead of the site's. */
export const handle = { focus: { exitTo: "/review", exitLabel: "Exit review" } satisfies FocusMode };

const NOTICES: Record<string, string> = {
  leech:
    "You have forgotten that card 8 times, so it is now suspended as a leech. Rewrite it in your own words or read its lesson, then unsuspend it from Browse cards.",
  stale: "That card was already rated in another window, so we moved on.",
  undone: "Your last rating was undone.",
  buried: "That card is buried until tomorrow.",
  suspended: "That card is suspended. Unsuspend it from Browse cards.",
  nothing: "There was no rating to undo today.",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const deck = deckParam.parse(url.searchParams.get("deck") ?? undefined) ?? null;
  const reveal = url.searchParams.get("reveal") === "1";
  const prefs = await learnerPreferences(user.id);
  // A backlog without a plan: the page offers one (counted only as far as deciding needs).
  const [queue, backlog] = await Promise.all([
    studyQueue(user.id, deck, new Date(), prefs),
    prefs.catchUpCap === null ? backlogStatus(user.id, { exact: false, prefs }) : null,
  ]);
  const memory = queue.current?.memory;
  const notice = url.searchParams.get("notice");
  const domains = Object.fromEntries(getContentIndex().domains.map((d) => [d.id, d.name]));
  return {
    deck,
    deckName: deck ? domains[deck] : "All decks",
    reveal,
    notice: notice && NOTICES[notice] ? NOTICES[notice] : null,
    counts: queue.counts,
    memoryHelpSeen: prefs.memoryHelpSeen,
    canUndo: queue.canUndo,
    catchUp: queue.mode.catchUp,
    finalReview: queue.mode.finalReview,
    offerCatchUp: Boolean(backlog?.backlog),
    // The back is only sent once the learner asks to see it.
    card: queue.current
      ? {
          ...queue.current,
          back: reveal ? queue.current.back : null,
          lessonUrl: reveal ? queue.current.lessonUrl : null,
          report: reveal ? queue.current.report : null,
          memory: memory
            ? {
                difficulty: formatDifficulty(memory.difficulty),
                stability: formatStability(memory.stability),
                recall: formatRecall(memory.recall),
              }
            : null,
          domainName: domains[queue.current.domainId],
        }
      : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = studyAction.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ error: parsed.error.issues[0].message }, { status: 400 });
  const form = parsed.data;
  const back = (notice?: string) => {
    const p = new URLSearchParams();
    if (form.deck) p.set("deck", form.deck);
    if (notice) p.set("notice", notice);
    const s = p.toString();
    return redirect(`/review/study${s ? `?${s}` : ""}`);
  };
  if (form.intent === "rate") {
    const result = await rateCard(user.id, { ref: form.ref, grade: form.grade as Grade, requestId: form.requestId });
    if (!result.ok) return result.reason === "stale" ? back("stale") : data({ error: result.message }, { status: 404 });
    return back(result.leech ? "leech" : undefined);
  }
  if (form.intent === "undo") return back((await undoLastRating(user.id)) ? "undone" : "nothing");
  if (form.intent === "memory-help") {
    await savePreferences(user.id, { memoryHelpSeen: true });
    return redirect(`/review/study?${form.deck ? `deck=${form.deck}&` : ""}reveal=1`);
  }
  if (form.intent === "bury")
    return (await buryCard(user.id, form.cardId))
      ? back("buried")
      : data({ error: "That card is not in your deck." }, { status: 404 });
  return (await setCardSuspended(user.id, form.cardId, true))
    ? back("suspended")
    : data({ error: "That card is not in your deck." }, { status: 404 });
}

export default function StudyPage() {
  const { deck, deckName, reveal, notice, counts, canUndo, card, catchUp, finalReview, offerCatchUp, memoryHelpSeen } =
    useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const submit = useSubmit();
  const busy = useNavigation().state !== "idle";
  const undoRef = useRef<HTMLFormElement>(null);
  const deckQuery = deck ? `deck=${deck}&` : "";
  const revealHref = `/review/study?${deckQuery}reveal=1`;
  const remaining = counts.due + counts.new;
  const cardId = card?.ref.startsWith("card:") ? card.ref.slice(5) : null;

  // Keyboard: Space or Enter shows the answer, 1-4 rate, U undoes the last rating.
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.ctrlKey || event.metaKey || event.altKey || busy) return;
      const target = event.target as HTMLElement;
      if (target.closest("input, textarea, select")) return;
      // Enter on a focused link or button does that control's own job.
      if (event.key === "Enter" && target.closest("a, button, summary")) return;
      if ((event.key === " " || event.key === "Enter") && card && !reveal) {
        event.preventDefault();
        navigate(revealHref);
      } else if (/^[1-4]$/.test(event.key) && card && reveal) {
        event.preventDefault();
        submit(
          { intent: "rate", ref: card.ref, grade: event.key, requestId: card.requestId, ...(deck ? { deck } : {}) },
          { method: "post" },
        );
      } else if (event.key.toLowerCase() === "u" && canUndo && undoRef.current) {
        event.preventDefault();
        submit(undoRef.current);
      }
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [busy, canUndo, card, deck, navigate, reveal, revealHref, submit]);

  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link to="/review">Review</Link> <span aria-hidden="true">›</span> {deckName}
      </nav>
      <ProgressBar
        value={counts.doneToday}
        max={counts.doneToday + remaining}
        label={`${counts.doneToday} done today · ${counts.due} due · ${counts.new} new`}
      />
      {notice ? (
        <p role="status" className="rounded-md border border-warn bg-warn-soft p-3 font-medium text-warn">
          {notice}
        </p>
      ) : null}
      {params.get("error") ? <p role="alert">{params.get("error")}</p> : null}
      {catchUp ? (
        <p className="text-sm text-muted">
          Catch-up plan: {catchUp.reviewsLeft} of today&apos;s {catchUp.cap} reviews left, weakest cards first, new
          cards paused. <Link to="/review/catch-up">See the plan</Link>
        </p>
      ) : null}
      {finalReview ? (
        <p className="text-sm text-muted">
          Final review: cards due in the next {NEAR_DUE_DAYS} days come now too, the exam&apos;s heaviest domains and
          your weakest cards first.
        </p>
      ) : null}
      {!catchUp && offerCatchUp ? (
        <p className="text-sm">
          Many cards are overdue. <Link to="/review/catch-up">Plan a catch-up</Link> to spread them over a few days.
        </p>
      ) : null}
      {card ? (
        <section aria-labelledby="card-front" className="card space-y-4">
          <p className="text-sm text-muted">
            {card.domainName} ·{" "}
            {card.source === "missed"
              ? "from a question you missed"
              : card.source === "own"
                ? "your card"
                : card.isNew
                  ? "new card"
                  : "review"}
          </p>
          <h1
            id="card-front"
            className="whitespace-pre-line text-xl font-semibold [overflow-wrap:anywhere] sm:text-2xl"
          >
            {card.front}
          </h1>
          {reveal ? (
            <>
              <hr className="border-line" />
              <div className="whitespace-pre-line text-lg [overflow-wrap:anywhere]" aria-live="polite">
                {card.back}
              </div>
              {card.lessonUrl || card.report ? (
                <p className="flex flex-wrap gap-4 text-sm">
                  {card.lessonUrl ? <Link to={card.lessonUrl}>Read the lesson</Link> : null}
                  {card.report ? <ReportLink kind={card.report.kind} id={card.report.id} what="this card" /> : null}
                </p>
              ) : null}
              {/* Fixed within thumb reach: rating never needs a scroll, however long the answer. */}
              <ActionBar label="Rate this card" width="max-w-2xl">
                <Form method="post" className={RATING_ROW}>
                  <input type="hidden" name="intent" value="rate" />
                  <input type="hidden" name="ref" value={card.ref} />
                  <input type="hidden" name="requestId" value={card.requestId} />
                  {deck ? <input type="hidden" name="deck" value={deck} /> : null}
                  {[1, 2, 3, 4].map((g) => (
                    <button
                      key={g}
                      type="submit"
                      name="grade"
                      value={g}
                      disabled={busy}
                      className={ratingButtonClass(g)}
                      aria-label={`${GRADE_LABELS[g]}: next review in ${card.intervals[g]} (key ${g})`}
                    >
                      <span>{GRADE_LABELS[g]}</span>
                      <span className="text-sm font-normal">{card.intervals[g]}</span>
                    </button>
                  ))}
                </Form>
              </ActionBar>
              <p className="text-sm text-muted max-sm:hidden">Keys: 1 Again · 2 Hard · 3 Good · 4 Easy · U undo.</p>
              <MemoryFacts memory={card.memory}>
                {memoryHelpSeen ? (
                  <details className="mt-2 text-sm">
                    <summary className="cursor-pointer">What do these mean?</summary>
                    <MemoryExplanation />
                  </details>
                ) : (
                  <>
                    <MemoryExplanation />
                    <Form method="post" className="mt-2">
                      <input type="hidden" name="intent" value="memory-help" />
                      {deck ? <input type="hidden" name="deck" value={deck} /> : null}
                      <Button variant="secondary" disabled={busy}>
                        Got it, keep this short
                      </Button>
                    </Form>
                  </>
                )}
              </MemoryFacts>
            </>
          ) : (
            <>
              <ActionBar label="Show the answer" width="max-w-2xl">
                <Link to={revealHref} className="btn-primary w-full" autoFocus>
                  Show answer
                </Link>
              </ActionBar>
              <p className="text-sm text-muted max-sm:hidden">Key: Space or Enter shows the answer.</p>
            </>
          )}
        </section>
      ) : (
        <FinishedState counts={counts} catchUp={catchUp} />
      )}
      <div className="flex flex-wrap gap-2">
        {canUndo ? (
          <Form method="post" ref={undoRef}>
            <input type="hidden" name="intent" value="undo" />
            {deck ? <input type="hidden" name="deck" value={deck} /> : null}
            <Button variant="secondary" disabled={busy}>
              Undo last rating
            </Button>
          </Form>
        ) : null}
        {cardId ? (
          <>
            <Form method="post">
              <input type="hidden" name="intent" value="bury" />
              <input type="hidden" name="cardId" value={cardId} />
              {deck ? <input type="hidden" name="deck" value={deck} /> : null}
              <Button variant="secondary" disabled={busy}>
                Bury until tomorrow
              </Button>
            </Form>
            <Form method="post">
              <input type="hidden" name="intent" value="suspend" />
              <input type="hidden" name="cardId" value={cardId} />
              {deck ? <input type="hidden" name="deck" value={deck} /> : null}
              <Button variant="secondary" disabled={busy}>
                Suspend card
              </Button>
            </Form>
          </>
        ) : null}
      </div>
    </div>
  );
}

type StudyData = ReturnType<typeof useLoaderData<typeof loader>>;

/** No card left: a celebration when cards were studied today, else what to do instead. */
function FinishedState({ counts, catchUp }: { counts: StudyData["counts"]; catchUp: StudyData["catchUp"] }) {
  const title = counts.reviewLimitReached ? "You reached today's review limit" : "All done for now";
  const next =
    counts.reviewLimitReached && catchUp
      ? "That is today's share of your catch-up plan. Come back tomorrow for the next one, or change the plan."
      : counts.reviewLimitReached
        ? "More cards are due, but you set a daily limit. Raise it in Settings if you want to keep going."
        : "No cards are due in this deck right now. Come back tomorrow, or practise questions to find new gaps.";
  const links = (
    <>
      <Link to="/review" className="btn-secondary">
        <Layers aria-hidden="true" className="size-5" />
        Back to decks
      </Link>
      <Link to="/review/stats" className="btn-secondary">
        <ChartLine aria-hidden="true" className="size-5" />
        See your forecast
      </Link>
    </>
  );
  if (counts.doneToday === 0)
    return (
      <EmptyState
        icon={PartyPopper}
        title={counts.reviewLimitReached ? title : "Nothing to review right now"}
        headingLevel={1}
        action={
          <>
            <Link to="/practice" className="btn-primary">
              <ClipboardCheck aria-hidden="true" className="size-5" />
              Practise questions
            </Link>
            {links}
          </>
        }
      >
        {next}
      </EmptyState>
    );
  return (
    <section aria-labelledby="finished-heading" className="card space-y-4">
      <h1 id="finished-heading" className="section-title">
        {title}
      </h1>
      <Celebration
        title={`Session complete: ${counts.doneToday} card${counts.doneToday === 1 ? "" : "s"} reviewed today.`}
      >
        Each review strengthens what you remember. {next}
      </Celebration>
      <div className="flex flex-wrap gap-3">{links}</div>
    </section>
  );
}
