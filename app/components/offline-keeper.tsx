import { useLocation } from "@remix-run/react";
import { useEffect } from "react";
import { offlineStorageAvailable, setCurrentAccount } from "~/review/offline-store.ts";
import { refreshOfflineDeck, syncWaitingRatings } from "~/review/offline-sync.ts";

// Keeps offline review ready while the learner is online: sends ratings made offline (on any
// page, as soon as there is a connection), saves a fresh offline deck when a review page opens
// (at most once a minute), and records who is signed in, so a deck is never shown to another
// account on a shared computer (signing out deletes it). Renders nothing.

const REFRESH_EVERY_MS = 60_000;
let lastRefresh = 0;

/** `userId`: the signed-in learner, null when signed out, undefined when unknown (an error page). */
export function OfflineKeeper({ userId }: { userId: string | null | undefined }) {
  const location = useLocation();
  const onReviewPage = location.pathname === "/review" || location.pathname.startsWith("/review/");
  // The offline page looks after itself (its copy may be the service worker's, made signed out).
  const skip = location.pathname === "/review/offline" || userId === undefined;

  useEffect(() => {
    if (skip || !offlineStorageAvailable()) return;
    async function keep() {
      if (!navigator.onLine) return;
      await setCurrentAccount(userId ?? null);
      if (!userId) return;
      await syncWaitingRatings(userId);
      if (onReviewPage && Date.now() - lastRefresh > REFRESH_EVERY_MS) {
        lastRefresh = Date.now();
        await refreshOfflineDeck();
      }
    }
    keep().catch(() => {});
    const onOnline = () => void keep().catch(() => {});
    window.addEventListener("online", onOnline);
    return () => window.removeEventListener("online", onOnline);
  }, [skip, userId, onReviewPage, location.key]);

  return null;
}
