import { Form, Link, NavLink, useFetcher, useLocation } from "@remix-run/react";
import type { Role } from "~/utils/roles.ts";
import { Truncate } from "./truncate.tsx";

type Theme = "system" | "light" | "dark";
interface HeaderUser {
  name: string;
  email: string;
  role: Role;
}

// Sections of the app; `instructor` items show for instructors and admins, `admin` items for admins.
export const NAV_ITEMS: { to: string; label: string; instructor?: boolean; admin?: boolean }[] = [
  { to: "/learn", label: "Learn" },
  { to: "/practice", label: "Practice" },
  { to: "/review", label: "Review" },
  { to: "/progress", label: "Progress" },
  { to: "/glossary", label: "Glossary" },
  { to: "/search", label: "Search" },
  { to: "/classes", label: "Classes", instructor: true },
  { to: "/reports/queue", label: "Reports", admin: true },
  { to: "/admin", label: "Admin", admin: true },
];

function NavItems({ user }: { user: HeaderUser | null }) {
  const items = NAV_ITEMS.filter(
    (item) =>
      (!item.instructor || (user && user.role !== "student")) && (!item.admin || (user && user.role === "admin")),
  );
  return (
    <>
      {items.map((item) => (
        <li key={item.to}>
          <NavLink
            to={item.to}
            className={({ isActive }) =>
              `block rounded-md px-3 py-2 font-medium no-underline ${isActive ? "bg-brand-soft text-ink" : "text-ink hover:bg-raised"}`
            }
          >
            {item.label}
          </NavLink>
        </li>
      ))}
    </>
  );
}

export function ThemeToggle({ theme }: { theme: Theme }) {
  const fetcher = useFetcher();
  const location = useLocation();
  // Optimistic: show the submitted choice at once.
  const current = (fetcher.formData?.get("theme") as Theme | null) ?? theme;
  const options: { value: Theme; label: string }[] = [
    { value: "system", label: "System" },
    { value: "light", label: "Light" },
    { value: "dark", label: "Dark" },
  ];
  return (
    <fetcher.Form method="post" action="/theme" className="flex items-center gap-1" aria-label="Colour theme">
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      <span className="sr-only">Theme:</span>
      {options.map((option) => (
        <button
          key={option.value}
          type="submit"
          name="theme"
          value={option.value}
          aria-pressed={current === option.value}
          className={`min-h-11 min-w-11 rounded-md border px-2 text-sm ${
            current === option.value ? "border-brand bg-brand-soft font-semibold" : "border-line bg-surface"
          }`}
        >
          {option.label}
        </button>
      ))}
    </fetcher.Form>
  );
}

export function SiteHeader({ user, theme }: { user: HeaderUser | null; theme: Theme }) {
  return (
    <header className="border-b border-line bg-surface">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2">
        <Link to="/" className="mr-2 text-xl font-bold text-ink no-underline">
          <span aria-hidden="true">◆ </span>Charted
        </Link>
        <nav aria-label="Main" className="order-3 w-full sm:order-none sm:w-auto">
          <ul className="flex flex-wrap gap-1">
            <NavItems user={user} />
          </ul>
        </nav>
        <div className="ml-auto flex items-center gap-2">
          {user ? (
            <details className="relative">
              <summary className="flex min-h-11 max-w-[11rem] cursor-pointer list-none items-center rounded-md border border-line px-3 font-medium sm:max-w-[16rem]">
                <span className="sr-only">Account menu for </span>
                <Truncate text={user.name} inControl className="min-w-0" />
                <span aria-hidden="true" className="ml-1">
                  ▾
                </span>
              </summary>
              <div className="absolute right-0 z-20 mt-1 w-64 max-w-[calc(100vw-2rem)] rounded-md border border-line bg-surface p-3 shadow-lg">
                <p className="mb-2 text-sm text-muted">
                  Signed in as <Truncate text={user.email} className="font-medium text-ink" /> ({user.role})
                </p>
                <ul className="space-y-1">
                  <li>
                    <Link to="/account" className="block rounded px-2 py-2 hover:bg-raised">
                      Account settings
                    </Link>
                  </li>
                  <li>
                    <Link to="/join" className="block rounded px-2 py-2 hover:bg-raised">
                      My classes
                    </Link>
                  </li>
                  <li>
                    <Form method="post" action="/logout">
                      <button type="submit" className="w-full rounded px-2 py-2 text-left hover:bg-raised">
                        Log out
                      </button>
                    </Form>
                  </li>
                </ul>
                <div className="mt-3 border-t border-line pt-3">
                  <ThemeToggle theme={theme} />
                </div>
              </div>
            </details>
          ) : (
            <>
              <ThemeToggle theme={theme} />
              <Link to="/login" className="btn-secondary">
                Log in
              </Link>
              <Link to="/register" className="btn-primary hidden sm:inline-flex">
                Sign up
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
