import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ActionBar } from "~/components/action-bar.tsx";
import type { FocusMode } from "~/components/focus-header.tsx";
import { ProgressBar } from "~/components/progress-bar.tsx";
import { RATING_ROW, ratingButtonClass } from "~/components/rating-buttons.tsx";
import {
  newRequestId,
  nextOfflineCard,
  offlineIntervals,
  rateOffline,
  type OfflineDeck,
} from "~/review/offline-session.ts";
import {
  currentAccount,
  loadDeck,
  offlineStorageAvailable,
  queuedRatings,
  recordRating,
} from "~/review/offline-store.ts";
import { refreshOfflineDeck, syncWaitingRatings, type SyncOutcome } from "~/review/offline-sync.ts";
import { GRADE_LABELS, State, type Grade } from "~/review/scheduler.ts";

// Reviewing without a connection. The page has no loader on purpose: the service worker keeps a
// copy of it fetched without cookies (so it holds nobody's data), and the cards come from this
// browser's storage, saved while the learner was online. Ratings are scheduled here and queued;
// they are sent when the connection comes back, and the server's schedule then counts.

export const meta: MetaFunction = () => [{ title: "Review offline · Charted" }];

/** Focus mode, as on the study page; its links load whole pages (this one is the service worker's copy). */
export const handle = {
  focus: { exitTo: "/review", exitLabel: "Exit review", reloadDocument: true } satisfies FocusMode,
};

type Phase = "loading" | "ready" | "no-deck" | "signed-out" | "unsupported";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function syncMessage(outcome: SyncOutcome): string | null {
  switch (outcome.kind) {
    case "synced":
      return outcome.refused.length
        ? `Synced. ${plural(outcome.refused.length, "rating")} could not be saved: ${[...new Set(outcome.refused)].join(" ")}`
        : "Synced";
    case "signed-out":
      return "Log in again to send your ratings: they are kept on this device until then.";
    case "failed":
      return `${outcome.message} Your ratings are kept on this device.`;
    default:
      return null;
  }
}

