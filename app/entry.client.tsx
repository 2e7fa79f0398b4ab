import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  );
});

// The service worker (public/sw.js) keeps the offline review page and its assets, so the
// installed app opens without a connection. Production builds only: the dev server's modules
// are not the hashed assets it keeps. On each full page load it is asked to check its copy
// against the current build (after a deploy, the assets' names change).
if (import.meta.env.PROD && "serviceWorker" in navigator) {
  const register = () =>
    navigator.serviceWorker
      .register("/sw.js", { scope: "/" })
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        if (navigator.onLine) registration.active?.postMessage({ type: "refresh-shell" });
      })
      .catch((error: unknown) => console.warn("Offline review is not available:", error));
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
}
