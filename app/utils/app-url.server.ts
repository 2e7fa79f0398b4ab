// The site's public address (APP_URL), for links that leave the browser: emails, calendar
// feeds, LTI. Without APP_URL (a quickstart on one machine) it is the local server's address.
export function appUrl(): URL {
  const configured = process.env.APP_URL;
  if (configured) return new URL(configured);
  return new URL(`http://localhost:${process.env.PORT ?? 3000}`);
}

/** An absolute link to a path of this site. */
export function absoluteUrl(path: string, query?: Record<string, string>): string {
  const url = new URL(path, appUrl());
  for (const [key, value] of Object.entries(query ?? {})) url.searchParams.set(key, value);
  return url.toString();
}
