// The admin area's frame: every page under /admin is for admins only (each child loader checks
// too, since Remix runs child loaders in parallel with this one).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { requireRole } from "~/utils/auth.server.ts";

export const ADMIN_SECTIONS = [
  { to: "/admin/users", label: "Users" },
  { to: "/admin/invitations", label: "Instructor invitations" },
  { to: "/admin/requests", label: "Instructor requests" },
  { to: "/admin/lti", label: "LTI platforms" },
  { to: "/admin/audit", label: "Audit log" },
] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return null;
}

export default function AdminLayout() {
  return (
    <div className="space-y-6">
      <nav aria-label="Administration">
        <ul className="flex flex-wrap gap-2 border-b border-line pb-2">
          {ADMIN_SECTIONS.map((section) => (
            <li key={section.to}>
              <NavLink
                to={section.to}
                className={({ isActive }) =>
                  `block rounded-md px-3 py-2 font-medium no-underline ${isActive ? "bg-brand-soft text-ink" : "text-ink hover:bg-raised"}`
                }
              >
                {section.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
