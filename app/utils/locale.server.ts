// The reader's locale for dates, from the browser's Accept-Language (no stored preference: the
// browser already says which language its person reads). Computed per request; the root loader
// sends it to the browser so components format with the same locale the server used.
import { negotiateLocale } from "./dates.ts";

export function requestLocale(request: Request): string {
  return negotiateLocale(request.headers.get("Accept-Language"));
}
