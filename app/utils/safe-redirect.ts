// Return URLs (?redirectTo=, hidden form fields) come from the request, so an attacker can
// craft them. Only a plain same-site path survives; anything a browser could read as another
// origin falls back.

// Control characters, backslashes and Unicode spaces or separators: browsers strip or rewrite
// several of them (tab, newline, `\`), so that `/\t/evil.example` becomes `//evil.example`.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_IN_PATH = /[\u0000-\u0020\u007f-\u009f\\\p{Z}\u200b-\u200d\u2060\ufeff]/u;
// eslint-disable-next-line no-control-regex -- as above
const UNSAFE_ANYWHERE = /[\u0000-\u001f\u007f-\u009f\p{Z}\u200b-\u200d\u2060\ufeff]/u;

/** The path if it is a plain same-site path, otherwise the fallback. Never throws. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (!to || typeof to !== "string" || to.length > 2048 || UNSAFE_ANYWHERE.test(to)) return fallback;
  // Only the path can change the origin; the query may hold encoded spaces and the like.
  let path = to.split(/[?#]/, 1)[0];
  // Percent-encoding can hide what is checked (`/%09/evil`, `/%5Cevil`, `%2F%2Fevil`): check every
  // decoding layer a proxy or client might apply.
  for (let layer = 0; layer < 4; layer++) {
    if (!path.startsWith("/") || path.startsWith("//") || UNSAFE_IN_PATH.test(path)) return fallback;
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return fallback;
    }
    if (decoded === path) break;
    path = decoded;
  }
  // Last word: the URL parser must agree that the target stays on this origin.
  try {
    const base = "http://charted.invalid";
    if (new URL(to, base).origin !== base) return fallback;
  } catch {
    return fallback;
  }
  return to;
}
