// Talking to the server about offline review (browser only): fetching a fresh offline deck and
// sending the ratings made offline. The server's answer for each rating is final, so answered
// ratings leave the queue; a network failure keeps them for the next try.
import { SYNC_BATCH_MAX } from "./forms.ts";
import { decodePack, deckFromPack } from "./offline-session.ts";
import { queuedRatings, removeRatings, replaceDeck, setCurrentAccount } from "./offline-store.ts";

export type SyncOutcome =
  | { kind: "nothing" }
  | { kind: "synced"; sent: number; refused: string[] }
  | { kind: "offline"; waiting: number }
  | { kind: "signed-out"; waiting: number }
  | { kind: "failed"; waiting: number; message: string };

interface ServerResult {
  requestId: string;
  status: "saved" | "merged" | "duplicate" | "refused";
  reason?: string;
  message?: string;
}

const isJson = (res: Response) => (res.headers.get("content-type") ?? "").includes("application/json");

let running: Promise<SyncOutcome> | null = null;

/** Sends `userId`'s waiting ratings, oldest first, in batches. One sync at a time per page. */
export function syncWaitingRatings(userId: string): Promise<SyncOutcome> {
  running ??= send(userId).finally(() => {
    running = null;
  });
  return running;
}

async function send(userId: string): Promise<SyncOutcome> {
  let waiting = await queuedRatings(userId);
  if (waiting.length === 0) return { kind: "nothing" };
  let sent = 0;
  const refused: string[] = [];
  while (waiting.length > 0) {
    const batch = waiting.slice(0, SYNC_BATCH_MAX);
    let res: Response;
    try {
      res = await fetch("/review/sync", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({
          ratings: batch.map(({ requestId, ref, grade, reviewedAt }) => ({ requestId, ref, grade, reviewedAt })),
        }),
      });
    } catch {
      return { kind: "offline", waiting: waiting.length };
    }
    // Not signed in: the server sent the login page instead.
    if (res.redirected || !isJson(res)) return { kind: "signed-out", waiting: waiting.length };
    const body = (await res.json()) as { results?: ServerResult[]; error?: string };
    if (!res.ok || !body.results)
      return {
        kind: "failed",
        waiting: waiting.length,
        message: body.error ?? "The server could not take the ratings.",
      };
    // "busy" means the card was changing at that moment: send it again next time.
    const answered = body.results.filter((r) => !(r.status === "refused" && r.reason === "busy"));
    for (const r of answered) if (r.status === "refused") refused.push(r.message ?? "A rating was refused.");
    sent += answered.length - answered.filter((r) => r.status === "refused").length;
    await removeRatings(answered.map((r) => r.requestId));
    if (answered.length < batch.length) break;
    waiting = await queuedRatings(userId);
  }
  return { kind: "synced", sent, refused };
}

export type RefreshOutcome = "saved" | "kept" | "signed-out" | "offline";

/**
 * Fetches the signed-in learner's offline deck and keeps it (unless ratings are still waiting).
 * Also records who is signed in, which deletes any other account's deck.
 */
export async function refreshOfflineDeck(): Promise<{ outcome: RefreshOutcome; userId: string | null }> {
  let res: Response;
  try {
    res = await fetch("/review/offline-pack", { credentials: "same-origin", headers: { Accept: "application/json" } });
  } catch {
    return { outcome: "offline", userId: null };
  }
  if (res.redirected || !res.ok || !isJson(res)) {
    if (res.redirected) await setCurrentAccount(null);
    return { outcome: res.redirected ? "signed-out" : "offline", userId: null };
  }
  const pack = decodePack(await res.json());
  if (!pack) return { outcome: "offline", userId: null };
  await setCurrentAccount(pack.userId);
  return { outcome: (await replaceDeck(deckFromPack(pack))) ? "saved" : "kept", userId: pack.userId };
}
