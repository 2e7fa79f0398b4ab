import { ErrorPage } from "~/components/error-page.tsx";

// Any unknown URL: a real 404 status with a helpful page.
export async function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return <ErrorPage status={404} />;
}

export function ErrorBoundary() {
  return <ErrorPage status={404} />;
}
