// The browser's copy for offline review, in IndexedDB (browser only: call from effects and event
// handlers). Three stores: "meta" (which account this browser last saw signed in), "decks" (one
// offline deck per account) and "queue" (ratings waiting to be sent, each with its account).
// A deck is only ever shown to the account it belongs to, and it is deleted when another
// account (or nobody) is seen signed in; waiting ratings stay until their own account syncs them.
import { decodeDeck, type OfflineDeck, type QueuedRating } from "./offline-session.ts";

const DB_NAME = "charted-offline";
const DB_VERSION = 1;

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error("IndexedDB request failed"));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error("IndexedDB transaction failed"));
    tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction aborted"));
  });
}

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains("meta")) db.createObjectStore("meta");
      if (!db.objectStoreNames.contains("decks")) db.createObjectStore("decks", { keyPath: "userId" });
      if (!db.objectStoreNames.contains("queue")) db.createObjectStore("queue", { keyPath: "requestId" });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => {
      opening = null;
      reject(req.error ?? new Error("IndexedDB is not available"));
    };
  });
  return opening;
}

export function offlineStorageAvailable() {
  return typeof indexedDB !== "undefined";
}

/** The account last seen signed in on this browser (null: signed out). */
export async function currentAccount(): Promise<string | null> {
  const db = await open();
  const value = await request(db.transaction("meta").objectStore("meta").get("account"));
  return typeof value === "string" ? value : null;
}

/** Records who is signed in; every other account's deck (cards and answers) is deleted. */
export async function setCurrentAccount(userId: string | null) {
  const db = await open();
  const tx = db.transaction(["meta", "decks"], "readwrite");
  tx.objectStore("meta").put(userId, "account");
  const decks = tx.objectStore("decks");
  const keys = await request(decks.getAllKeys());
  for (const key of keys) if (key !== userId) decks.delete(key);
  await done(tx);
}

export async function loadDeck(userId: string): Promise<OfflineDeck | null> {
  const db = await open();
  return decodeDeck(await request(db.transaction("decks").objectStore("decks").get(userId)));
}

/** Ratings waiting for `userId`, oldest first. */
export async function queuedRatings(userId: string): Promise<QueuedRating[]> {
  const db = await open();
  const all = (await request(db.transaction("queue").objectStore("queue").getAll())) as QueuedRating[];
  return all.filter((r) => r.userId === userId).sort((a, b) => a.reviewedAt.localeCompare(b.reviewedAt));
}

/**
 * Replaces the account's deck with a fresh one from the server, unless ratings are waiting: the
 * local deck already has them, and the server's copy does not until they are synced.
 */
export async function replaceDeck(deck: OfflineDeck): Promise<boolean> {
  const db = await open();
  const tx = db.transaction(["decks", "queue"], "readwrite");
  const waiting = ((await request(tx.objectStore("queue").getAll())) as QueuedRating[]).some(
    (r) => r.userId === deck.userId,
  );
  if (!waiting) tx.objectStore("decks").put(deck);
  await done(tx);
  return !waiting;
}

/** Saves a rating made offline: the deck's new state and the rating to send, together. */
export async function recordRating(deck: OfflineDeck, rating: QueuedRating) {
  const db = await open();
  const tx = db.transaction(["decks", "queue"], "readwrite");
  tx.objectStore("decks").put(deck);
  tx.objectStore("queue").put(rating);
  await done(tx);
}

/** Drops ratings the server has answered for (saved, merged, already saved, or refused for good). */
export async function removeRatings(requestIds: string[]) {
  const db = await open();
  const tx = db.transaction("queue", "readwrite");
  for (const id of requestIds) tx.objectStore("queue").delete(id);
  await done(tx);
}
