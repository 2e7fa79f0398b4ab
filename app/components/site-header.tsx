import { Form, Link, NavLink, useFetcher, useLocation } from "@remix-run/react";
import {
  BookA,
  BookOpen,
  ChartLine,
  ChevronDown,
  ClipboardCheck,
  Compass,
  Flag,
  Layers,
  type LucideIcon,
  Search,
  Shield,
  Users,
} from "lucide-react";
import type { Role } from "~/utils/roles.ts";
import { Truncate } from "./truncate.tsx";

type Theme = "system" | "light" | "dark";
interface HeaderUser {
  name: string;
  email: string;
  role: Role;
}

// Sections of the app; `instructor` items show for instructors and admins, `admin` items for admins.
export const NAV_ITEMS: { to: string; label: string; icon: LucideIcon; instructor?: boolean; admin?: boolean }[] = [
  { to: "/learn", label: "Learn", icon: BookOpen },
  { to: "/practice", label: "Practice", icon: ClipboardCheck },
  { to: "/review", label: "Review", icon: Layers },
  { to: "/progress", label: "Progress", icon: ChartLine },
  { to: "/glossary", label: "Glossary", icon: BookA },
  { to: "/search", label: "Search", icon: Search },
  { to: "/classes", label: "Classes", icon: Users, instructor: true },
  { to: "/reports/queue", label: "Reports", icon: Flag, admin: true },
  { to: "/admin", label: "Admin", icon: Shield, admin: true },
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
              `flex min-h-11 items-center gap-1.5 rounded-md px-2.5 font-medium whitespace-nowrap no-underline ${isActive ? "bg-brand-soft text-ink" : "text-ink hover:bg-raised"}`
            }
          >
            <item.icon aria-hidden="true" className="size-4 flex-none text-brand" />
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
      {/* One row from 1280 px up (wider than the page so an admin's nine sections fit); below
          that the nav takes its own row and wraps. */}
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-3 gap-y-2 px-4 py-2 xl:max-w-7xl xl:flex-nowrap">
        <Link to="/" className="mr-1 flex items-center gap-2 text-xl font-bold whitespace-nowrap text-ink no-underline">
          <span className="grid size-8 place-items-center rounded-lg bg-brand text-brand-ink" aria-hidden="true">
            <Compass className="size-5" strokeWidth={2.25} />
          </span>
          Charted
        </Link>
        <nav aria-label="Main" className="order-3 w-full xl:order-none xl:w-auto">
          <ul className="flex flex-wrap gap-0.5 xl:flex-nowrap">
            <NavItems user={user} />
          </ul>
        </nav>
        <div className="ml-auto flex items-center gap-2">
          {user ? (
            <details className="relative">
              <summary className="flex min-h-11 max-w-[11rem] cursor-pointer list-none items-center gap-1 rounded-md border border-line px-3 font-medium sm:max-w-[16rem]">
                <span className="sr-only">Account menu for </span>
                <Truncate text={user.name} inControl className="min-w-0" />
                <ChevronDown aria-hidden="true" className="size-4 flex-none" />
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