export default function OfflineReview() {
  const [phase, setPhase] = useState<Phase>("loading");
  const [userId, setUserId] = useState<string | null>(null);
  const [deck, setDeck] = useState<OfflineDeck | null>(null);
  const [waiting, setWaiting] = useState(0);
  const [online, setOnline] = useState(true);
  const [note, setNote] = useState<string | null>(null);
  const [revealed, setRevealed] = useState(false);
  const [tick, setTick] = useState(0);
  const busy = useRef(false);
  const answerRef = useRef<HTMLDivElement>(null);

  const sync = useCallback(async (user: string) => {
    if (!navigator.onLine) return;
    const outcome = await syncWaitingRatings(user);
    setWaiting((await queuedRatings(user)).length);
    const message = syncMessage(outcome);
    if (message) setNote(message);
    if (outcome.kind === "synced") {
      // The server's schedule is the one that counts: take its copy of the cards again.
      const fresh = await refreshOfflineDeck();
      if (fresh.outcome === "saved" && fresh.userId === user) {
        setDeck(await loadDeck(user));
        setRevealed(false);
      }
    }
  }, []);

  useEffect(() => {
    let cancelled = false;
    async function start() {
      if (!offlineStorageAvailable()) return setPhase("unsupported");
      setOnline(navigator.onLine);
      let user = await currentAccount();
      if (navigator.onLine) {
        if (user) await syncWaitingRatings(user).then((o) => setNote(syncMessage(o)));
        const fresh = await refreshOfflineDeck();
        if (fresh.outcome === "signed-out") return setPhase("signed-out");
        if (fresh.userId) user = fresh.userId;
      }
      if (!user) return setPhase("signed-out");
      const stored = await loadDeck(user);
      const queued = await queuedRatings(user);
      if (cancelled) return;
      setUserId(user);
      setWaiting(queued.length);
      setDeck(stored);
      setPhase(stored ? "ready" : "no-deck");
    }
    start().catch(() => setPhase("unsupported"));
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    const goOnline = () => {
      setOnline(true);
      if (userId) void sync(userId);
    };
    const goOffline = () => setOnline(false);
    window.addEventListener("online", goOnline);
    window.addEventListener("offline", goOffline);
    // Learning steps come due while the page is open.
    const timer = window.setInterval(() => setTick((t) => t + 1), 30_000);
    return () => {
      window.removeEventListener("online", goOnline);
      window.removeEventListener("offline", goOffline);
      window.clearInterval(timer);
    };
  }, [sync, userId]);

  const view = useMemo(() => (deck ? { ...nextOfflineCard(deck, new Date()), tick } : null), [deck, tick]);
  const card = view?.current ?? null;
  const intervals = useMemo(() => (deck && card ? offlineIntervals(deck, card, new Date()) : null), [deck, card]);

  const rate = useCallback(
    async (grade: Grade) => {
      if (!deck || !card || !userId || busy.current) return;
      busy.current = true;
      try {
        const result = rateOffline(deck, card.ref, grade, new Date(), newRequestId());
        if (!result) return;
        await recordRating(result.deck, result.rating);
        setDeck(result.deck);
        setRevealed(false);
        setNote(null);
        setWaiting((await queuedRatings(userId)).length);
        if (navigator.onLine) void sync(userId);
      } finally {
        busy.current = false;
      }
    },
    [card, deck, sync, userId],
  );

  // Keyboard, as on the study page: Space or Enter shows the answer, 1-4 rate.
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.ctrlKey || event.metaKey || event.altKey || !card) return;
      const target = event.target as HTMLElement;
      if (target.closest("input, textarea, select")) return;
      if ((event.key === " " || event.key === "Enter") && !revealed) {
        // Enter on a focused link or button does that control's own job.
        if (event.key === "Enter" && target.closest("a, button")) return;
        event.preventDefault();
        setRevealed(true);
      } else if (/^[1-4]$/.test(event.key) && revealed) {
        event.preventDefault();
        void rate(Number(event.key) as Grade);
      }
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [card, rate, revealed]);

  // The answer takes focus when shown (the button that showed it is gone), so it is read out.
  useEffect(() => {
    if (revealed) answerRef.current?.focus();
  }, [revealed]);

  const status = !online
    ? `Offline — ${plural(waiting, "rating")} waiting`
    : waiting > 0
      ? `${plural(waiting, "rating")} waiting to be sent`
      : note;

  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link to="/review" reloadDocument>
          Review
        </Link>{" "}
        <span aria-hidden="true">›</span> Offline
      </nav>
      <h1 className="page-title">Review offline</h1>
      <p role="status" className="min-h-6 font-medium">
        {phase === "ready" || phase === "no-deck" ? status : null}
      </p>
      {note && status !== note && phase === "ready" ? <p className="text-sm text-muted">{note}</p> : null}
      <noscript>
        <p>Reviewing offline needs JavaScript. With a connection, use the study page instead.</p>
      </noscript>
      {phase === "loading" ? <p>Loading the cards saved on this device…</p> : null}
      {phase === "unsupported" ? (
        <p>This browser cannot keep cards for offline review. Study online from the Review page.</p>
      ) : null}
      {phase === "signed-out" ? (
        <section className="card space-y-2">
          <h2 className="text-lg font-semibold">No cards on this device</h2>
          <p>
            Log in while you are online and open Review: Charted then saves today&apos;s and tomorrow&apos;s cards on
            this device so you can keep reviewing without a connection.
          </p>
          <Link to="/login?redirectTo=/review" reloadDocument className="btn-secondary">
            Log in
          </Link>
        </section>
      ) : null}
      {phase === "no-deck" ? (
        <p>No cards are saved on this device yet. Open Review once while you are online to save them.</p>
      ) : null}
      {phase === "ready" && view ? (
        <>
          <ProgressBar
            value={view.counts.doneToday}
            max={view.counts.doneToday + view.counts.due + view.counts.new}
            label={`${view.counts.doneToday} done today · ${view.counts.due} due · ${view.counts.new} new`}
          />
          {card ? (
            <section aria-labelledby="card-front" className="card space-y-4">
              <p className="text-sm text-muted">
                {card.domainName} ·{" "}
                {card.source === "missed"
                  ? "from a question you missed"
                  : card.source === "own"
                    ? "your card"
                    : card.fields.state === State.New
                      ? "new card"
                      : "review"}
              </p>
              <h2
                id="card-front"
                className="whitespace-pre-line text-xl font-semibold [overflow-wrap:anywhere] sm:text-2xl"
              >
                {card.front}
              </h2>
              {revealed ? (
                <>
                  <hr className="border-line" />
                  <div
                    ref={answerRef}
                    tabIndex={-1}
                    className="whitespace-pre-line text-lg [overflow-wrap:anywhere] focus:outline-none"
                  >
                    {card.back}
                  </div>
                  {/* As online: fixed within thumb reach, so rating never needs a scroll. */}
                  <ActionBar label="Rate this card" width="max-w-2xl">
                    <div className={RATING_ROW}>
                      {([1, 2, 3, 4] as Grade[]).map((g) => (
                        <button
                          key={g}
                          type="button"
                          onClick={() => void rate(g)}
                          className={ratingButtonClass(g)}
                          aria-label={`${GRADE_LABELS[g]}: next review in ${intervals?.[g] ?? ""} (key ${g})`}
                        >
                          <span>{GRADE_LABELS[g]}</span>
                          <span className="text-sm font-normal">{intervals?.[g]}</span>
                        </button>
                      ))}
                    </div>
                  </ActionBar>
                  <p className="text-sm text-muted max-sm:hidden">Keys: 1 Again · 2 Hard · 3 Good · 4 Easy.</p>
                </>
              ) : (
                <>
                  <ActionBar label="Show the answer" width="max-w-2xl">
                    <button type="button" className="btn-primary w-full" onClick={() => setRevealed(true)} autoFocus>
                      Show answer
                    </button>
                  </ActionBar>
                  <p className="text-sm text-muted max-sm:hidden">Key: Space or Enter.</p>
                </>
              )}
            </section>
          ) : (
            <section className="card space-y-2">
              <h2 className="text-lg font-semibold">All done for now</h2>
              <p>
                No more cards saved on this device are due. Your ratings are sent when you are back online, and then
                Charted saves your next cards.
              </p>
            </section>
          )}
          <p className="text-sm text-muted">
            Offline, ratings are scheduled on this device and sent when you reconnect; the server then schedules them
            again, and its schedule counts. Practice exams need a connection, because the server keeps their time.
          </p>
        </>
      ) : null}
    </div>
  );
}
