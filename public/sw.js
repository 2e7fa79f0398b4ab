// Charted's service worker: offline review and the installed app.
//
// It keeps one cache: the offline review page (/review/offline), the hashed assets that page
// loads, the offline notice, the manifest and the icons. The review page is fetched here
// WITHOUT cookies, so the copy holds nobody's name or cards (the cards live in the browser's
// IndexedDB, per account). Every other page, signed in or not, always comes from the network
// and is never stored: one person's pages are never shown to another.
//
// Offline, a page that cannot load gets the offline notice (reviews work offline, exams need
// a connection); the review pages go to the offline review page.

const CACHE = "charted-offline-v1";
const SHELL = "/review/offline";
const NOTICE = "/offline.html";
const STATIC = [NOTICE, "/manifest.webmanifest", "/favicon.svg", "/icons/icon-192.png", "/icons/icon-512.png"];
// Pages ask for a check on every full load; once in a few minutes is enough.
const REFRESH_EVERY_MS = 5 * 60_000;
let lastRefresh = 0;

/** Fetches the offline page signed out, stores it with every asset it names, and drops the rest. */
async function refreshShell() {
  lastRefresh = Date.now();
  const response = await fetch(SHELL, { credentials: "omit", cache: "no-store" });
  const type = response.headers.get("content-type") ?? "";
  if (!response.ok || response.redirected || !type.includes("text/html")) return;
  const html = await response.clone().text();
  const assets = new Set([...html.matchAll(/["'](\/assets\/[^"'\s?#]+)["']/g)].map((m) => m[1]));
  // Fonts and images the stylesheets use.
  for (const css of [...assets].filter((a) => a.endsWith(".css"))) {
    const text = await fetch(css).then((r) => (r.ok ? r.text() : ""));
    for (const m of text.matchAll(/url\(["']?(\/assets\/[^"')?#]+)/g)) assets.add(m[1]);
  }
  const cache = await caches.open(CACHE);
  const wanted = [...assets, ...STATIC];
  const missing = [];
  for (const url of wanted) if (url.startsWith("/assets/") && !(await cache.match(url))) missing.push(url);
  await cache.addAll([...missing, ...STATIC]);
  // Last, so a cached page never names an asset the cache lacks.
  await cache.put(SHELL, response);
  const keep = new Set([...wanted, SHELL].map((u) => new URL(u, self.location.origin).href));
  for (const request of await cache.keys()) if (!keep.has(request.url)) await cache.delete(request);
}

self.addEventListener("install", (event) => {
  // A failed first copy (offline) does not stop the install: the next page load tries again.
  event.waitUntil(refreshShell().catch(() => undefined));
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
      // Pages load while the worker starts, instead of after (it only adds an offline fallback).
      .then(() => self.registration.navigationPreload?.enable())
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data?.type === "refresh-shell" && Date.now() - lastRefresh > REFRESH_EVERY_MS)
    event.waitUntil(refreshShell().catch(() => undefined));
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") event.respondWith(navigate(event, url));
  else if (url.pathname.startsWith("/assets/")) event.respondWith(cacheFirst(request));
  else if (STATIC.includes(url.pathname)) event.respondWith(networkFirst(request));
});

async function navigate(event, url) {
  try {
    return (await event.preloadResponse) ?? (await fetch(event.request));
  } catch (error) {
    const cache = await caches.open(CACHE);
    const shell = await cache.match(SHELL);
    if (shell && url.pathname === SHELL) return shell;
    if (shell && (url.pathname === "/review" || url.pathname.startsWith("/review/")))
      return Response.redirect(SHELL, 302);
    const notice = await cache.match(NOTICE);
    if (notice) return notice;
    throw error;
  }
}

/** Hashed assets never change: the stored copy when there is one, else the network (not stored). */
async function cacheFirst(request) {
  return (await caches.match(request, { cacheName: CACHE })) ?? fetch(request);
}

async function networkFirst(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const cached = await caches.match(request, { cacheName: CACHE });
    if (cached) return cached;
    throw error;
  }
}
