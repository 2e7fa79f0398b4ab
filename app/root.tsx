import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorPage } from "./components/error-page.tsx";
import { FocusHeader, useFocusMode } from "./components/focus-header.tsx";
import { OfflineKeeper } from "./components/offline-keeper.tsx";
import { SiteHeader } from "./components/site-header.tsx";
import fontStylesheet from "@fontsource-variable/atkinson-hyperlegible-next/wght.css?url";
import fontLatin from "@fontsource-variable/atkinson-hyperlegible-next/files/atkinson-hyperlegible-next-latin-wght-normal.woff2?url";
import stylesheet from "./tailwind.css?url";
import { authenticate } from "./utils/auth.server.ts";
import type { DateFormat } from "./utils/dates.ts";
import { requestLocale } from "./utils/locale.server.ts";
import { useNonce } from "./utils/nonce.ts";
import { getTheme } from "./utils/theme.server.ts";

/** The installed app's title bar (public/manifest.webmanifest has the same colour). */
const THEME_COLOR = "#0b5cad";

export const links: LinksFunction = () => [
  // The variable font is self-hosted (bundled by Vite; CSP font-src 'self'); the Latin file is
  // preloaded so text does not reflow when it arrives.
  { rel: "preload", href: fontLatin, as: "font", type: "font/woff2", crossOrigin: "anonymous" },
  { rel: "stylesheet", href: fontStylesheet },
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "manifest", href: "/manifest.webmanifest" },
  { rel: "apple-touch-icon", href: "/icons/apple-touch-icon.png" },
];

export const meta: MetaFunction = () => [
  { title: "Charted: CMAA exam prep" },
  { name: "description", content: "Lessons, timed mock exams and spaced review for the NHA CMAA exam." },
  { name: "theme-color", content: THEME_COLOR },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const [{ user, setCookie }, theme] = await Promise.all([authenticate(request), getTheme(request)]);
  const headers = new Headers();
  if (setCookie) headers.append("Set-Cookie", setCookie);
  // One locale and zone per request for dates formatted in render (useDates), so the server's
  // page and the hydrated page agree. Visitors have no zone yet: UTC.
  const dates: DateFormat = { locale: requestLocale(request), timeZone: user?.timeZone ?? "UTC" };
  return data(
    { user: user ? { id: user.id, name: user.name, email: user.email, role: user.role } : null, theme, dates },
    { headers },
  );
}

export type RootData = Awaited<ReturnType<typeof loader>>["data"];

export function Layout({ children }: { children: ReactNode }) {
  const root = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  const theme = root?.theme ?? "system";
  const focus = useFocusMode();
  return (
    <html lang="en" data-theme={theme === "system" ? undefined : theme}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-screen bg-page text-ink">
        <a
          href="#main"
          className="sr-only z-50 rounded-md bg-brand px-4 py-2 text-brand-ink focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
        >
          Skip to main content
        </a>
        {/* Exam and review screens ask for focus mode: a one-line bar instead of the site header. */}
        {focus ? <FocusHeader focus={focus} /> : <SiteHeader user={root?.user ?? null} theme={theme} />}
        <main
          id="main"
          tabIndex={-1}
          className={`mx-auto w-full max-w-5xl px-4 focus:outline-none ${focus ? "py-3 sm:py-6" : "py-6 sm:py-8"}`}
        >
          {children}
        </main>
        <footer className="mx-auto max-w-5xl px-4 pb-8 text-sm text-muted">
          Charted is independent study material and is not affiliated with the NHA.
        </footer>
        <OfflineKeeper userId={root ? (root.user?.id ?? null) : undefined} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    return <ErrorPage status={error.status} message={typeof error.data === "string" ? error.data : undefined} />;
  }
  console.error(error);
  return <ErrorPage status={500} />;
}
